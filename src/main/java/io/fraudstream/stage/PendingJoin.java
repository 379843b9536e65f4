package io.fraudstream.stage;

import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.metrics.JoinMeters;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pending join: labels meet what was scored, by transaction id, in either order of arrival, and make a
 * {@link LabelledOutcome} carrying the score as it was at decision time.
 *
 * <p>A scored transaction whose label has not come within the horizon (event time) is taken as legitimate, as
 * chargeback windows work, and emitted with source {@code horizon}; a label whose transaction never came is dropped
 * and counted. Expiry reads an index ordered by time, then id, so each call reads only what has expired: state stays
 * bounded by the horizon's worth of traffic.
 */
public final class PendingJoin {
    /** Pending entries by transaction id, and the expiry index. */
    public interface Store {
        PendingEntry get(String id);

        void put(String id, PendingEntry entry);

        void delete(String id);

        /** Notes that {@code id} expires from event time {@code time}. */
        void index(long time, String id);

        /** The entry of {@code id} indexed at {@code time} is gone or indexed anew (a store may leave it to expiry). */
        void unindex(long time, String id);

        /**
         * Takes out of the index, and returns, the ids indexed at times up to {@code upTo}: by time, then id. An id
         * may come whose entry is gone or was indexed anew later (a store that unindexes lazily): the join checks.
         */
        List<String> expired(long upTo);
    }

    private final Store store;
    private final long horizonMs;
    private final JoinMeters meters;
    private final Consumer<LabelledOutcome> out;

    public PendingJoin(final Store store, final Duration horizon, final JoinMeters meters,
                       final Consumer<LabelledOutcome> out) {
        this.store = store;
        this.horizonMs = horizon.toMillis();
        this.meters = meters;
        this.out = outcome -> {
            meters.outcomeJoined();
            out.accept(outcome);
        };
    }

    /** How often (stream time) expiry should run: a tenth of the horizon, between 1 s and 1 h. */
    public static Duration expiryInterval(final Duration horizon) {
        return Duration.ofMillis(Math.max(1000, Math.min(horizon.toMillis() / 10, Duration.ofHours(1).toMillis())));
    }

    public void scored(final ScoredTransaction s) {
        meters.pendingTransaction();
        final PendingEntry existing = store.get(s.transactionId());
        if (existing != null && existing.label() != null) {
            remove(s.transactionId(), existing);
            out.accept(LabelledOutcome.of(s, existing.label().fraud(), existing.label().timestamp(),
                    LabelledOutcome.SOURCE_LABEL));
            return;
        }
        if (existing != null) {
            store.unindex(existing.since(), s.transactionId()); // a re-sent transaction: latest wins
        }
        final PendingEntry entry = new PendingEntry(s, null);
        store.put(s.transactionId(), entry);
        store.index(entry.since(), s.transactionId());
    }

    public void label(final Label label) {
        meters.label(label.fraud());
        final String id = label.transactionId();
        final PendingEntry existing = store.get(id);
        if (existing != null && existing.scored() != null) {
            remove(id, existing);
            out.accept(LabelledOutcome.of(existing.scored(), label.fraud(), label.timestamp(),
                    LabelledOutcome.SOURCE_LABEL));
            return;
        }
        if (existing != null) {
            store.unindex(existing.since(), id); // a corrected label replaces the earlier one
        }
        final PendingEntry entry = new PendingEntry(null, label);
        store.put(id, entry);
        store.index(entry.since(), id);
    }

    /** Emits, as legitimate, every transaction whose horizon has passed at {@code streamTime}. */
    public void expire(final long streamTime) {
        final long upTo = streamTime - horizonMs;
        for (String id : store.expired(upTo)) {
            final PendingEntry entry = store.get(id);
            if (entry == null || entry.since() > upTo) {
                continue; // joined already, or indexed anew for a later time
            }
            store.delete(id);
            if (entry.scored() != null) {
                out.accept(LabelledOutcome.of(entry.scored(), false, entry.scored().eventTime() + horizonMs,
                        LabelledOutcome.SOURCE_HORIZON));
            } else {
                meters.labelUnmatched();
            }
        }
    }

    private void remove(final String id, final PendingEntry entry) {
        store.delete(id);
        store.unindex(entry.since(), id);
    }
}
