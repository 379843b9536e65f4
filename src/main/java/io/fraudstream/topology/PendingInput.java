package io.fraudstream.topology;

import io.fraudstream.event.Label;
import io.fraudstream.event.ScoredTransaction;

/** Either a scored transaction or a label, merged into one stream for the pending join (exactly one is set). */
record PendingInput(ScoredTransaction scored, Label label) {
    static PendingInput of(final ScoredTransaction scored) {
        return new PendingInput(scored, null);
    }

    static PendingInput of(final Label label) {
        return new PendingInput(null, label);
    }
}
