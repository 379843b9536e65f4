package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ranked scores' table against the sort-based curves, on long sliding windows of mostly distinct scores: the
 * same figures at the table's ranking resolution, and close to them at full precision.
 */
class RankedScoresTest {
    @Test
    void aLongSlidingWindowOfDistinctScoresMatchesTheSortBasedCurvesThroughout() {
        final Random random = new Random(77);
        final RankedScores ranked = new RankedScores();
        final Deque<double[]> window = new ArrayDeque<>(); // {score, fraud}
        for (int i = 0; i < 60_000; i++) {
            final boolean fraud = random.nextDouble() < 0.05;
            final double score = random.nextInt(10) == 0 ? random.nextInt(20) / 20.0 // some ties
                    : Math.round(random.nextDouble() * 1e6) / 1e6;
            ranked.add(score, fraud);
            window.addLast(new double[] {score, fraud ? 1 : 0});
            if (window.size() > 2000) {
                final double[] old = window.removeFirst();
                ranked.remove(old[0], old[1] > 0);
            }
            if (i % 997 == 0) {
                final double[] s = window.stream().mapToDouble(x -> RankedScores.rank(x[0])).toArray();
                final boolean[] y = new boolean[s.length];
                int k = 0;
                for (double[] x : window) {
                    y[k++] = x[1] > 0;
                }
                assertThat(ranked.averagePrecision()).isCloseTo(Curves.averagePrecision(s, y), within(1e-12));
                assertThat(ranked.rocAuc()).isCloseTo(Curves.rocAuc(s, y), within(1e-12));
                assertThat(ranked.frauds() + ranked.legits()).isEqualTo(window.size());
            }
        }
        while (!window.isEmpty()) { // emptied, node by node
            final double[] old = window.removeFirst();
            ranked.remove(old[0], old[1] > 0);
        }
        assertThat(ranked.distinct()).isZero();
        assertThat(ranked.averagePrecision()).isNaN();
    }

    /**
     * Scores as a model gives them (continuous, most legitimate ones near 0, frauds spread over the range): ranked at
     * 10 bits of mantissa, PR-AUC stays within 3e-4 of the exact figure (9e-5 at most here), ROC-AUC within 1e-5,
     * and the table holds some ten thousand distinct scores for 100 000 outcomes instead of one per outcome.
     */
    @Test
    void rankingAtTenBitsOfMantissaKeepsTheCurvesCloseToExact() {
        final Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            final int n = 100_000;
            final double[] s = new double[n];
            final boolean[] y = new boolean[n];
            final RankedScores ranked = new RankedScores();
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() < 0.005;
                s[i] = 1 / (1 + Math.exp(-(random.nextGaussian() * (1 + trial) + (y[i] ? 1.5 : -4))));
                ranked.add(s[i], y[i]);
            }
            assertThat(ranked.averagePrecision()).isCloseTo(Curves.averagePrecision(s, y), within(3e-4));
            assertThat(ranked.rocAuc()).isCloseTo(Curves.rocAuc(s, y), within(1e-5));
            assertThat(ranked.distinct()).isLessThan(30_000);
        }
        // each score within 2^-10 of its distance from 0 (or from 1), and the order kept
        double previous = Double.NEGATIVE_INFINITY;
        final double[] sweep = random.doubles(100_000).sorted().toArray();
        for (double x : sweep) {
            final double r = RankedScores.rank(x);
            assertThat(Math.abs(r - x)).isLessThanOrEqualTo(Math.min(x, 1 - x) / 1024);
            assertThat(r).isGreaterThanOrEqualTo(previous);
            previous = r;
        }
        assertThat(RankedScores.rank(0.001)).isLessThan(RankedScores.rank(0.0011));
        assertThat(RankedScores.rank(0.9989)).isLessThan(RankedScores.rank(0.999));
        assertThat(RankedScores.rank(0.25 + 1e-6)).isEqualTo(0.25);
    }

    /**
     * Any finite score (negative, above one, tiny, huge) orders as its value does, and the figures depend only on
     * what is held: the same outcomes added in another order, or after others were added and removed again (which
     * grows the table and shifts entries back into freed slots), read the same to the last bit.
     */
    @Test
    void anyFiniteScoresReadTheSameWhateverTheOrderTheyCameIn() {
        final Random random = new Random(11);
        final int n = 20_000;
        final double[] s = new double[n];
        final boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.1;
            s[i] = switch (random.nextInt(5)) {
                case 0 -> -random.nextDouble() * 1e6;
                case 1 -> random.nextDouble() * 1e-300;
                case 2 -> 1 + random.nextDouble() * 1e9;
                case 3 -> random.nextInt(7) - 3.0; // ties, -0.0 among them
                default -> random.nextDouble();
            };
        }
        final RankedScores inOrder = new RankedScores();
        for (int i = 0; i < n; i++) {
            inOrder.add(s[i], y[i]);
        }
        final double[] others = new Random(13).doubles(50_000).map(x -> x * 2 - 0.5).toArray();
        final RankedScores shuffled = new RankedScores();
        for (int i = 0; i < others.length; i++) { // others first, all of them removed again in another order
            shuffled.add(others[i], i % 3 == 0);
        }
        for (int i : new Random(12).ints(0, n).distinct().limit(n).toArray()) {
            shuffled.add(s[i], y[i]);
        }
        for (int i = others.length - 1; i >= 0; i--) {
            shuffled.remove(others[i], i % 3 == 0);
        }
        final double[] ranks = Arrays.stream(s).map(RankedScores::rank).toArray();
        assertThat(shuffled.distinct()).isEqualTo(inOrder.distinct());
        assertThat(shuffled.averagePrecision()).isEqualTo(inOrder.averagePrecision());
        assertThat(shuffled.rocAuc()).isEqualTo(inOrder.rocAuc());
        assertThat(inOrder.averagePrecision()).isCloseTo(Curves.averagePrecision(ranks, y), within(1e-12));
        assertThat(inOrder.rocAuc()).isCloseTo(Curves.rocAuc(ranks, y), within(1e-12));
    }

    @Test
    void removingWhatIsNotThereFailsLoudly() {
        final RankedScores ranked = new RankedScores();
        ranked.add(0.5, true);
        assertThatThrownBy(() -> ranked.remove(0.5, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ranked.remove(0.4, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ranked.add(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
