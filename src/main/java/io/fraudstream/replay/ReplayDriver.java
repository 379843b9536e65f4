package io.fraudstream.replay;

import io.fraudstream.app.FraudstreamApp;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.FraudMeters;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.learn.ModelSnapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs historical data through the real topology on a real broker, with labels arriving when they really did.
 *
 * <p>The protocol. A model can only change when the learner publishes, after every
 * {@code fraudstream.model.publish.every}-th labelled outcome. Events (transactions at their time, labels at
 * their time plus their delay) are walked in event-time order and cut into segments that end at every such
 * label. For each segment: its transactions are produced, and the driver waits until every one is scored and in
 * the pending join; then its labels are produced, and the driver waits until the learner has trained on every one
 * and the round those labels started (on the learner's thread) has ended, and every model it published is
 * installed in the scorer. So each transaction is scored by exactly the model a
 * live system would have had at its time (never one trained on a later label), as fast as the pipeline allows.
 * With one partition (replay's default) outcomes reach the learner in a fixed order, and two replays of the same
 * data and configuration give identical outcomes.
 */
public final class ReplayDriver {
    private static final Duration STALL = Duration.ofMinutes(5);
    private final Settings settings;
    private final ReplayData data;
    private final PrintStream out;

    public ReplayDriver(final Settings settings, final ReplayData data, final PrintStream out) {
        this.settings = settings;
        this.data = data;
        this.out = out;
    }

    /** What a replay produced: outcomes in learning order, and every model version published. */
    public record Result(List<LabelledOutcome> outcomes, List<ModelSnapshot> models, double seconds) {
    }

    public Result run() throws InterruptedException {
        final List<ReplayData.Row> txs = data.rows();
        final List<ReplayData.Row> labels = data.rowsByLabelTime();
        final int every = settings.publishEvery();
        final String txTopic = settings.topic(Key.TOPIC_TRANSACTIONS);
        final String labelTopic = settings.topic(Key.TOPIC_LABELS);
        final Progress progress = new Progress(out, txs.size() + labels.size(), "events");
        final long start = System.nanoTime();
        // historical records carry months-old timestamps: without this the broker's time-based retention deletes
        // them as they are written (the outcomes and labels the replay reads back among them)
        TopicAdmin.ensureTopics(settings, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = producer()) {
            final FraudMeters m = app.meters();
            int t = 0;
            int l = 0;
            // every row has a label no earlier than its transaction, so the labels outlast the transactions
            while (l < labels.size()) {
                // one segment: the transactions up to the label that completes the next publication, then its labels
                final int labelEnd = Math.min(labels.size(), (l / every + 1) * every);
                final long cut = labels.get(labelEnd - 1).labelTime();
                final int txStart = t;
                while (t < txs.size() && txs.get(t).time() <= cut) {
                    final ReplayData.Row r = txs.get(t++);
                    producer.send(new ProducerRecord<>(txTopic, null, r.time(), r.id(),
                            TransactionJson.write(data.transaction(r))));
                }
                producer.flush();
                final int scored = t;
                if (t > txStart) {
                    await(() -> m.counter("fraud.pending.transactions") >= scored, "scoring transactions");
                }
                progress.update(t + l);
                while (l < labelEnd) {
                    final ReplayData.Row r = labels.get(l++);
                    producer.send(new ProducerRecord<>(labelTopic, null, r.labelTime(), r.id(),
                            LabelJson.write(ReplayData.label(r))));
                }
                producer.flush();
                final int learnt = l;
                await(() -> m.counter("fraud.learner.outcomes") >= learnt && !m.roundRunning()
                        && m.modelVersion() >= (long) m.counter("fraud.model.published"), "learning from labels");
                progress.update(t + l);
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(readOutcomes(labels.size()), readModels((long) m.counter("fraud.model.published")),
                    seconds);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        final Map<String, Object> p = new HashMap<>(settings.producerProperties());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fraudstream-replay");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        final Map<String, Object> p = new HashMap<>(settings.consumerProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.applicationId() + "-replay-reader");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private List<LabelledOutcome> readOutcomes(final int expected) {
        final var serde = EventSerdes.json(LabelledOutcome.class).deserializer();
        final List<LabelledOutcome> out = new ArrayList<>(expected);
        read(settings.topic(Key.TOPIC_OUTCOMES), expected, r -> out.add(serde.deserialize(null, r.value())));
        return out;
    }

    private List<ModelSnapshot> readModels(final long expected) {
        final var serde = EventSerdes.json(ModelSnapshot.class).deserializer();
        final List<ModelSnapshot> out = new ArrayList<>();
        // each version twice: its archive copy and the champion record
        read(settings.topic(Key.TOPIC_MODEL), 2 * expected, r -> {
            if (r.value() != null && io.fraudstream.topology.TopicKeys.isArchive(r.key())) {
                out.add(serde.deserialize(null, r.value()));
            }
        });
        out.sort(Comparator.comparingLong(ModelSnapshot::version));
        return out;
    }

    private void read(final String topic, final long expected,
                      final java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long n = 0;
            final long deadline = System.nanoTime() + STALL.toNanos();
            while (n < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(r);
                    n++;
                }
            }
            if (n < expected) {
                throw new IllegalStateException("read only " + n + " of " + expected + " records from " + topic);
            }
        }
    }

    private static void await(final BooleanSupplier done, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + STALL.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replay stalled for " + STALL.toMinutes() + " minutes while " + what);
            }
            Thread.sleep(2);
        }
    }
}
