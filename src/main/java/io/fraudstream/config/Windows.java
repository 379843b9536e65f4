package io.fraudstream.config;

import io.fraudstream.eval.RollingEvaluator.WindowSpec;
import java.util.Locale;

/** Reads an evaluation window as {@code metrics.windows} writes it. */
public final class Windows {
    private Windows() {
    }

    /** {@code 10000} or {@code last10000}: the last N outcomes; a duration ({@code 1h}, {@code 24h}): a time window. */
    public static WindowSpec parse(final String text) {
        final String t = text.trim();
        final String digits = t.startsWith("last") ? t.substring(4) : t;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            return WindowSpec.last(Integer.parseInt(digits));
        }
        return WindowSpec.span(t.toLowerCase(Locale.ROOT), Durations.parse(t).toMillis());
    }
}
