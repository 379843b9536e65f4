package io.fraudstream.model;

/**
 * Platt scaling: a model's log-odds {@code m} mapped to the probability {@code sigmoid(a·m + b)}, fitted on the
 * holdout (natural class distribution, never trained on) so that a score means a fraud probability whatever the
 * family or the class mix trained on, and thresholds, costs and metrics mean the same for every model. Monotone
 * ({@code a > 0}): the ranking, hence PR-AUC and ROC-AUC, is unchanged.
 *
 * <p>Fit: Newton's method on the log loss with Platt's smoothed targets ((N₊ + 1) / (N₊ + 2) for frauds,
 * 1 / (N₋ + 2) for the others), which keeps a separable holdout from driving {@code a} to infinity (Platt 1999;
 * Lin, Lin and Weng 2007).
 *
 * @param a slope on the log-odds
 * @param b offset
 */
public record Calibration(double a, double b) {
    public Calibration {
        if (!(a > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("calibration must be finite and increasing: a=" + a + ", b=" + b);
        }
    }

    public double apply(final double logOdds) {
        return Model.sigmoid(a * logOdds + b);
    }

    /** The Platt scaling of these log-odds against these labels; null when it would not be increasing. */
    public static Calibration platt(final double[] logOdds, final boolean[] labels) {
        int positives = 0;
        for (boolean y : labels) {
            positives += y ? 1 : 0;
        }
        final int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        final double hi = (positives + 1.0) / (positives + 2.0);
        final double lo = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < logOdds.length; i++) {
                final double p = Model.sigmoid(a * logOdds[i] + b);
                final double d = p - (labels[i] ? hi : lo);
                final double w = p * (1 - p);
                ga += d * logOdds[i];
                gb += d;
                haa += w * logOdds[i] * logOdds[i];
                hab += w * logOdds[i];
                hbb += w;
            }
            final double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            final double da = (hbb * ga - hab * gb) / det;
            final double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return a > 0 && Double.isFinite(a) && Double.isFinite(b) ? new Calibration(a, b) : null;
    }
}
