package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins labels to what was scored, by transaction id, in either order of arrival, and emits a
 * {@link LabelledOutcome} carrying the score as it was at decision time.
 *
 * <p>A scored transaction whose label has not come within the horizon (event time) is taken as legitimate,
 * as chargeback windows work, and emitted with source {@code horizon}; a label whose transaction never came
 * is dropped and counted. Expiry runs on stream time from a second store, an index ordered by time
 * ({@code <19-digit epoch ms>|<id>}), so each punctuation reads only what has expired: state stays bounded
 * by the horizon's worth of traffic.
 */
final class PendingJoinProcessor implements Processor<String, PendingInput, String, LabelledOutcome> {
    private final String pendingStoreName;
    private final String expiryStoreName;
    private final long horizonMs;
    private final FraudMeters meters;
    private ProcessorContext<String, LabelledOutcome> context;
    private KeyValueStore<String, PendingEntry> pending;
    private KeyValueStore<String, byte[]> expiry;

    PendingJoinProcessor(final String pendingStoreName, final String expiryStoreName, final Duration horizon,
                         final FraudMeters meters) {
        this.pendingStoreName = pendingStoreName;
        this.expiryStoreName = expiryStoreName;
        this.horizonMs = horizon.toMillis();
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, LabelledOutcome> context) {
        this.context = context;
        this.pending = context.getStateStore(pendingStoreName);
        this.expiry = context.getStateStore(expiryStoreName);
        final long interval = Math.max(1000, Math.min(horizonMs / 10, Duration.ofHours(1).toMillis()));
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(final Record<String, PendingInput> record) {
        final PendingInput in = record.value();
        if (in.scored() != null) {
            onScored(in.scored());
        } else {
            onLabel(in.label());
        }
    }

    private void onScored(final ScoredTransaction s) {
        meters.pendingTransaction();
        final PendingEntry existing = pending.get(s.transactionId());
        if (existing != null && existing.label() != null) {
            remove(s.transactionId(), existing);
            emit(LabelledOutcome.of(s, existing.label().fraud(), existing.label().timestamp(),
                    LabelledOutcome.SOURCE_LABEL));
            return;
        }
        if (existing != null) {
            expiry.delete(indexKey(existing.since(), s.transactionId())); // a re-sent transaction: latest wins
        }
        final PendingEntry entry = new PendingEntry(s, null);
        pending.put(s.transactionId(), entry);
        expiry.put(indexKey(entry.since(), s.transactionId()), new byte[0]);
    }

    private void onLabel(final Label label) {
        meters.label(label.fraud());
        final String id = label.transactionId();
        final PendingEntry existing = pending.get(id);
        if (existing != null && existing.scored() != null) {
            remove(id, existing);
            emit(LabelledOutcome.of(existing.scored(), label.fraud(), label.timestamp(), LabelledOutcome.SOURCE_LABEL));
            return;
        }
        if (existing != null) {
            expiry.delete(indexKey(existing.since(), id)); // a corrected label replaces the earlier one
        }
        final PendingEntry entry = new PendingEntry(null, label);
        pending.put(id, entry);
        expiry.put(indexKey(entry.since(), id), new byte[0]);
    }

    private void expire(final long streamTime) {
        final String upTo = indexKey(streamTime - horizonMs, "\uffff");
        final java.util.List<String> expired = new java.util.ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = expiry.range(indexKey(0, ""), upTo)) {
            while (it.hasNext()) {
                final KeyValue<String, byte[]> kv = it.next();
                expired.add(kv.key);
            }
        }
        for (String key : expired) {
            expiry.delete(key);
            final String id = key.substring(20);
            final PendingEntry entry = pending.get(id);
            if (entry == null) {
                continue;
            }
            pending.delete(id);
            if (entry.scored() != null) {
                emit(LabelledOutcome.of(entry.scored(), false, entry.scored().eventTime() + horizonMs,
                        LabelledOutcome.SOURCE_HORIZON));
            } else {
                meters.labelUnmatched();
            }
        }
    }

    private void remove(final String id, final PendingEntry entry) {
        pending.delete(id);
        expiry.delete(indexKey(entry.since(), id));
    }

    private void emit(final LabelledOutcome outcome) {
        context.forward(new Record<>(outcome.transactionId(), outcome, Math.max(outcome.labelTime(), 0)));
    }

    static String indexKey(final long time, final String id) {
        final String t = Long.toString(Math.max(time, 0));
        return "0".repeat(19 - t.length()) + t + '|' + id;
    }
}
