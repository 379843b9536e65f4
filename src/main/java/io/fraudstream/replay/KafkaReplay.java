package io.fraudstream.replay;

import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.topology.TopicKeys;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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
 * The reference engine: historical data through the real topology on a real broker, under the segment protocol of
 * {@link ReplayEngine}. It produces a segment's transactions (keyed by card) in batches that no merchant window
 * reads back into (they end within the merchant delay and an hour of their start), and waits after each until every
 * one is scored and in the pending join and its merchant counters are in the global merchant store; then produces
 * its labels and waits until the learner has trained on every one, the round those labels started (on the
 * learner's thread) has ended, and every model it published is installed in the scorer. With one
 * partition (replay's default) outcomes reach the learner in a fixed order, and two replays of the same data and
 * configuration give identical outcomes.
 */
public final class KafkaReplay implements ReplayEngine {
    private static final Duration STALL = Duration.ofMinutes(5);
    private final Settings settings;
    private final ReplayData data;
    private final PrintStream out;

    public KafkaReplay(final Settings settings, final ReplayData data, final PrintStream out) {
        this.settings = settings;
        this.data = data;
        this.out = out;
    }

    @Override
    public Result run() throws InterruptedException {
        final List<ReplayData.Row> txs = data.rows();
        final List<ReplayData.Row> labels = data.rowsByLabelTime();
        final int every = settings.publishEvery();
        final String txTopic = settings.topic(Key.TOPIC_TRANSACTIONS);
        final String labelTopic = settings.topic(Key.TOPIC_LABELS);
        final Progress progress = new Progress(out, txs.size() + labels.size(), "events");
        final long delay = settings.historyFeatures() ? settings.merchantDelay().toMillis() : Long.MAX_VALUE / 4;
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
                // one segment: the transactions up to the label that completes the next publication (unless the pending
                // horizon cuts it shorter, as in the in-process engine), then its labels
                final int labelEnd = l + SegmentSpan.count(labels, l, (l / every + 1) * every - l,
                        settings.pendingHorizon());
                final long cut = labels.get(labelEnd - 1).labelTime();
                // in batches, each scored and counted before the next: a transaction at t reads the merchant counters
                // of the hours before hour(t - delay), so one that starts no later than the end of the batch's first
                // hour plus the delay reads none of its own batch's counters, and all earlier ones are published
                while (t < txs.size() && txs.get(t).time() <= cut) {
                    final long batchEnd = Math.floorDiv(txs.get(t).time(), MerchantActivity.HOUR) * MerchantActivity.HOUR
                            + MerchantActivity.HOUR + delay;
                    while (t < txs.size() && txs.get(t).time() <= cut && txs.get(t).time() < batchEnd) {
                        final ReplayData.Row r = txs.get(t++);
                        final Transaction tx = data.transaction(r);
                        producer.send(new ProducerRecord<>(txTopic, null, r.time(), tx.recordKey(),
                                TransactionJson.write(tx)));
                    }
                    producer.flush();
                    final int scored = t;
                    // a transaction the topology dead-letters is done with too (else the replay would wait for it)
                    await(() -> m.counter("fraud.pending.transactions") + m.counter("fraud.transactions.invalid")
                            + m.counter("fraud.processing.errors") >= scored, "scoring transactions");
                    awaitMerchantCounters(m);
                    progress.update(t + l);
                }
                while (l < labelEnd) {
                    final ReplayData.Row r = labels.get(l++);
                    producer.send(new ProducerRecord<>(labelTopic, null, r.labelTime(), r.id(),
                            LabelJson.write(ReplayData.label(r))));
                }
                producer.flush();
                final int learnt = l;
                // every label reached the join (or was dead-lettered), the learner took every outcome the join
                // emitted, the round they started ended, and the scorers installed what it published
                await(() -> m.counter("fraud.labels") + m.counter("fraud.labels.invalid") >= learnt
                        && m.counter("fraud.learner.outcomes") >= m.counter("fraud.outcomes.joined") && !m.learner().roundRunning()
                        && m.scoring().modelVersion() >= (long) m.counter("fraud.model.published"), "learning from labels");
                awaitMerchantCounters(m);
                progress.update(t + l);
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double refused = m.counter("fraud.transactions.invalid") + m.counter("fraud.processing.errors");
            if (refused > 0) {
                out.printf(Locale.ROOT, "Dead-lettered by the topology: %.0f records (by reason on its "
                        + "meters fraud_transactions_invalid_total, fraud_processing_errors_total)%n", refused);
            }
            return new Result(readOutcomes((int) m.counter("fraud.outcomes.joined")),
                    readModels((long) m.counter("fraud.model.published")), (long) m.counter("fraud.drift.detected"),
                    0, seconds, null);
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
        final var serde = new OutcomeCodec(settings.schema()).serde(settings.outcomesJson()).deserializer();
        final List<LabelledOutcome> out = new ArrayList<>(expected);
        read(settings.topic(Key.TOPIC_OUTCOMES), expected,
                r -> out.add(serde.deserialize(null, r.value()).summary()));
        return out;
    }

    private List<ModelSnapshot> readModels(final long expected) {
        final var serde = EventSerdes.json(ModelSnapshot.class).deserializer();
        final List<ModelSnapshot> out = new ArrayList<>();
        // the archive copy of every version (among champion and challenger records, which are not counted)
        read(settings.topic(Key.TOPIC_MODEL), expected, r -> {
            if (r.value() != null && TopicKeys.isArchive(r.key())) {
                out.add(serde.deserialize(null, r.value()));
                return true;
            }
            return false;
        });
        out.sort(Comparator.comparingLong(ModelSnapshot::version));
        return out;
    }

    /** Reads {@code topic} until {@code sink} has counted {@code expected} records (it says which count). */
    private void read(final String topic, final long expected,
                      final Predicate<ConsumerRecord<String, byte[]>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long n = 0;
            final long deadline = System.nanoTime() + STALL.toNanos();
            while (n < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    n += sink.test(r) ? 1 : 0;
                }
            }
            if (n < expected) {
                throw new IllegalStateException("read only " + n + " of " + expected + " records from " + topic);
            }
        }
    }

    /** Every merchant event sent was counted, and every count published is in this instance's merchant store. */
    private static void awaitMerchantCounters(final FraudMeters m) throws InterruptedException {
        await(() -> m.counter("fraud.merchant.events.counted") >= m.counter("fraud.merchant.events.sent")
                && m.counter("fraud.merchant.activity.applied") >= m.counter("fraud.merchant.events.counted"),
                "counting merchant activity");
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
