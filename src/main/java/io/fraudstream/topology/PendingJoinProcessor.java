package io.fraudstream.topology;

import io.fraudstream.codec.PendingCodec;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.metrics.JoinMeters;
import io.fraudstream.stage.PendingJoin;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams adapter of {@link PendingJoin}: entries and their expiry index in one store
 * ({@link StoreAdapters#pending}), expiry on a stream-time punctuation. Outcomes are stamped with their label time.
 */
final class PendingJoinProcessor implements Processor<String, PendingInput, String, LabelledOutcome> {
    private final String storeName;
    private final PendingCodec codec;
    private final Duration horizon;
    private final JoinMeters meters;
    private PendingJoin join;

    PendingJoinProcessor(final String storeName, final PendingCodec codec, final Duration horizon,
                         final JoinMeters meters) {
        this.storeName = storeName;
        this.codec = codec;
        this.horizon = horizon;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, LabelledOutcome> context) {
        join = new PendingJoin(StoreAdapters.pending(context.getStateStore(storeName), codec), horizon, meters,
                outcome -> context.forward(new Record<>(outcome.transactionId(), outcome,
                        Math.max(outcome.labelTime(), 0))));
        context.schedule(PendingJoin.expiryInterval(horizon), PunctuationType.STREAM_TIME, join::expire);
    }

    @Override
    public void process(final Record<String, PendingInput> record) {
        final PendingInput in = record.value();
        if (in.scored() != null) {
            join.scored(in.scored());
        } else {
            join.label(in.label());
        }
    }
}
