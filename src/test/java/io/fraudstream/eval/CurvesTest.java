package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PR-AUC from the classes sorted apart, against scikit-learn's step-wise definition over a full ranking. */
class CurvesTest {
    /** The definition: over the distinct scores, descending, Σ (R_k − R_k−1) · P_k, ties entering together. */
    private static double stepWise(final double[] scores, final boolean[] labels) {
        final int[] order = Curves.descending(scores);
        int positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        double ap = 0;
        double previousRecall = 0;
        int tp = 0;
        int seen = 0;
        for (int i = 0; i < order.length; ) {
            final double s = scores[order[i]];
            while (i < order.length && Double.compare(scores[order[i]], s) == 0) {
                tp += labels[order[i]] ? 1 : 0;
                seen++;
                i++;
            }
            final double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / seen);
            previousRecall = recall;
        }
        return ap;
    }

    @Test
    void averagePrecisionIsTheStepWiseDefinitionToTheLastBitWithTiesZerosAndExtremes() {
        final Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            final int n = 2 + random.nextInt(3000);
            final double[] scores = new double[n];
            final boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextDouble() < 0.1;
                scores[i] = switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(8) / 8.0; // ties
                    case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 2 -> random.nextBoolean() ? 1.0 : Double.MIN_VALUE;
                    default -> random.nextDouble() * (labels[i] ? 1.2 : 1);
                };
            }
            labels[0] = true;
            labels[1] = false;
            assertThat(Curves.averagePrecision(scores, labels)).isEqualTo(stepWise(scores, labels));
        }
    }

    @Test
    void descendingIsAStableRankingInDoubleCompareOrder() {
        final Random random = new Random(13);
        for (int trial = 0; trial < 200; trial++) {
            final int n = random.nextInt(trial < 20 ? 5 : 4000);
            final double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = switch (random.nextInt(7)) {
                    case 0 -> random.nextInt(5) / 4.0;
                    case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 2 -> random.nextBoolean() ? Double.NaN : Double.longBitsToDouble(0x7ff0000000000abcL);
                    case 3 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    case 4 -> -random.nextDouble() * 1e6;
                    default -> random.nextDouble();
                };
            }
            final int[] expected = IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Double.compare(scores[b], scores[a]) != 0 ? Double.compare(scores[b], scores[a])
                            : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
            assertThat(Curves.descending(scores)).isEqualTo(expected);
        }
    }

    @Test
    void averagePrecisionOfAPerfectAndOfAnInvertedRanking() {
        final double[] scores = {0.9, 0.8, 0.3, 0.2, 0.1};
        assertThat(Curves.averagePrecision(scores, new boolean[] {true, true, false, false, false})).isEqualTo(1.0);
        // both frauds last: precision 1/4 at the first, 2/5 at the second
        assertThat(Curves.averagePrecision(scores, new boolean[] {false, false, false, true, true}))
                .isEqualTo(0.5 * 0.25 + 0.5 * 0.4);
        assertThat(Curves.averagePrecision(scores, new boolean[5])).isNaN();
    }
}
