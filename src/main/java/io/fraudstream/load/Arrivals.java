package io.fraudstream.load;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How an open-loop step spaces its transactions at a given mean rate.
 *
 * <p>{@link #UNIFORM}: one every 1/rate, the schedule load testers such as wrk2 use; it never leaves a gap, so it
 * cannot show what a gap costs. {@link #POISSON}: independent arrivals, exponential gaps of the same mean, as card
 * authorisations from many independent cardholders come: bursts and pauses at the same average. The difference
 * matters at low rates: Kafka Streams commits (and so makes a score visible) only from its processing loop, and a
 * loop with nothing to read waits in {@code poll} for up to {@code poll.ms}; a transaction processed just after a
 * commit waits for the next arrival, or for that timeout, before its commit. Evenly spaced arrivals hide that wait;
 * Poisson ones meet it as production does.
 */
public enum Arrivals {
    UNIFORM,
    POISSON;

    /** {@code uniform} or {@code poisson}, in any case. */
    public static Arrivals of(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The intended send time of each of {@code total} transactions, in nanoseconds from the step's start, at a mean
     * of {@code rate} a second; the same {@code seed}, the same schedule.
     */
    public long[] schedule(final int total, final int rate, final long seed) {
        final double period = 1e9 / rate;
        final long[] due = new long[total];
        if (this == UNIFORM) {
            for (int seq = 0; seq < total; seq++) {
                due[seq] = (long) (seq * period);
            }
            return due;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        double t = 0;
        for (int seq = 0; seq < total; seq++) {
            due[seq] = (long) t;
            t += -Math.log(1 - random.nextDouble()) * period; // exponential gap of mean 1/rate
        }
        return due;
    }
}
