package io.fraudstream.topology;

import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.ModelSnapshot;
import io.fraudstream.learn.OnlineLogisticLearner;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of models: learns from every labelled outcome and publishes a new model version every
 * {@code publishEvery} outcomes. It runs on the one partition of the outcomes topic, so versions are
 * totally ordered. Its whole state (learner, last version, outcomes since the last publication) is one value
 * in a changelogged store, written after every outcome, so under exactly-once a restart resumes exactly.
 */
final class LearnProcessor implements Processor<String, LabelledOutcome, String, ModelSnapshot> {
    static final String STATE_KEY = "learner";
    private final String storeName;
    private final LearnerConfig config;
    private final int publishEvery;
    private final double reviewThreshold;
    private final double blockThreshold;
    private final String schema;
    private final FraudMeters meters;
    private ProcessorContext<String, ModelSnapshot> context;
    private KeyValueStore<String, byte[]> store;
    private OnlineLogisticLearner learner;
    private long version;
    private int sincePublish;

    LearnProcessor(final String storeName, final LearnerConfig config, final int publishEvery,
                   final double reviewThreshold, final double blockThreshold, final String schema,
                   final FraudMeters meters) {
        this.storeName = storeName;
        this.config = config;
        this.publishEvery = publishEvery;
        this.reviewThreshold = reviewThreshold;
        this.blockThreshold = blockThreshold;
        this.schema = schema;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, ModelSnapshot> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        final byte[] saved = store.get(STATE_KEY);
        if (saved == null) {
            learner = new OnlineLogisticLearner(config);
        } else {
            final ByteBuffer b = ByteBuffer.wrap(saved);
            version = b.getLong();
            sincePublish = b.getInt();
            learner = OnlineLogisticLearner.fromBytes(config, Arrays.copyOfRange(saved, 12, saved.length));
        }
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final LabelledOutcome o = record.value();
        learner.update(o.features(), o.fraud());
        sincePublish++;
        if (sincePublish >= publishEvery && learner.seenFraud() > 0) {
            final ModelSnapshot snapshot = learner.snapshot(version + 1, version, record.timestamp(),
                    reviewThreshold, blockThreshold, schema);
            version++;
            sincePublish = 0;
            context.forward(new Record<>(TopicKeys.CHAMPION, snapshot, record.timestamp()));
            meters.modelPublished();
        }
        final byte[] state = learner.toBytes();
        store.put(STATE_KEY, ByteBuffer.allocate(12 + state.length).putLong(version).putInt(sincePublish)
                .put(state).array());
        meters.learnerOutcome(); // last: once counted, any model this outcome completed is already published
    }
}
