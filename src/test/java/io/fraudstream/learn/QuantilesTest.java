package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quickselect's order statistics are the sort's, bit for bit, on the columns a batch has. */
class QuantilesTest {
    @Test
    void theValuesAtTheRanksAreThoseOfAFullSortIncludingSignedZerosDuplicatesAndInfinities() {
        final Random random = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            final int n = 1 + random.nextInt(trial < 50 ? 40 : 5000);
            final double[] values = new double[n];
            final int kind = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 0 -> random.nextInt(3); // a flag or a small count
                    case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 2 -> random.nextInt(10) == 0 ? (random.nextBoolean() ? Double.POSITIVE_INFINITY
                            : Double.NEGATIVE_INFINITY) : random.nextGaussian();
                    case 3 -> 7.5; // constant
                    default -> Math.round(random.nextGaussian() * 100) / 10.0;
                };
            }
            final int[] ranks = random.ints(1 + random.nextInt(40), 0, n).sorted().toArray();
            final double[] sorted = values.clone();
            Arrays.sort(sorted);
            final double[] found = Quantiles.at(values.clone(), ranks);
            for (int r = 0; r < ranks.length; r++) {
                assertThat(Double.doubleToRawLongBits(found[r])).as("rank %d of %d", ranks[r], n)
                        .isEqualTo(Double.doubleToRawLongBits(sorted[ranks[r]]));
            }
        }
    }

    @Test
    void aColumnsMissingValuesAreSkipped() {
        final Random random = new Random(8);
        final double[] column = new double[3000];
        int present = 0;
        for (int i = 0; i < column.length; i++) {
            column[i] = random.nextInt(3) == 0 ? Double.NaN : random.nextGaussian();
            present += Double.isNaN(column[i]) ? 0 : 1;
        }
        final double[] presentValues = Arrays.stream(column).filter(v -> !Double.isNaN(v)).toArray();
        final int[] ranks = {0, 10, present / 2, present - 1};
        assertThat(Quantiles.at(column, present, ranks)).containsExactly(Quantiles.at(presentValues, ranks));
        assertThat(Arrays.stream(column).filter(Double::isNaN).count()).as("left as it was").isEqualTo(3000 - present);
    }

    @Test
    void keysOrderDoublesAsDoubleCompareDoes() {
        final double[] v = {Double.NEGATIVE_INFINITY, -1e300, -1, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1,
            1e300, Double.POSITIVE_INFINITY};
        for (int i = 0; i + 1 < v.length; i++) {
            assertThat(Quantiles.key(v[i])).isLessThan(Quantiles.key(v[i + 1]));
            assertThat(Double.doubleToRawLongBits(Quantiles.value(Quantiles.key(v[i]))))
                    .isEqualTo(Double.doubleToRawLongBits(v[i]));
        }
    }
}
