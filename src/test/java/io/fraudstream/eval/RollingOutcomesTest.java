package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingOutcomesTest {
    /** Independent reference: AP = mean over positives of precision at that positive's score (ties inclusive). */
    static double referenceAp(final float[] s, final boolean[] y) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            if (!y[i]) {
                continue;
            }
            int atOrAbove = 0;
            int positivesAtOrAbove = 0;
            for (int j = 0; j < s.length; j++) {
                if (s[j] >= s[i]) {
                    atOrAbove++;
                    positivesAtOrAbove += y[j] ? 1 : 0;
                }
            }
            sum += (double) positivesAtOrAbove / atOrAbove;
        }
        return sum / positives;
    }

    @Test
    void averagePrecisionMatchesABruteForceReferenceOnRandomWindowsWithTies() {
        final Random random = new Random(2026);
        for (int round = 0; round < 300; round++) {
            final int n = 2 + random.nextInt(400);
            final float[] s = new float[n];
            final boolean[] y = new boolean[n];
            final int levels = 1 + random.nextInt(20); // few distinct scores: many ties
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() < 0.1;
                s[i] = random.nextBoolean() ? random.nextInt(levels) / (float) levels : random.nextFloat();
            }
            y[0] = true;
            y[1] = false;
            assertThat(RollingOutcomes.averagePrecision(s, y)).as("round %d", round)
                    .isCloseTo(referenceAp(s, y), within(1e-12));
        }
    }

    @Test
    void knownSmallCase() {
        // scikit-learn: average_precision_score([1,0,1,0], [0.9,0.8,0.7,0.1]) = (1 + 2/3) / 2
        assertThat(RollingOutcomes.averagePrecision(new float[] {0.9f, 0.8f, 0.7f, 0.1f},
                new boolean[] {true, false, true, false})).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void metricsAreUndefinedNotZeroWhenAClassIsMissing() {
        final RollingOutcomes w = new RollingOutcomes(10);
        w.add(0.1, false, false);
        w.add(0.2, false, false);
        final WindowMetrics m = w.metrics();
        assertThat(m.prAuc()).isNaN();
        assertThat(m.recall()).isNaN();
        assertThat(m.precision()).isNaN();
    }

    @Test
    void theWindowKeepsOnlyTheLastNOutcomes() {
        final RollingOutcomes w = new RollingOutcomes(3);
        w.add(0.9, true, true); // evicted below
        w.add(0.1, false, false);
        w.add(0.2, false, true);
        w.add(0.3, true, false);
        w.add(0.4, false, false);
        final WindowMetrics m = w.metrics();
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.positives()).isEqualTo(1);
        assertThat(m.truePositives()).isZero();
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.precision()).isZero();
        assertThat(m.recall()).isZero();
        assertThat(m.prAuc()).isCloseTo(0.5, within(1e-12)); // scores 0.2, 0.3(+), 0.4: positive ranked second
    }
}
