package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The replay's column stores read back every value exactly, bit for bit, as their storage widens: codes from a
 * byte to two to four, a numeric column from its dictionary to plain values.
 */
class ColumnsTest {
    @Test
    void codesWidenAndKeepEveryCode() {
        final Codes codes = new Codes();
        final int[] written = new int[200_000];
        final Random random = new Random(3);
        for (int i = 0; i < written.length; i++) {
            // small codes first, then ever larger ones, so each widening copies codes already written
            final int bound = i < 1000 ? 200 : i < 50_000 ? 60_000 : Integer.MAX_VALUE;
            written[i] = random.nextInt(bound);
            codes.add(written[i]);
            if (i == 999) {
                assertThat(codes.width()).isEqualTo(1);
            }
        }
        assertThat(codes.width()).isEqualTo(4);
        assertThat(codes.size()).isEqualTo(written.length);
        for (int i = 0; i < written.length; i++) {
            assertThat(codes.get(i)).as("row %d", i).isEqualTo(written[i]);
        }
        assertThatThrownBy(() -> codes.get(written.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> codes.add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFewDistinctNumbersTakeAByteARowAndReadBackExactly() {
        final FeatureColumn column = new FeatureColumn();
        final double[] values = {0.0, -0.0, 1.0, Double.NaN, 0.1, 1e-300, -2.5, 87.0};
        for (int i = 0; i < 10_000; i++) {
            column.add(values[i % values.length]);
        }
        assertThat(column.width()).isEqualTo(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(Double.doubleToLongBits(column.get(i)))
                    .isEqualTo(Double.doubleToLongBits(values[i % values.length]));
        }
    }

    @Test
    void aColumnOfManyDistinctNumbersBecomesPlainValuesWithoutLosingOne() {
        final FeatureColumn column = new FeatureColumn();
        final Random random = new Random(5);
        final double[] written = new double[FeatureColumn.MAX_DICTIONARY + 50_000];
        for (int i = 0; i < written.length; i++) {
            written[i] = i % 3 == 0 ? Double.NaN : random.nextGaussian() * 1e6;
            column.add(written[i]);
            if (i == 1000) {
                assertThat(column.width()).isEqualTo(2);
            }
        }
        assertThat(column.width()).isEqualTo(Double.BYTES);
        for (int i = 0; i < written.length; i++) {
            assertThat(Double.doubleToLongBits(column.get(i))).as("row %d", i)
                    .isEqualTo(Double.doubleToLongBits(written[i]));
        }
    }

    @Test
    void textValuesReadBackWithMissingOnesMissing() {
        final AttributeColumn column = new AttributeColumn();
        final String[] values = {"visa", null, "", "mastercard", "visa"};
        for (int i = 0; i < 1000; i++) {
            column.add(values[i % values.length] == null ? null : values[i % values.length] + (i % 300 == 0 ? i : ""));
        }
        for (int i = 0; i < 1000; i++) {
            final String v = values[i % values.length];
            assertThat(column.get(i)).isEqualTo(v == null ? null : v + (i % 300 == 0 ? i : ""));
        }
    }
}
