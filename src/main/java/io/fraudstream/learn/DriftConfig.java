package io.fraudstream.learn;

/**
 * How {@link DriftMonitor} watches the decisions for drift.
 *
 * @param enabled   whether it watches at all
 * @param tolerance the rise of the missed-fraud rate the Page–Hinkley test tolerates (δ)
 * @param threshold the accumulated rise that is a detection (λ)
 * @param minFrauds fraud outcomes it takes before a detection (and again after one)
 */
public record DriftConfig(boolean enabled, double tolerance, double threshold, int minFrauds) {
    public DriftConfig {
        if (!(tolerance >= 0 && tolerance < 1) || !(threshold > 0) || minFrauds < 1) {
            throw new IllegalArgumentException("tolerance in [0, 1), threshold > 0, minFrauds >= 1");
        }
    }

    public static DriftConfig defaults() {
        return new DriftConfig(true, 0.05, 15, 30);
    }

    /** The defaults, switched off. */
    public static DriftConfig off() {
        final DriftConfig d = defaults();
        return new DriftConfig(false, d.tolerance(), d.threshold(), d.minFrauds());
    }
}
