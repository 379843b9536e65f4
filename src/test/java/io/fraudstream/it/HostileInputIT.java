package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.app.Main;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Score;
import io.fraudstream.event.ScoreJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.topology.DeadLetterHandler;
import io.fraudstream.topology.TopicKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A corpus of hostile transactions, labels and model records, interleaved with good traffic, on a real broker: each
 * hostile transaction or label lands in the dead-letter topic with its documented reason, each hostile model record
 * is refused and counted while the scorers keep their model, valid extremes are scored with finite scores; every
 * good transaction is scored exactly once and joined to its label exactly once, and the instance stays ready.
 */
@Tag("integration")
class HostileInputIT {
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private static final int GOOD = 600;

    @Test
    void hostileRecordsAreRefusedWithTheirReasonsAndGoodTrafficFlowsExactlyOnce() throws Exception {
        final Settings settings = ItSettings.of(BROKER.bootstrapServers(), Map.of(Key.MODEL_PUBLISH_EVERY.key(), "200",
                Key.LABELS_MATURITY.key(), "0s", Key.LEARNER_HOLDOUT_PERCENT.key(), "0"));
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        final Instant now = Instant.now();
        final Random random = new Random(17);
        final String tx = settings.topic(Key.TOPIC_TRANSACTIONS);
        final String lb = settings.topic(Key.TOPIC_LABELS);
        final String mt = settings.topic(Key.TOPIC_MODEL);

        final Corpus badTxs = new Corpus("h");
        final BiConsumer<String, String> hostile = badTxs::add;
        final Map<String, String> badTx = badTxs.reasons;
        final Map<String, byte[]> badTxValue = badTxs.values;
        final String ts = "\"timestamp\":\"" + t0.plusSeconds(30) + "\"";
        hostile.accept("json.malformed", "{\"id\": ");
        hostile.accept("json.malformed", "not json at all");
        hostile.accept("json.not-object", "[1,2,3]");
        hostile.accept("json.not-object", "42");
        hostile.accept("json.not-object", "\"a string\"");
        hostile.accept("value.empty", null);
        hostile.accept("value.empty", null);
        hostile.accept("value.empty", "");
        hostile.accept("id.missing", "{" + ts + ",\"amount\":1}");
        hostile.accept("id.missing", "{\"id\":\"  \"," + ts + ",\"amount\":1}");
        hostile.accept("id.invalid", "{\"id\":{\"a\":1}," + ts + ",\"amount\":1}");
        hostile.accept("id.too-long", "{\"id\":\"" + "i".repeat(500) + "\"," + ts + ",\"amount\":1}");
        hostile.accept("value.too-large", "{\"id\":\"" + "i".repeat(200_000) + "\"," + ts + ",\"amount\":1}");
        hostile.accept("timestamp.missing", "{\"id\":\"x1\",\"amount\":1}");
        hostile.accept("timestamp.invalid", "{\"id\":\"x2\",\"timestamp\":\"yesterday\",\"amount\":1}");
        hostile.accept("timestamp.out-of-range", "{\"id\":\"x3\",\"timestamp\":-5,\"amount\":1}");
        hostile.accept("timestamp.out-of-range", "{\"id\":\"x4\",\"timestamp\":\"2300-01-01T00:00:00Z\",\"amount\":1}");
        hostile.accept("timestamp.future", "{\"id\":\"x5\",\"timestamp\":\"" + now.plus(Duration.ofHours(2))
                + "\",\"amount\":1,\"cardId\":\"card-1\"}");
        hostile.accept("timestamp.future", "{\"id\":\"x6\",\"timestamp\":\"" + now.plus(Duration.ofDays(365 * 100))
                + "\",\"amount\":1}");
        hostile.accept("amount.missing", "{\"id\":\"x7\"," + ts + "}");
        hostile.accept("amount.negative", "{\"id\":\"x8\"," + ts + ",\"amount\":-3}");
        hostile.accept("amount.invalid", "{\"id\":\"x9\"," + ts + ",\"amount\":\"NaN\"}");
        hostile.accept("amount.invalid", "{\"id\":\"x10\"," + ts + ",\"amount\":1e400}");
        hostile.accept("amount.invalid", "{\"id\":\"x11\"," + ts + ",\"amount\":true}");
        hostile.accept("amount.invalid", "{\"id\":\"x12\"," + ts + ",\"amount\":\"12,5\"}");
        hostile.accept("cardId.invalid", "{\"id\":\"x13\"," + ts + ",\"amount\":1,\"cardId\":[1]}");
        hostile.accept("cardId.too-long", "{\"id\":\"x14\"," + ts + ",\"amount\":1,\"cardId\":\"" + "c".repeat(300)
                + "\"}");
        hostile.accept("merchantId.too-long", "{\"id\":\"x15\"," + ts + ",\"amount\":1,\"merchantId\":\""
                + "m".repeat(300) + "\"}");
        hostile.accept("currency.invalid", "{\"id\":\"x16\"," + ts + ",\"amount\":1,\"currency\":{}}");
        hostile.accept("features.invalid", "{\"id\":\"x17\"," + ts + ",\"amount\":1,\"features\":[1]}");
        hostile.accept("features.invalid", "{\"id\":\"x18\"," + ts + ",\"amount\":1,\"features\":{\"v\":\"x\"}}");
        hostile.accept("features.invalid", "{\"id\":\"x19\"," + ts + ",\"amount\":1,\"features\":{\"v\":1e999}}");
        hostile.accept("features.too-many", "{\"id\":\"x20\"," + ts + ",\"amount\":1,\"features\":{"
                + IntStream.range(0, 300).mapToObj(i -> "\"f" + i + "\":1")
                .collect(Collectors.joining(",")) + "}}");
        hostile.accept("features.too-long", "{\"id\":\"x21\"," + ts + ",\"amount\":1,\"features\":{\""
                + "f".repeat(300) + "\":1}}");
        hostile.accept("attributes.invalid", "{\"id\":\"x22\"," + ts + ",\"amount\":1,\"attributes\":{\"k\":{}}}");
        hostile.accept("attributes.too-long", "{\"id\":\"x23\"," + ts + ",\"amount\":1,\"attributes\":{\"k\":\""
                + "v".repeat(300) + "\"}}");
        hostile.accept("attributes.too-many", "{\"id\":\"x24\"," + ts + ",\"amount\":1,\"attributes\":{"
                + IntStream.range(0, 100).mapToObj(i -> "\"a" + i + "\":\"v\"")
                .collect(Collectors.joining(",")) + "}}");
        hostile.accept("json.too-deep", "{\"id\":\"x25\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        hostile.accept("json.too-long", "{\"id\":\"x26\"," + ts + ",\"amount\":1" + "0".repeat(2_000) + "}");
        hostile.accept("value.too-large", "{\"id\":\"x27\",\"pad\":\"" + "p".repeat(100_000) + "\"}");

        final Corpus badLabels = new Corpus("hl");
        final BiConsumer<String, String> hostileLabel = badLabels::add;
        final Map<String, String> badLabel = badLabels.reasons;
        final Map<String, byte[]> badLabelValue = badLabels.values;
        final String lts = "\"timestamp\":\"" + t0.plusSeconds(GOOD + 90) + "\"";
        hostileLabel.accept("json.malformed", "{\"transactionId\":");
        hostileLabel.accept("value.empty", null);
        hostileLabel.accept("transactionId.missing", "{\"fraud\":true," + lts + "}");
        hostileLabel.accept("fraud.missing", "{\"transactionId\":\"hl3\"," + lts + "}");
        hostileLabel.accept("fraud.invalid", "{\"transactionId\":\"hl4\",\"fraud\":2," + lts + "}");
        hostileLabel.accept("timestamp.missing", "{\"transactionId\":\"hl5\",\"fraud\":true}");
        hostileLabel.accept("key.mismatch", "{\"transactionId\":\"g1\",\"fraud\":true," + lts + "}");
        hostileLabel.accept("timestamp.future", "{\"transactionId\":\"hl7\",\"fraud\":true,\"timestamp\":\""
                + now.plus(Duration.ofDays(30)) + "\"}");
        hostileLabel.accept("transactionId.too-long", "{\"transactionId\":\"" + "t".repeat(500) + "\",\"fraud\":1,"
                + lts + "}");
        hostileLabel.accept("value.too-large", "{\"transactionId\":\"hl9\",\"pad\":\"" + "p".repeat(70_000) + "\"}");

        // model records: refused and counted; the scorers keep their model
        final String good = new String(EventSerdes.json(ModelSnapshot.class).serializer().serialize(null,
                new ModelSnapshot(999, 998, 0, ModelFamily.LOGISTIC, new String[0], new double[0], new double[0],
                        new double[0], 3, 0.2, 0.6, 0, 0, settings.schema().id(), null, null, null)),
                StandardCharsets.UTF_8);
        final Map<String, String> badModels = new LinkedHashMap<>();
        badModels.put("{not a model", "json.malformed");
        badModels.put(null, "value.empty");
        badModels.put(good.replaceFirst("\"bias\":[^,]+", "\"bias\":\"NaN\""), "parameters.non-finite");
        badModels.put(good.replace("\"logistic\"", "\"forest\""), "family.unknown");
        badModels.put(good.replace("\"reviewThreshold\":0.2", "\"reviewThreshold\":7"), "parameters.invalid");
        badModels.put(good.replace("\"reviewThreshold\":0.2", "\"reviewThreshold\":-0.5"), "thresholds.out-of-range");
        badModels.put(good.replaceFirst("\"schema\":\"[^\"]+\"", "\"schema\":\"elsewhere\""), "schema");
        badModels.put("[]", "json.malformed");

        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = Clients.producer(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> scores = Clients.readCommitted(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> outcomes = Clients.readCommitted(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> dlq = Clients.readCommitted(BROKER.bootstrapServers())) {
            final List<String> hostileKeys = new ArrayList<>(badTx.keySet());
            final List<Label> labels = new ArrayList<>();
            final List<Transaction> sent = new ArrayList<>();
            int frauds = 0;
            for (int i = 0; i < GOOD; i++) {
                final boolean fraud = random.nextDouble() < 0.05;
                frauds += fraud ? 1 : 0;
                final Transaction t = PipelineContract.transaction("g" + i, t0.plusSeconds(i), fraud, random);
                producer.send(new ProducerRecord<>(tx, t.id(), TransactionJson.write(t)));
                sent.add(t);
                labels.add(new Label(t.id(), fraud, t.timestamp() + 60_000));
                if (i % 14 == 7 && !hostileKeys.isEmpty()) { // hostile records among the good ones
                    final String key = hostileKeys.remove(0);
                    producer.send(new ProducerRecord<>(tx, key, badTxValue.get(key)));
                }
            }
            for (String key : hostileKeys) {
                producer.send(new ProducerRecord<>(tx, key, badTxValue.get(key)));
            }
            // valid, extreme: scored, with finite scores (three on one card poisoned the learner before)
            for (int i = 0; i < 3; i++) {
                final Transaction t = new Transaction("extreme" + i, t0.plusSeconds(GOOD + i).toEpochMilli(), 1e308,
                        "card-poison", "m-1", "EUR", Map.of("f", 1e300), Map.of());
                producer.send(new ProducerRecord<>(tx, t.id(), TransactionJson.write(t)));
                labels.add(new Label(t.id(), true, t.timestamp() + 60_000));
            }
            // a producer's retry of a good transaction, and one far too old for its partition
            final Transaction g5 = sent.get(5);
            final Transaction retry = new Transaction(g5.id(), t0.plusSeconds(GOOD + 10).toEpochMilli(), g5.amount(),
                    g5.cardId(), g5.merchantId(), g5.currency(), g5.features(), g5.attributes());
            producer.send(new ProducerRecord<>(tx, retry.id(), TransactionJson.write(retry)));
            final Transaction stale = PipelineContract.transaction("stale", t0.minus(Duration.ofDays(3)), false, random);
            producer.send(new ProducerRecord<>(tx, stale.id(), TransactionJson.write(stale)));
            for (Map.Entry<String, String> m : badModels.entrySet()) {
                producer.send(new ProducerRecord<>(mt, TopicKeys.CHAMPION, m.getKey() == null ? null
                        : m.getKey().getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(new ProducerRecord<>(mt, TopicKeys.CHALLENGER, "garbage".getBytes(StandardCharsets.UTF_8)));
            // the outcomes topic is open to producers too: a binary record cut short, a JSON one with a score of 2
            final String ot = settings.topic(Key.TOPIC_OUTCOMES);
            producer.send(new ProducerRecord<>(ot, "outcome-cut", new byte[] {3, 0, 0, 0}));
            producer.send(new ProducerRecord<>(ot, "outcome-score", EventSerdes.json(LabelledOutcome.class)
                    .serializer().serialize(ot, new LabelledOutcome("outcome-score", t0.toEpochMilli(),
                            t0.toEpochMilli(), true, LabelledOutcome.SOURCE_LABEL, 1, null, null, 2, Decision.BLOCK,
                            0, FeatureVector.EMPTY))));
            producer.flush();
            assertThat(frauds).isGreaterThan(15);

            final int scoredExpected = GOOD + 3;
            final List<ConsumerRecord<String, byte[]>> scored = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> r.size() >= scoredExpected, Duration.ofSeconds(120));
            assertThat(scored).hasSize(scoredExpected);
            final Map<String, Long> perId = scored.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.counting()));
            assertThat(perId).hasSize(scoredExpected).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(scored.stream().map(r -> ScoreJson.parse(r.value())).mapToDouble(Score::score))
                    .allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
            for (Map.Entry<String, String> e : badLabel.entrySet()) {
                producer.send(new ProducerRecord<>(lb, e.getValue().equals("key.mismatch") ? "case-1" : e.getKey(),
                        badLabelValue.get(e.getKey())));
            }
            for (Label l : labels) {
                producer.send(new ProducerRecord<>(lb, l.transactionId(), LabelJson.write(l)));
            }
            producer.flush();

            // every hostile transaction and label in the dead-letter topic, with its reason
            final int deadExpected = badTx.size() + badLabel.size() + 2 + 2; // + the retry, the stale one, outcomes
            final List<ConsumerRecord<String, byte[]>> dead = Clients.readUntil(dlq, settings.topic(Key.TOPIC_DLQ),
                    r -> r.size() >= deadExpected, Duration.ofSeconds(60));
            final Map<String, List<String>> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : dead) {
                reasons.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new String(
                        r.headers().lastHeader(DeadLetterHandler.REASON_HEADER).value(), StandardCharsets.UTF_8));
            }
            badTx.forEach((key, reason) -> assertThat(reasons.get(key)).as(key).containsExactly(reason));
            badLabel.forEach((key, reason) -> assertThat(reasons.get(reason.equals("key.mismatch") ? "case-1" : key))
                    .as(key).containsExactly(reason));
            assertThat(reasons.get("stale")).containsExactly("timestamp.too-old");
            assertThat(reasons.get("outcome-cut")).containsExactly("outcome.malformed");
            assertThat(reasons.get("outcome-score")).containsExactly("outcome.non-finite");
            // the retry comes back from the repartition by card, keyed by its card
            assertThat(dead.stream().filter(r -> r.value() != null
                    && new String(r.value(), StandardCharsets.UTF_8).contains("\"g5\"")))
                    .extracting(r -> new String(r.headers().lastHeader(DeadLetterHandler.REASON_HEADER).value(),
                            StandardCharsets.UTF_8)).containsExactly("duplicate");
            assertThat(dead).hasSize(deadExpected);
            assertThat(badTx.size() + badLabel.size() + badModels.size() + 1 + 2 + 2).as("hostile records")
                    .isGreaterThanOrEqualTo(60);

            // every good transaction joined to its label exactly once (beside the two hostile outcomes)
            final List<ConsumerRecord<String, byte[]>> joined = Clients.readUntil(outcomes, ot,
                    r -> r.size() >= labels.size() + 2, Duration.ofSeconds(120));
            Thread.sleep(2000);
            joined.addAll(Clients.readUntil(outcomes, ot, r -> false, Duration.ofSeconds(1)));
            joined.removeIf(r -> r.key().startsWith("outcome-"));
            assertThat(joined.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).hasSize(labels.size());
            assertThat(joined).hasSize(labels.size());

            // the model records: refused by reason; the scorers kept the learner's own models
            for (String reason : badModels.values()) {
                assertThat(app.meters().registry().find("fraud.model.rejected").tag("reason", reason).counter())
                        .as(reason).isNotNull();
            }
            assertThat(app.meters().counter("fraud.model.rejected")).isEqualTo(badModels.size() + 1);
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (app.meters().counter("fraud.model.published") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.meters().counter("fraud.model.published")).as("learning went on").isGreaterThanOrEqualTo(2);
            assertThat(app.meters().scoring().modelVersion()).isLessThan(999).isGreaterThan(0);
            assertThat(app.meters().counter("fraud.learner.round.failures")).isZero();

            // rollback --list reads the same model topic: it skips what it cannot use, and lists what it can
            assertThat(Main.execute("rollback", "--list", "--bootstrap-servers",
                    BROKER.bootstrapServers(), "--set", Key.TOPIC_MODEL.key() + "=" + mt)).isZero();

            assertThat(app.ready()).isTrue();
            final HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.metricsUrl().replace("/metrics", "/health/ready"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void aRecordTooLargeToWriteIsDeadLetteredBeforeTheBrokerCouldRefuseItAndScoringGoesOn() throws Exception {
        // limits raised far enough to let through a transaction that is under the broker's 1 MB as sent, and over it
        // once re-serialised into the repartition by card (every "1" becomes "1.0"). Were it sent, the broker would
        // refuse it, the exactly-once transaction would be left in an error state, and the task would fail on the
        // same record after every restart (seen before the serializers were bounded); it is refused before it is sent
        final Settings settings = ItSettings.of(BROKER.bootstrapServers(), Map.of(
                Key.INPUT_MAX_FEATURES.key(), "100000", Key.INPUT_MAX_RECORD_BYTES.key(), "2000000"));
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        final StringBuilder json = new StringBuilder("{\"id\":\"huge\",\"timestamp\":\"" + t0
                + "\",\"amount\":1,\"cardId\":\"c1\",\"features\":{");
        for (int i = 0; i < 90_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        final byte[] huge = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(huge.length).isBetween(900_000, 1_040_000);
        final Properties big = new Properties();
        big.put("bootstrap.servers", BROKER.bootstrapServers());
        big.put("max.request.size", "2000000");
        final String tx = settings.topic(Key.TOPIC_TRANSACTIONS);
        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(big,
                     new StringSerializer(),
                     new ByteArraySerializer());
             KafkaConsumer<String, byte[]> scores = Clients.readCommitted(BROKER.bootstrapServers());
             KafkaConsumer<String, byte[]> dlq = Clients.readCommitted(BROKER.bootstrapServers())) {
            producer.send(new ProducerRecord<>(tx, "huge", huge)).get();
            final Random random = new Random(3);
            for (int i = 0; i < 50; i++) {
                final Transaction t = PipelineContract.transaction("after" + i, t0.plusSeconds(i), false, random);
                producer.send(new ProducerRecord<>(tx, t.id(), TransactionJson.write(t)));
            }
            producer.flush();
            final List<ConsumerRecord<String, byte[]>> scored = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> r.size() >= 50, Duration.ofSeconds(120));
            assertThat(scored).extracting(ConsumerRecord::key).hasSize(50).doesNotContain("huge");
            final List<ConsumerRecord<String, byte[]>> dead = Clients.readUntil(dlq, settings.topic(Key.TOPIC_DLQ),
                    r -> !r.isEmpty(), Duration.ofSeconds(60));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterHandler.REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("write.too-large");
            assertThat(app.ready()).isTrue();
        }
    }

    /** Hostile records keyed {@code <prefix><n>}: the reason each one's dead letter must carry, and its value. */
    private static final class Corpus {
        private final String prefix;
        private final Map<String, String> reasons = new LinkedHashMap<>();
        private final Map<String, byte[]> values = new LinkedHashMap<>();

        Corpus(final String prefix) {
            this.prefix = prefix;
        }

        void add(final String reason, final String json) {
            final String key = prefix + reasons.size();
            reasons.put(key, reason);
            values.put(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
