package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order-statistic treap against the sort-based curves, on long sliding windows of mostly distinct scores. */
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
                final double[] s = window.stream().mapToDouble(x -> x[0]).toArray();
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

    @Test
    void removingWhatIsNotThereFailsLoudly() {
        final RankedScores ranked = new RankedScores();
        ranked.add(0.5, true);
        assertThatThrownBy(() -> ranked.remove(0.5, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ranked.remove(0.4, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ranked.add(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
