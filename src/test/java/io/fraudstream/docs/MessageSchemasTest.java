package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Json;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.topology.FraudTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas in docs/schemas describe what fraudstream really writes and reads. Every record of every public
 * output topic of a topology run (scores, alerts, models of both families, outcomes, metrics, dead-letter headers)
 * must validate against its schema; for the input messages, the schema and the validating parser must agree on a
 * corpus of valid and hostile documents.
 */
@Tag("topology")
class MessageSchemasTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static Schema schema(final String name) {
        try {
            return SCHEMAS.getSchema(Files.readString(Path.of("docs/schemas", name + ".schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(final Schema schema, final String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static void assertValid(final String schemaName, final List<String> documents) {
        final Schema schema = schema(schemaName);
        for (String json : documents) {
            assertThat(errors(schema, json)).as(schemaName + ": " + json).isEmpty();
        }
    }

    @Test
    void everyRecordOfEveryPublicTopicOfARunValidatesAgainstItsSchema() throws IOException {
        final Map<String, List<String>> out = new HashMap<>();
        final List<Map<String, String>> deadLetterHeaders = new ArrayList<>();
        runTopology(out, deadLetterHeaders);

        assertThat(out.get("scores")).hasSizeGreaterThan(3000);
        assertThat(out.get("alerts")).isNotEmpty();
        assertThat(out.get("outcomes")).hasSizeGreaterThan(3000);
        assertThat(out.get("metrics")).isNotEmpty();
        final List<JsonNode> models = new ArrayList<>();
        for (String m : out.get("model")) {
            models.add(Json.MAPPER.readTree(m));
        }
        assertThat(models).extracting(m -> m.get("family").asText()).contains("logistic", "trees");
        assertThat(models).anyMatch(m -> m.get("calibration").isObject());
        assertThat(models).anyMatch(m -> m.get("training").isObject());

        assertValid("score", out.get("scores"));
        assertValid("alert", out.get("alerts"));
        assertValid("outcome", out.get("outcomes"));
        assertValid("metrics", out.get("metrics"));
        assertValid("model", out.get("model"));
        // a balanced-trees model is a tree ensemble under its own family: valid with its trees, refused without
        final ObjectNode balanced = (ObjectNode) models.stream().filter(m -> m.get("family").asText().equals("trees"))
                .findFirst().orElseThrow().deepCopy();
        balanced.put("family", "balanced-trees");
        assertValid("model", List.of(balanced.toString()));
        balanced.putNull("trees");
        assertThat(errors(schema("model"), balanced.toString())).isNotEmpty();
        assertThat(deadLetterHeaders).isNotEmpty();
        assertValid("dead-letter-headers", deadLetterHeaders.stream().map(h -> {
            final ObjectNode node = Json.MAPPER.createObjectNode();
            h.forEach(node::put);
            return node.toString();
        }).toList());
    }

    @Test
    void theSchemasRejectWhatTheyMustSoTheCheckAboveCanFail() {
        final Schema score = schema("score");
        assertThat(errors(score, "{\"transactionId\":\"t\",\"score\":1.5,\"decision\":\"BLOCK\",\"threshold\":0.6,"
                + "\"modelVersion\":1,\"scoredAt\":\"2026-03-01T10:15:30.412Z\",\"reasons\":[]}")).isNotEmpty();
        assertThat(errors(score, "{\"transactionId\":\"t\",\"score\":0.5,\"decision\":\"MAYBE\",\"threshold\":0.6,"
                + "\"modelVersion\":1,\"scoredAt\":\"2026-03-01T10:15:30.412Z\",\"reasons\":[]}")).isNotEmpty();
        assertThat(errors(schema("alert"), "{\"transactionId\":\"t\",\"score\":0.1,\"decision\":\"APPROVE\","
                + "\"threshold\":0.2,\"modelVersion\":1,\"scoredAt\":\"2026-03-01T10:15:30.412Z\",\"reasons\":[],"
                + "\"amount\":3,\"eventTime\":\"2026-03-01T10:15:30Z\"}")).isNotEmpty();
        assertThat(errors(schema("dead-letter-headers"), "{\"fraudstream.reason\":\"made up\","
                + "\"__streams.errors.message\":\"m\"}")).isNotEmpty();
    }

    /** Producer documents, each either accepted by the parser or dead-lettered: the schema must say the same. */
    @Test
    void theTransactionAndLabelSchemasAgreeWithTheParsers() {
        final String ok = "\"id\":\"t1\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":12.5";
        final List<String> transactions = List.of(
                "{" + ok + "}",
                "{\"id\":\"tx-81723\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":129.90,\"cardId\":\"card-17\","
                        + "\"merchantId\":\"m-204\",\"currency\":\"EUR\",\"features\":{\"distance_km\":412.5,"
                        + "\"card_age_days\":38},\"attributes\":{\"channel\":\"ecom\",\"country\":\"NG\"}}",
                "{\"id\":81723,\"timestamp\":1772360130000,\"amount\":\"12.50\",\"cardId\":17}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30+02:00\",\"amount\":0,\"features\":{\"a\":null,"
                        + "\"b\":\"3.5\"},\"attributes\":{\"c\":null,\"d\":4},\"extra\":[1,2]}",
                "{" + ok + ",\"cardId\":null,\"features\":null,\"attributes\":null}",
                "{\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1}",
                "{\"id\":\"\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1}",
                "{\"id\":\"   \",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1}",
                "{\"id\":true,\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1}",
                "{\"id\":\"" + "x".repeat(129) + "\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1}",
                "{\"id\":\"t\",\"amount\":1}",
                "{\"id\":\"t\",\"timestamp\":\"yesterday\",\"amount\":1}",
                "{\"id\":\"t\",\"timestamp\":-5,\"amount\":1}",
                "{\"id\":\"t\",\"timestamp\":99999999999999999,\"amount\":1}",
                "{\"id\":\"t\",\"timestamp\":1.5,\"amount\":1}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\"}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":-1}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":1e400}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":\"ten\"}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":\"NaN\"}",
                "{\"id\":\"t\",\"timestamp\":\"2026-03-01T10:15:30Z\",\"amount\":[1]}",
                "{" + ok + ",\"cardId\":{\"a\":1}}",
                "{" + ok + ",\"merchantId\":\"" + "m".repeat(129) + "\"}",
                "{" + ok + ",\"features\":[1,2]}",
                "{" + ok + ",\"features\":{\"a\":\"high\"}}",
                "{" + ok + ",\"features\":{\"" + "f".repeat(129) + "\":1}}",
                "{" + ok + ",\"features\":" + manyEntries(257, "1") + "}",
                "{" + ok + ",\"attributes\":{\"a\":{\"b\":1}}}",
                "{" + ok + ",\"attributes\":{\"a\":\"" + "v".repeat(129) + "\"}}",
                "{" + ok + ",\"attributes\":" + manyEntries(65, "\"x\"") + "}",
                "[1,2,3]",
                "\"just a string\"");
        agree("transaction", transactions, data -> TransactionJson.parse(data));

        final List<String> labels = List.of(
                "{\"transactionId\":\"t1\",\"fraud\":true,\"timestamp\":\"2026-03-03T08:00:00Z\"}",
                "{\"transactionId\":42,\"fraud\":1,\"timestamp\":1772524800000}",
                "{\"transactionId\":\"t1\",\"fraud\":\"FALSE\",\"timestamp\":\"2026-03-03T08:00:00Z\",\"note\":\"x\"}",
                "{\"fraud\":true,\"timestamp\":\"2026-03-03T08:00:00Z\"}",
                "{\"transactionId\":\"t1\",\"timestamp\":\"2026-03-03T08:00:00Z\"}",
                "{\"transactionId\":\"t1\",\"fraud\":2,\"timestamp\":\"2026-03-03T08:00:00Z\"}",
                "{\"transactionId\":\"t1\",\"fraud\":\"maybe\",\"timestamp\":\"2026-03-03T08:00:00Z\"}",
                "{\"transactionId\":\"t1\",\"fraud\":true}",
                "{\"transactionId\":\"t1\",\"fraud\":true,\"timestamp\":\"soon\"}",
                "{\"transactionId\":\"" + "x".repeat(129) + "\",\"fraud\":true,\"timestamp\":1}");
        agree("label", labels, data -> LabelJson.parse(data));
    }

    private static String manyEntries(final int n, final String value) {
        final StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(value);
        }
        return b.append('}').toString();
    }

    private static void agree(final String schemaName, final List<String> documents, final Consumer<byte[]> parser) {
        final Schema schema = schema(schemaName);
        int accepted = 0;
        for (String json : documents) {
            boolean parsed;
            try {
                parser.accept(json.getBytes(StandardCharsets.UTF_8));
                parsed = true;
            } catch (InvalidRecordException e) {
                parsed = false;
            }
            accepted += parsed ? 1 : 0;
            assertThat(errors(schema, json).isEmpty()).as(schemaName + " schema vs parser on " + json).isEqualTo(parsed);
        }
        assertThat(accepted).as("the corpus has both kinds").isBetween(2, documents.size() - 5);
    }

    /**
     * 4,000 transactions a second apart on 40 cards, 3% fraud with a band of amounts as the signal, each labelled a second
     * later; a label keyed wrongly for a dead letter; wall clock advanced for the metrics publications.
     */
    private static void runTopology(final Map<String, List<String>> out, final List<Map<String, String>> deadLetters)
            throws IOException {
        final Settings settings = Settings.from(Map.of("bootstrap.servers", "unused:9092",
                "application.id", "fraudstream-schemas", Key.MODEL_PUBLISH_EVERY.key(), "400",
                Key.PENDING_HORIZON.key(), "1h", Key.LEARNER_BACKGROUND.key(), "false",
                Key.METRICS_BACKGROUND.key(), "false", Key.LEARNER_FAMILY.key(), "logistic,trees", Key.LEARNER_HOLDOUT_MIN_FRAUDS.key(), "5",
                Key.LABELS_MATURITY.key(), "0s", // labels come at once here: every example is mature
                Key.OUTCOMES_FORMAT.key(), "json")); // binary by default; the documented JSON is an option
        final FraudMeters meters = FraudMeters.detached();
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-schemas").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0)) {
            final TestInputTopic<String, byte[]> transactions = driver.createInputTopic("transactions",
                    new StringSerializer(), new ByteArraySerializer());
            final TestInputTopic<String, byte[]> labels = driver.createInputTopic("labels", new StringSerializer(),
                    new ByteArraySerializer());
            final Random random = new Random(11);
            Instant t = T0;
            for (int i = 0; i < 4000; i++) {
                t = t.plusSeconds(1);
                final boolean fraud = random.nextDouble() < 0.03;
                // a band of amounts, which trees capture and a linear model cannot: both families get promoted
                final double amount = fraud ? 200 + random.nextDouble() * 60 : 5 + random.nextDouble() * 1000;
                final String id = "s" + i;
                transactions.pipeInput(id, TransactionJson.write(new Transaction(id, t.toEpochMilli(), amount,
                        "card-" + i % 40, "m-" + i % 9, "EUR", Map.of(), Map.of())),
                        t.toEpochMilli());
                labels.pipeInput(id, LabelJson.write(new Label(id, fraud, t.plusSeconds(1).toEpochMilli())),
                        t.plusSeconds(1).toEpochMilli());
                if (i % 500 == 0) {
                    driver.advanceWallClockTime(Duration.ofSeconds(6));
                }
            }
            labels.pipeInput("case-17", LabelJson.write(new Label("s1", true, t.toEpochMilli())));
            driver.advanceWallClockTime(Duration.ofSeconds(6));
            for (String topic : List.of("scores", "alerts", "outcomes", "metrics", "model")) {
                out.put(topic, driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer())
                        .readValuesToList());
            }
            for (TestRecord<byte[], byte[]> dead : driver.createOutputTopic("transactions.dlq",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
                final Map<String, String> headers = new HashMap<>();
                for (Header h : dead.headers()) {
                    headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                }
                deadLetters.add(headers);
            }
        }
    }
}
