package io.fraudstream.topology;

import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.metrics.ScoringMeters;
import io.fraudstream.stage.EnrichedTransaction;
import io.fraudstream.stage.Scoring;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Kafka Streams adapter of {@link Scoring}: scores with the global store's model; re-keys by transaction id. */
final class ScoreProcessor implements Processor<String, EnrichedTransaction, String, ScoredTransaction> {
    private final String modelStoreName;
    private final Scoring scoring;
    private final ScoringMeters meters;
    private ProcessorContext<String, ScoredTransaction> context;
    private ModelStore models;

    ScoreProcessor(final String modelStoreName, final Scoring scoring, final ScoringMeters meters) {
        this.modelStoreName = modelStoreName;
        this.scoring = scoring;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, ScoredTransaction> context) {
        this.context = context;
        this.models = context.getStateStore(modelStoreName);
    }

    @Override
    public void process(final Record<String, EnrichedTransaction> record) {
        final long start = System.nanoTime();
        final ScoredTransaction s = scoring.score(record.value(), models.current(), context.currentSystemTimeMs());
        meters.scored(System.nanoTime() - start, s.decision().name());
        context.forward(record.withKey(s.transactionId()).withTimestamp(s.eventTime()).withValue(s));
    }
}
