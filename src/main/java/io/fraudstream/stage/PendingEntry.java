package io.fraudstream.stage;

import io.fraudstream.event.Label;
import io.fraudstream.event.ScoredTransaction;

/**
 * What the pending store holds per transaction id: the scored transaction waiting for its label, or a label
 * that arrived before its transaction was scored. Never both: the join emits as soon as both are there.
 */
public record PendingEntry(ScoredTransaction scored, Label label) {
    /** Event time by which this entry expires from: the transaction's time, or the early label's time. */
    public long since() {
        return scored != null ? scored.eventTime() : label.timestamp();
    }
}
