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
        final String t = s.trim();
        long millis;
        try {
            try {
                millis = Math.round(ReplayData.number(t) * 1000);
            } catch (NumberFormatException notSeconds) {
                millis = Durations.parse(t).toMillis();
            }
        } catch (ArithmeticException tooLong) {
            millis = Long.MAX_VALUE;
        }
        return checked(millis, "label delay", t);
    }

    /** {@code --label-delay}, bounded as a row's delay is. */
    public static Duration ofFlag(final String flag) {
        final Duration d = Durations.parse(flag);
        checked(d.compareTo(MAX) > 0 ? Long.MAX_VALUE : d.toMillis(), "--label-delay", flag.trim());
        return d;
    }

    private static long checked(final long millis, final String what, final String text) {
        if (millis < 0 || millis > MAX.toMillis()) {
            throw new IllegalArgumentException(what + ": expected 0 to " + MAX.toDays() + " days, was \"" + text
                    + "\"");
        }
        return millis;
    }
}
