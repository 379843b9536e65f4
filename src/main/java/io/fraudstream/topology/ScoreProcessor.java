package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.Decision;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.feature.FeatureVector;
import io.fraudstream.learn.Model;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Scores each valid transaction with the current model, with its top reasons; re-keys by transaction id. */
final class ScoreProcessor implements Processor<String, EnrichedTransaction, String, ScoredTransaction> {
    static final int REASONS = 3;
    private final String modelStoreName;
    private final FeatureExtractor extractor;
    private final FraudMeters meters;
    private ProcessorContext<String, ScoredTransaction> context;
    private ModelStore models;

    ScoreProcessor(final String modelStoreName, final FeatureExtractor extractor, final FraudMeters meters) {
        this.modelStoreName = modelStoreName;
        this.extractor = extractor;
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
        final Transaction t = record.value().transaction();
        final Model model = models.current();
        final FeatureVector x = extractor.extract(t, record.value().history());
        final Model.Assessment assessed = model.assess(x, REASONS);
        final double score = assessed.score();
        final Decision decision = model.decide(score);
        meters.scored(System.nanoTime() - start, decision.name());
        context.forward(record.withKey(t.id()).withTimestamp(t.timestamp()).withValue(
                new ScoredTransaction(t.id(), t.timestamp(), t.amount(), t.cardId(), t.merchantId(), x, score, decision,
                        model.thresholdFor(decision), model.version(), context.currentSystemTimeMs(),
                        assessed.reasons())));
    }
}
