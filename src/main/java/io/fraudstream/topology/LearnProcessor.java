package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.Holdout;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Model;
import io.fraudstream.learn.ModelSnapshot;
import io.fraudstream.learn.OnlineLogisticLearner;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of models: learns from every labelled outcome but the held-out ones, and every
 * {@code publishEvery} outcomes weighs a candidate against the current model (the champion) on the holdout —
 * recent outcomes in their natural class distribution, never trained on. The candidate is published as the next
 * version unless its PR-AUC there falls short of the champion's by more than the margin (before any model, the
 * champion is the prior-only model); a candidate that does not make it is counted, and learning goes on. Until
 * the holdout holds enough frauds for PR-AUC to mean something, candidates are published unjudged.
 * It runs on the one partition of the outcomes topic, so versions are totally ordered. Its whole state (learner,
 * last version, outcomes since the last publication, champion, holdout) is in changelogged stores, written as it
 * changes, so under exactly-once a restart resumes exactly.
 */
final class LearnProcessor implements Processor<String, LabelledOutcome, String, ModelSnapshot> {
    static final String STATE_KEY = "learner";
    static final String CHAMPION_KEY = "champion";
    private static final Serde<ModelSnapshot> SNAPSHOTS = EventSerdes.json(ModelSnapshot.class);

    /** When a candidate may replace the champion. */
    record Gate(String holdoutStore, int holdoutPercent, int holdoutSize, double margin, int minFrauds) {
    }

    private final String storeName;
    private final LearnerConfig config;
    private final int publishEvery;
    private final ModelSnapshot prior;
    private final Gate gate;
    private final FraudMeters meters;
    private ProcessorContext<String, ModelSnapshot> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<Integer, byte[]> holdoutStore;
    private OnlineLogisticLearner learner;
    private Holdout holdout;
    private Model champion;
    private long version;
    private int sincePublish;

    LearnProcessor(final String storeName, final LearnerConfig config, final int publishEvery,
                   final ModelSnapshot prior, final Gate gate, final FraudMeters meters) {
        this.storeName = storeName;
        this.config = config;
        this.publishEvery = publishEvery;
        this.prior = prior;
        this.gate = gate;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, ModelSnapshot> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.holdoutStore = context.getStateStore(gate.holdoutStore());
        final byte[] saved = store.get(STATE_KEY);
        if (saved == null) {
            learner = new OnlineLogisticLearner(config);
        } else {
            final ByteBuffer b = ByteBuffer.wrap(saved);
            version = b.getLong();
            sincePublish = b.getInt();
            learner = OnlineLogisticLearner.fromBytes(config, Arrays.copyOfRange(saved, 12, saved.length));
        }
        final byte[] championBytes = store.get(CHAMPION_KEY);
        champion = new Model(championBytes == null ? prior : SNAPSHOTS.deserializer().deserialize(null, championBytes));
        holdout = new Holdout(gate.holdoutSize());
        try (KeyValueIterator<Integer, byte[]> it = holdoutStore.all()) {
            while (it.hasNext()) {
                final KeyValue<Integer, byte[]> kv = it.next();
                if (kv.key < gate.holdoutSize()) { // the holdout was made smaller since: drop slots past its end
                    holdout.restore(kv.key, kv.value);
                }
            }
        }
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final LabelledOutcome o = record.value();
        if (Holdout.isHeldOut(o.transactionId(), gate.holdoutPercent())) {
            final long count = holdout.total();
            final int slot = holdout.add(o.features(), o.fraud());
            holdoutStore.put(slot, Holdout.encode(count, o.features(), o.fraud()));
        } else {
            learner.update(o.features(), o.fraud());
        }
        sincePublish++;
        if (sincePublish >= publishEvery && learner.seenFraud() > 0) {
            sincePublish = 0;
            consider(learner.snapshot(version + 1, version, record.timestamp(), prior.reviewThreshold(),
                    prior.blockThreshold(), prior.schema()), record.timestamp());
        }
        final byte[] state = learner.toBytes();
        store.put(STATE_KEY, ByteBuffer.allocate(12 + state.length).putLong(version).putInt(sincePublish)
                .put(state).array());
        meters.learnerOutcome(); // last: once counted, any model this outcome completed is already published
    }

    /** Publishes the candidate as the next version unless the holdout says it is worse than the champion. */
    private void consider(final ModelSnapshot candidate, final long timestamp) {
        final double candidateAp = holdout.averagePrecision(new Model(candidate));
        final double championAp = holdout.averagePrecision(champion);
        // with only a handful of frauds, PR-AUC differences are noise: publish rather than judge on them
        final boolean judged = !Double.isNaN(candidateAp) && !Double.isNaN(championAp)
                && holdout.frauds() >= gate.minFrauds();
        if (gate.holdoutPercent() > 0 && judged && candidateAp < championAp - gate.margin()) {
            meters.candidateRejected();
            return;
        }
        final ModelSnapshot published = candidate.withHoldout(candidateAp, championAp);
        version++;
        champion = new Model(published);
        store.put(CHAMPION_KEY, SNAPSHOTS.serializer().serialize(null, published));
        context.forward(new Record<>(TopicKeys.CHAMPION, published, timestamp));
        meters.modelPublished();
    }
}
