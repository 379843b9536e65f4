package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first models of a stream in which fraud is rare: each round's batch repeats the few dozen frauds seen so far
 * hundreds of times to make up its fraud share, and until the holdout holds learner.holdout.min.frauds frauds no
 * model is calibrated. In 28 dimensions a few dozen frauds are linearly separable, so a logistic regression fitted
 * without a real L2 penalty grows its weights until they are; the prior correction moves only the intercept, and
 * legitimate transactions near the frauds' side scored near 1. In a replay of the Kaggle credit-card layout such
 * early models ranked a thousand legitimate transactions above every later model's frauds (PR-AUC over the replay
 * 0.18; 0.52 with the default penalty). Data of that layout's shape: 28 standard normal features, a fraud's 4th,
 * 10th and 14th two lower, 0.17% fraud, labels an hour after, the shipped defaults.
 */
@Tag("statistical")
class FirstRoundsTest {
    private static final String[] NAMES = IntStream.rangeClosed(1, 28).mapToObj(k -> "V" + k).toArray(String[]::new);

    @Test
    void theFirstModelsScoreLegitimateTransactionsLowAndStillRankWell() {
        final List<Model> penalised = published(Map.of()).subList(0, 3);
        final List<Model> unpenalised = published(Map.of(Key.LEARNER_L2.key(), "1e-6")).subList(0, 3);
        // the failure this guards against: one legitimate transaction in a thousand scored above 0.4
        assertThat(unpenalised.stream().mapToDouble(m -> legitScores(m)[19_980]).max().orElseThrow())
                .isGreaterThan(0.4);
        for (Model m : penalised) {
            final double[] legit = legitScores(m);
            assertThat(legit[19_980]).as("v%d: the 99.9th percentile of legitimate scores", m.version())
                    .isLessThan(0.15);
            assertThat(rocAuc(m, legit)).as("v%d: ROC-AUC", m.version()).isGreaterThan(0.95); // Bayes: 0.993
        }
    }

    /** 20 000 fresh legitimate transactions' scores, sorted. */
    private static double[] legitScores(final Model m) {
        final Random r = new Random(31);
        final double[] s = new double[20_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = m.score(shifted(r, false));
        }
        Arrays.sort(s);
        return s;
    }

    private static double rocAuc(final Model m, final double[] sortedLegit) {
        final Random r = new Random(37);
        double above = 0;
        for (int i = 0; i < 500; i++) {
            final int at = Arrays.binarySearch(sortedLegit, m.score(shifted(r, true)));
            above += at < 0 ? -at - 1 : at;
        }
        return above / (500.0 * sortedLegit.length);
    }

    /** The models published while 60 000 outcomes are learnt, in order. */
    private static List<Model> published(final Map<String, String> overrides) {
        final Map<String, String> raw = new HashMap<>(overrides);
        raw.put(Key.LABELS_MATURITY.key(), "1h");
        raw.put("bootstrap.servers", "127.0.0.1:9"); // required by the settings, unused here
        final Learning learning = new Learning(Settings.from(raw).learning(),
                ModelSnapshot.prior(0.005, 0.2, 0.6, "test"));
        final Random r = new Random(17);
        final List<Model> models = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            final boolean fraud = r.nextDouble() < 0.0017;
            final FeatureVector v = shifted(r, fraud);
            final long time = 1_700_000_000_000L + i * 1000L;
            final Model model = learning.champion();
            final double score = model.score(v);
            learning.observe(new LabelledOutcome("t" + i, time, time + 3_600_000, fraud, LabelledOutcome.SOURCE_LABEL,
                    10 + r.nextDouble() * 100, null, null, score, model.decide(score), model.version(), v),
                    StateSink.NONE);
            if (learning.champion().version() != model.version()) {
                models.add(learning.champion());
            }
        }
        return models;
    }

    private static FeatureVector shifted(final Random r, final boolean fraud) {
        final double[] values = new double[28];
        for (int k = 0; k < 28; k++) {
            values[k] = r.nextGaussian() - (fraud && (k == 3 || k == 9 || k == 13) ? 2 : 0);
        }
        return new FeatureVector(NAMES, values);
    }
}
