package io.fraudstream.app;

import io.fraudstream.config.Durations;
import io.fraudstream.config.Key;
import io.fraudstream.replay.ColumnMapping;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fraudstream.labels.maturity} for a replay whose every label comes one {@code --label-delay} after its
 * transaction: that delay. Live, the maturity is a guess at when chargebacks stop coming (7 days by default); a
 * replay with one delay knows it. A longer maturity keeps the learner's holdout from judging, its trees from
 * fitting and the mature metrics windows empty for no reason (a two-day file replayed with {@code --label-delay 1h}
 * never fitted a tree, never compared a challenger with the champion and never calibrated a model); a shorter one
 * would judge on labels not yet known. With {@code --label-delay-column} the rows' delays differ, and which of them
 * count as "nearly all" is the user's choice: the configured maturity stands. So does one given by the run's
 * configuration, {@code --set} or the environment.
 */
final class ReplayMaturity {
    private ReplayMaturity() {
    }

    /**
     * Puts into {@code props} the maturity this replay's delay sets, and says so on {@code out}; nothing when the
     * delay column or the settings decide it, or the delay is the default maturity.
     */
    static void set(final ColumnMapping mapping, final Map<String, String> given, final Map<String, String> env,
                    final Map<String, String> props, final PrintStream out) {
        final Key key = Key.LABELS_MATURITY;
        final Duration delay = mapping.labelDelay();
        if (mapping.labelDelayColumn() != null || ReplayLimits.given(key, given, env)
                || delay.equals(Durations.parse(key.defaultValue()))) {
            return;
        }
        final String maturity = Durations.format(delay);
        props.put(key.key(), maturity);
        out.printf(Locale.ROOT, "Every label is known %s after its transaction (--label-delay): %s %1$s for this run "
                + "instead of %s%n", maturity, key.key(), key.defaultValue());
    }
}
