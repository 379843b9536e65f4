package io.fraudstream.learn;

/**
 * How {@link DriftMonitor} watches the champion for drift.
 *
 * @param enabled    whether it watches at all
 * @param tolerance  the rise of the missed-fraud rate the Page–Hinkley test tolerates (δ)
 * @param threshold  the accumulated rise that is a detection (λ)
 * @param minFrauds  mature held-out frauds it takes before a detection (and again after one)
 * @param checkEvery outcomes between two looks at the holdout
 */
public record DriftConfig(boolean enabled, double tolerance, double threshold, int minFrauds, int checkEvery) {
    public DriftConfig {
        if (!(tolerance >= 0 && tolerance < 1) || !(threshold > 0) || minFrauds < 1 || checkEvery < 1) {
            throw new IllegalArgumentException("tolerance in [0, 1), threshold > 0, minFrauds and checkEvery >= 1");
        }
    }

    public static DriftConfig defaults() {
        return new DriftConfig(true, 0.1, 10, 30, 1000);
    }

    public static DriftConfig off() {
        return new DriftConfig(false, 0.1, 10, 30, 1000);
    }
}
