package io.fraudstream.replay;

import io.fraudstream.config.Durations;
import java.time.Duration;

/**
 * Label delays as a replay reads them, from a row's delay column or from {@code --label-delay}: from 0 to
 * {@link #MAX} (a hundred years, far beyond any chargeback). A negative delay would put a label before its
 * transaction, and one of {@code 1e300} seconds would wrap round the label's time.
 */
public final class LabelDelays {
    static final Duration MAX = Duration.ofDays(36_500);

    private LabelDelays() {
    }

    /** A row's label delay in milliseconds: seconds, or a duration such as {@code 3d}. */
    static long ofRow(final String s) {
        return checked(millis(s.trim(), true), "label delay", s.trim());
    }

    /** {@code --label-delay}: a duration, bounded as a row's delay is. */
    public static Duration ofFlag(final String flag) {
        return Duration.ofMillis(checked(millis(flag.trim(), false), "--label-delay", flag.trim()));
    }

    /** Milliseconds of a delay ({@code seconds}: a plain number is seconds); too long for a long: the largest. */
    private static long millis(final String t, final boolean seconds) {
        try {
            if (seconds) {
                try {
                    return Math.round(Decimals.number(t) * 1000);
                } catch (NumberFormatException notSeconds) {
                    // a duration, then
                }
            }
            return Durations.parse(t).toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static long checked(final long millis, final String what, final String text) {
        if (millis < 0 || millis > MAX.toMillis()) {
            throw new IllegalArgumentException(what + ": expected 0 to " + MAX.toDays() + " days, was \"" + text
                    + "\"");
        }
        return millis;
    }
}
