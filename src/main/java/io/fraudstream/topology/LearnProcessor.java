package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.ModelSnapshot;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of models, on the one partition of the outcomes topic, so versions are totally ordered:
 * hands each labelled outcome to {@link Learning} (online update, class reservoirs, holdout, retraining rounds
 * with champion and challenger) and publishes every promoted challenger to the model topic. Learning's whole
 * state — learner, champion, reservoirs, holdout — is written to changelogged stores as it changes, and read
 * back at start, so under exactly-once a restart resumes exactly. A model on the model topic newer than the
 * learner's own (a rollback) becomes the champion, and versions continue after it.
 */
final class LearnProcessor implements Processor<String, LabelledOutcome, String, ModelSnapshot> {
    private final String storeName;
    private final String holdoutStoreName;
    private final String modelStoreName;
    private final Learning.Config config;
    private final ModelSnapshot prior;
    private final FraudMeters meters;
    private ProcessorContext<String, ModelSnapshot> context;
    private Learning learning;
    private Learning.Sink sink;
    private ModelStore models;

    LearnProcessor(final String storeName, final String holdoutStoreName, final String modelStoreName,
                   final Learning.Config config, final ModelSnapshot prior, final FraudMeters meters) {
        this.storeName = storeName;
        this.holdoutStoreName = holdoutStoreName;
        this.modelStoreName = modelStoreName;
        this.config = config;
        this.prior = prior;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, ModelSnapshot> context) {
        this.context = context;
        final KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
        final KeyValueStore<Integer, byte[]> holdoutStore = context.getStateStore(holdoutStoreName);
        this.models = context.getStateStore(modelStoreName);
        learning = new Learning(config, prior);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, byte[]> kv = it.next();
                learning.restore(kv.key, kv.value);
            }
        }
        try (KeyValueIterator<Integer, byte[]> it = holdoutStore.all()) {
            while (it.hasNext()) {
                final KeyValue<Integer, byte[]> kv = it.next();
                learning.restoreHoldout(kv.key, kv.value);
            }
        }
        learning.restored();
        meters.reservoirs(learning.fraudReservoir().size(), learning.legitReservoir().size());
        sink = new Learning.Sink() {
            @Override
            public void state(final String key, final byte[] value) {
                store.put(key, value);
            }

            @Override
            public void holdout(final int slot, final byte[] value) {
                holdoutStore.put(slot, value);
            }
        };
    }

    private static double nan(final Double value) {
        return value == null ? Double.NaN : value;
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final ModelSnapshot scoring = models.current().snapshot();
        if (scoring.version() > learning.version() && learning.adopt(scoring, sink)) {
            meters.modelAdopted();
        }
        final Optional<Learning.Round> round = learning.observe(record.value(), sink);
        round.ifPresent(r -> {
            meters.retrained(r.batch().fraudShare(), learning.fraudReservoir().size(),
                    learning.legitReservoir().size());
            // every candidate, promoted or not, is measured live beside the champion by the evaluator
            context.forward(new Record<>(TopicKeys.CHALLENGER, r.challenger(), record.timestamp()));
            if (r.promoted()) {
                // the archive copy first: compaction keeps every version for rollbacks; then the current model
                context.forward(new Record<>(TopicKeys.archive(r.challenger().version()), r.challenger(),
                        record.timestamp()));
                context.forward(new Record<>(TopicKeys.CHAMPION, r.challenger(), record.timestamp()));
                final ModelSnapshot m = r.challenger();
                meters.modelPublished(nan(m.holdoutPrAuc()),
                        m.training() == null ? Double.NaN : nan(m.training().holdoutPrecision()),
                        m.training() == null ? Double.NaN : nan(m.training().holdoutRecall()));
            } else {
                meters.candidateRejected();
            }
        });
        meters.learnerOutcome(); // last: once counted, any model this outcome completed is already published
    }
}
