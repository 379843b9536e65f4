package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.TestDirs;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Score;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** History features through the whole topology: exact values, as the model saw them (read from the outcomes). */
@Tag("topology")
class HistoryFeaturesTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final double PRIOR = 0.005;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> transactions;
    private TestInputTopic<String, byte[]> labels;
    private TestOutputTopic<String, LabelledOutcome> outcomes;
    private TestOutputTopic<String, Score> scores;

    private void start() {
        final Settings settings = Settings.from(Map.of("bootstrap.servers", "unused:9092",
                "application.id", "fraudstream-history-test",
                Key.PENDING_HORIZON.key(), "30d",
                Key.MODEL_PRIOR.key(), Double.toString(PRIOR),
                Key.FEATURES_MERCHANT_DELAY.key(), "7d",
                Key.FEATURES_MERCHANT_WINDOWS.key(), "1d,7d",
                Key.FEATURES_MERCHANT_SMOOTHING.key(), "10"));
        final Properties props = FraudTopology.streamsConfig(settings, FraudMeters.detached());
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fs-history").toString());
        driver = new TopologyTestDriver(FraudTopology.build(settings), props, T0);
        transactions = driver.createInputTopic("transactions", new StringSerializer(), new ByteArraySerializer());
        labels = driver.createInputTopic("labels", new StringSerializer(), new ByteArraySerializer());
        outcomes = driver.createOutputTopic("outcomes", new StringDeserializer(),
                new OutcomeCodec(settings.schema()).serde(false).deserializer());
        scores = driver.createOutputTopic("scores", new StringDeserializer(), EventSerdes.score().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(final String id, final Instant time, final String card, final String merchant,
                      final double amount) {
        final Transaction t = new Transaction(id, time.toEpochMilli(), amount, card, merchant, "EUR", Map.of(),
                Map.of());
        transactions.pipeInput(id, TransactionJson.write(t), t.timestamp());
    }

    private void label(final String id, final boolean fraud, final Instant time) {
        labels.pipeInput(id, LabelJson.write(new Label(id, fraud, time.toEpochMilli())), time.toEpochMilli());
    }

    /** A transaction long before the test's, so that every window the test looks at lies within known history. */
    private void warmUp() {
        send("warm-up", T0.minus(Duration.ofDays(60)), "w", "w", 1);
    }

    /** Features of every labelled transaction so far, as scored. */
    private Map<String, FeatureVector> seen(final Map<String, FeatureVector> into) {
        outcomes.readValuesToList().forEach(o -> into.put(o.transactionId(), o.features()));
        return into;
    }

    @Test
    void cardFeaturesAreExactIncludingAnOutOfOrderTransactionAndAFirstSeenCard() {
        start();
        warmUp();
        send("a", T0, "c1", "m1", 10);
        send("b", T0.plus(Duration.ofMinutes(30)), "c1", "m2", 30);
        send("c", T0.plus(Duration.ofMinutes(10)), "c1", "m1", 20); // late: arrives after b, happened before it
        send("d", T0.plus(Duration.ofHours(2)), "c1", "m1", 100);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            label(id, false, T0.plus(Duration.ofHours(3)));
        }
        final Map<String, FeatureVector> f = seen(new HashMap<>());
        // a: the card's first transaction
        assertThat(f.get("a").get("card.count.30d")).isZero();
        assertThat(f.get("a").get("card.since.last")).isNaN();
        assertThat(f.get("a").get("card.merchant.new")).isEqualTo(1);
        // b: a before it
        assertThat(f.get("b").get("card.count.1h")).isEqualTo(1);
        assertThat(f.get("b").get("card.amount.mean.1h")).isEqualTo(10);
        assertThat(f.get("b").get("card.since.last")).isCloseTo(Math.log1p(1800), within(1e-12));
        assertThat(f.get("b").get("card.merchant.new")).isEqualTo(1);
        assertThat(f.get("b").get("card.merchants.1d")).isEqualTo(2);
        // c: only a happened before it, although b was processed first
        assertThat(f.get("c").get("card.count.1h")).isEqualTo(1);
        assertThat(f.get("c").get("card.since.last")).isCloseTo(Math.log1p(600), within(1e-12));
        assertThat(f.get("c").get("card.merchant.new")).isZero();
        assertThat(f.get("c").get("card.amount.vs.mean")).isCloseTo(Math.log(21.0 / 11), within(1e-12));
        // d: all three, none within the hour
        assertThat(f.get("d").get("card.count.1h")).isZero();
        assertThat(f.get("d").get("card.count.1d")).isEqualTo(3);
        assertThat(f.get("d").get("card.amount.mean.1d")).isEqualTo(20);
        assertThat(f.get("d").get("card.merchants.1d")).isEqualTo(2);
        assertThat(f.get("d").get("card.since.last")).isCloseTo(Math.log1p(90 * 60), within(1e-12));
        // every score carries its reasons (the prior-only model has no weights, so none yet)
        assertThat(scores.readValuesToList()).hasSize(5).allSatisfy(s -> assertThat(s.reasons()).isEmpty());
    }

    @Test
    void windowsReachingBackBeforeTheStreamBeganAreLeftOutNotUnderCounted() {
        start();
        send("first", T0, "c1", "m1", 10);
        send("second", T0.plus(Duration.ofHours(2)), "c1", "m1", 10);
        send("later", T0.plus(Duration.ofDays(8)), "c1", "m1", 10);
        for (String id : new String[] {"first", "second", "later"}) {
            label(id, false, T0.plus(Duration.ofDays(9)));
        }
        final Map<String, FeatureVector> f = seen(new HashMap<>());
        // two hours in: the 1-hour window is complete, the day, week and month are not
        assertThat(f.get("second").get("card.count.1h")).isZero();
        assertThat(f.get("second").get("card.count.1d")).isNaN();
        assertThat(f.get("second").get("card.count.30d")).isNaN();
        assertThat(f.get("second").get("card.merchant.new")).isNaN();
        assertThat(f.get("second").get("card.since.last")).isCloseTo(Math.log1p(7200), within(1e-12));
        assertThat(f.get("second").get("merchant.count.1d")).isNaN();
        // eight days in: the week is complete (card), the month is not; merchant windows shifted by 7 days: 1 day
        assertThat(f.get("later").get("card.count.7d")).isZero();
        assertThat(f.get("later").get("card.count.30d")).isNaN();
        assertThat(f.get("later").get("merchant.count.1d")).isEqualTo(2);
        assertThat(f.get("later").get("merchant.count.7d")).isNaN();
    }

    @Test
    void aMerchantsFraudLabelCountsOnlyOnceItsTransactionIsOlderThanTheDelayAndTheLabelHasArrived() {
        start();
        warmUp();
        final double empty = PRIOR; // a merchant without activity in the window: the prior
        send("f1", T0, "k1", "mX", 50);
        label("f1", true, T0.plus(Duration.ofHours(1))); // known within the hour
        send("g", T0, "k9", "mY", 50); // its fraud label will come only after 9 days
        send("probe1", T0.plus(Duration.ofHours(2)), "k2", "mX", 50);
        label("probe1", false, T0.plus(Duration.ofHours(3)));
        send("probe2", T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)), "k3", "mX", 50);
        label("probe2", false, T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(3)));
        send("probeY1", T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)), "k4", "mY", 50);
        label("probeY1", false, T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)));
        label("g", true, T0.plus(Duration.ofDays(9)));
        send("probeY2", T0.plus(Duration.ofDays(9)).plus(Duration.ofHours(1)), "k5", "mY", 50);
        label("probeY2", false, T0.plus(Duration.ofDays(9)).plus(Duration.ofHours(2)));
        final Map<String, FeatureVector> f = seen(new HashMap<>());
        // probe1, two hours after the fraud: the fraud is younger than the 7-day delay, so it is in no window
        assertThat(f.get("probe1").get("merchant.count.7d")).isZero();
        assertThat(f.get("probe1").get("merchant.risk.7d")).isCloseTo(empty, within(1e-12));
        // probe2, 7 days and 2 hours later: f1 is now old enough, and its label was known
        assertThat(f.get("probe2").get("merchant.count.1d")).isEqualTo(1);
        assertThat(f.get("probe2").get("merchant.risk.1d")).isCloseTo((1 + 10 * PRIOR) / 11, within(1e-12));
        // probeY1: g is old enough, but its label has not arrived: counted, not as fraud
        assertThat(f.get("probeY1").get("merchant.count.7d")).isEqualTo(1);
        assertThat(f.get("probeY1").get("merchant.risk.7d")).isCloseTo(10 * PRIOR / 11, within(1e-12));
        // probeY2: after g's label arrived (day 9), g counts as fraud
        assertThat(f.get("probeY2").get("merchant.count.7d")).isEqualTo(1);
        assertThat(f.get("probeY2").get("merchant.risk.7d")).isCloseTo((1 + 10 * PRIOR) / 11, within(1e-12));
    }

    @Test
    void noFeatureEverUsesALabelYoungerThanTheDelay() {
        start();
        warmUp();
        // a merchant whose every transaction is fraud and labelled within minutes, one transaction an hour for
        // 10 days: any window that used a label younger than 7 days would show fraud before day 7
        final Random random = new Random(1);
        for (int h = 0; h < 240; h++) {
            final Instant t = T0.plus(Duration.ofHours(h)).plusSeconds(random.nextInt(1800));
            send("x" + h, t, "card" + h, "mZ", 10);
            label("x" + h, true, t.plus(Duration.ofMinutes(5)));
        }
        final Map<String, FeatureVector> f = seen(new HashMap<>());
        for (int h = 0; h < 240; h++) {
            final FeatureVector x = f.get("x" + h);
            if (h < 7 * 24) {
                assertThat(x.get("merchant.count.7d")).as("x%d", h).isZero();
                assertThat(x.get("merchant.risk.7d")).as("x%d", h).isCloseTo(PRIOR, within(1e-12));
            } else {
                // frauds older than the delay are visible: count = risk-bearing transactions in [t-14d, t-7d)
                assertThat(x.get("merchant.risk.7d")).as("x%d", h)
                        .isCloseTo((x.get("merchant.count.7d") + 10 * PRIOR) / (x.get("merchant.count.7d") + 10),
                                within(1e-12));
            }
        }
        assertThat(f.get("x239").get("merchant.count.7d")).isGreaterThan(60);
    }
}
