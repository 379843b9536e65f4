package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The stepping search finds the bin a lower-bound binary search finds, for every number of edges a tree uses. */
class BinSearchTest {
    @Test
    void everyValueLandsInTheBinOfTheFirstEdgeItDoesNotExceed() {
        final Random random = new Random(17);
        for (int count = 0; count <= 126; count++) {
            final TreeSet<Double> distinct = new TreeSet<>();
            while (distinct.size() < count) {
                distinct.add((double) (random.nextInt(400) - 200) / 4);
            }
            final double[] edges = distinct.stream().mapToDouble(Double::doubleValue).toArray();
            final double[] padded = BinSearch.padded(edges);
            assertThat(padded.length + 1).as("a power of two").isEqualTo(Integer.highestOneBit(padded.length + 1));
            final double[] values = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, -1000, 1000};
            for (int k = 0; k < 300; k++) {
                final double v = k < values.length ? values[k]
                        : k % 2 == 0 && count > 0 ? edges[random.nextInt(count)] : random.nextGaussian() * 30;
                assertThat(BinSearch.binOf(padded, v)).as("%d edges, value %s", count, v)
                        .isEqualTo(lowerBound(edges, v));
            }
        }
    }

    /** The first edge the value does not exceed (the edges' count when it exceeds them all), as it was found. */
    private static int lowerBound(final double[] edges, final double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (v <= edges[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Test
    void paddingIsAboveEveryEdge() {
        assertThat(BinSearch.padded(new double[] {1, 2, 3, 4})).containsExactly(1, 2, 3, 4,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(BinSearch.padded(new double[0])).isEmpty();
        assertThat(Arrays.stream(BinSearch.padded(new double[] {5})).boxed()).containsExactly(5.0);
    }
}
