package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.Curves;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Numbers cannot poison: valid transactions with extreme amounts and upstream features (0, 1e-300, 1e308, the
 * largest double, huge counts on one card) go through card features, scoring, learning with retraining rounds of
 * both families, and the rolling evaluator. Every feature and score stays finite, rounds keep publishing models
 * whose parameters are finite, and every metric is computed (no loop over scores runs for ever). Before the fix,
 * three amounts of 1e308 on one card made {@code card.amount.vs.mean} −∞, the learner's weights NaN, and the next
 * round looped for ever inside the PR-AUC computation.
 */
class ExtremeValuesPropertyTest {
    private static final double[] EXTREMES = {0, 1e-300, 1e308, Double.MAX_VALUE, 1e15, Double.MIN_VALUE};

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void extremeButValidInputKeepsEveryFeatureScoreModelAndMetricFiniteAndLearningMoving() {
        final Settings settings = Settings.from(Map.of("bootstrap.servers", "unused:9092",
                Key.MODEL_PUBLISH_EVERY.key(), "500", Key.LEARNER_HOLDOUT_MIN_FRAUDS.key(), "5",
                Key.SAMPLING_BATCH_SIZE.key(), "1000", Key.LABELS_MATURITY.key(), "0s"));
        final String schema = settings.schema().id();
        final ModelSnapshot prior = ModelSnapshot.prior(0.01, 0.2, 0.6, schema);
        final Learning learning = new Learning(settings.learning(), prior);
        final RollingEvaluator evaluator = new RollingEvaluator(settings.evaluation(), seq -> { });
        final CardHistory cards = new CardHistory(settings.cardWindows());
        final FeatureExtractor extractor = new FeatureExtractor(settings.attributeBuckets());
        final Map<String, ArrayDeque<CardHistory.Event>> history = new HashMap<>();
        final Random random = new Random(11);
        final long start = 1_767_225_600_000L; // 2026-01-01
        int rounds = 0;
        int promoted = 0;
        for (int i = 0; i < 6_000; i++) {
            final long time = start + i * 60_000L;
            final boolean extreme = random.nextDouble() < 0.3;
            final boolean fraud = random.nextDouble() < (extreme ? 0.2 : 0.02);
            final double amount = extreme ? EXTREMES[random.nextInt(EXTREMES.length)]
                    : (fraud ? 500 : 5) + random.nextDouble() * 100;
            // a few cards take the extremes over and over: their sums and squares would overflow
            final String card = "card-" + (extreme ? random.nextInt(3) : random.nextInt(200));
            final Map<String, Double> upstream = Map.of("distance", extreme ? -EXTREMES[random.nextInt(EXTREMES.length)]
                    : random.nextDouble() * 50, "count", extreme ? Double.MAX_VALUE : 1.0);
            final Transaction t = new Transaction("t" + i, time, amount, card, "m-" + random.nextInt(20), "EUR",
                    upstream, Map.of("channel", extreme ? "x".repeat(100) : "web"));
            final ArrayDeque<CardHistory.Event> past = history.computeIfAbsent(card, c -> new ArrayDeque<>());
            final FeatureVector x = extractor.extract(t, cards.features(time, amount, t.merchantId(), past));
            past.addLast(new CardHistory.Event(time, amount, t.merchantId()));
            for (double v : x.values()) {
                assertThat(v).as("a feature of transaction %d", i).isFinite();
            }
            final Model champion = learning.champion();
            final double score = champion.score(x);
            assertThat(score).as("the score of transaction %d", i).isBetween(0.0, 1.0);
            final boolean alerted = score >= champion.snapshot().reviewThreshold();
            final LabelledOutcome o = new LabelledOutcome(t.id(), time, time + 1_000, fraud, LabelledOutcome.SOURCE_LABEL,
                    amount, card, t.merchantId(), score, alerted ? Decision.REVIEW : Decision.APPROVE,
                    champion.version(), x).checked();
            final var round = learning.observe(o, StateSink.NONE);
            if (round.isPresent()) {
                rounds++;
                promoted += round.get().promoted() ? 1 : 0;
                ModelCheck.check(round.get().challenger(), schema); // finite and in range, or it throws
            }
            evaluator.observe(new RollingEvaluator.Entry(i, time, time + 1_000, fraud, amount, card, score, alerted,
                    Double.NaN, false, champion.version()));
        }
        assertThat(rounds).as("retraining rounds, one per 500 outcomes").isGreaterThanOrEqualTo(10);
        assertThat(promoted).as("models published").isGreaterThan(0);
        assertThat(learning.version()).isGreaterThan(0);
        ModelCheck.check(learning.champion().snapshot(), schema);
        final List<WindowMetrics> metrics = new ArrayList<>();
        for (RollingEvaluator.View v : evaluator.views()) {
            metrics.add(v.metrics());
        }
        assertThat(metrics).isNotEmpty();
        final WindowMetrics last = evaluator.view("last10000", "known", "champion").metrics();
        assertThat(last.prAuc()).as("PR-AUC of the champion over every outcome").isBetween(0.0, 1.0);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void curvesEndOnNaNAndAllEqualScores() {
        final boolean[] labels = {true, false, false, true, false};
        assertThat(Curves.averagePrecision(new double[] {Double.NaN, Double.NaN, 0.5, Double.NaN, 0.1}, labels))
                .isBetween(0.0, 1.0);
        assertThat(Curves.averagePrecision(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}, labels)).isEqualTo(0.4);
        assertThat(Curves.rocAuc(new double[] {Double.NaN, 0.2, Double.NaN, 0.4, 0.1}, labels)).isBetween(0.0, 1.0);
        assertThat(Curves.prCurve(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}, labels,
                10)).isNotEmpty();
    }
}
