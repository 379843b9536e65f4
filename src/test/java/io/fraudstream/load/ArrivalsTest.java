package io.fraudstream.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArrivalsTest {
    private static final int RATE = 100;
    private static final int TOTAL = 100_000;

    @Test
    void uniformArrivalsAreEvenlySpaced() {
        final long[] due = Arrivals.UNIFORM.schedule(TOTAL, RATE, 1);
        assertThat(due[0]).isZero();
        assertThat(due[1]).isEqualTo(10_000_000L);
        assertThat(due[TOTAL - 1]).isEqualTo((TOTAL - 1) * 10_000_000L);
    }

    @Test
    void poissonArrivalsKeepTheMeanRateWithExponentialGaps() {
        final long[] due = Arrivals.POISSON.schedule(TOTAL, RATE, 7);
        final double period = 10_000_000.0;
        double sum = 0;
        double sumSquares = 0;
        int shorterThanATenth = 0;
        for (int i = 1; i < TOTAL; i++) {
            final long gap = due[i] - due[i - 1];
            assertThat(gap).isNotNegative();
            sum += gap;
            sumSquares += (double) gap * gap;
            if (gap < period / 10) {
                shorterThanATenth++;
            }
        }
        final double mean = sum / (TOTAL - 1);
        final double sd = Math.sqrt(sumSquares / (TOTAL - 1) - mean * mean);
        assertThat(mean / period).isCloseTo(1.0, within(0.02));
        assertThat(sd / mean).as("an exponential's spread equals its mean").isCloseTo(1.0, within(0.03));
        // P(gap < mean/10) = 1 - e^-0.1 = 9.5%: the bursts evenly spaced arrivals never have
        assertThat(shorterThanATenth / (double) (TOTAL - 1)).isCloseTo(0.095, within(0.01));
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(Arrivals.POISSON.schedule(1000, RATE, 3)).isEqualTo(Arrivals.POISSON.schedule(1000, RATE, 3));
        assertThat(Arrivals.POISSON.schedule(1000, RATE, 3)).isNotEqualTo(Arrivals.POISSON.schedule(1000, RATE, 4));
    }
}
