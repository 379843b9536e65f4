package io.fraudstream.learn;

/**
 * How training examples are weighted by class, from the class counts seen so far (decayed with a half-life, so
 * that the weights follow a changing fraud rate). With K = 2 classes, N = n_fraud + n_legit:
 * <ul>
 *   <li>{@link #NONE}: 1 — the model sees fraud at its natural, tiny rate;</li>
 *   <li>{@link #BALANCED}: inverse frequency N / (K n_c) — both classes carry the same total weight;</li>
 *   <li>{@link #SQRT}: its square root, a milder correction;</li>
 *   <li>{@link #EFFECTIVE}: the inverse of the effective number of samples, (1 − β) / (1 − β^n_c), normalised so
 *       that the weights average 1 over the classes (Cui et al., "Class-Balanced Loss Based on Effective Number of
 *       Samples", CVPR 2019); β → 0 gives no weighting, β → 1 inverse frequency;</li>
 *   <li>{@link #FIXED}: a fixed weight for fraud, 1 for legitimate.</li>
 * </ul>
 * Every weight is capped at the configured maximum.
 */
public enum ClassWeighting {
    NONE, BALANCED, SQRT, EFFECTIVE, FIXED;

    /**
     * Weight of an example of class {@code fraud}, given effective class counts.
     *
     * @param beta  the effective-number β (EFFECTIVE only)
     * @param fixed the fraud weight (FIXED only)
     * @param max   cap on any weight
     */
    public double weight(final boolean fraud, final double nFraud, final double nLegit, final double beta,
                         final double fixed, final double max) {
        if (this == NONE) {
            return 1;
        }
        if (this == FIXED) {
            return fraud ? Math.min(max, fixed) : 1;
        }
        if (nFraud <= 0 || nLegit <= 0) {
            return 1;
        }
        final double n = nFraud + nLegit;
        final double w = switch (this) {
            case BALANCED -> n / (2 * (fraud ? nFraud : nLegit));
            case SQRT -> Math.sqrt(n / (2 * (fraud ? nFraud : nLegit)));
            case EFFECTIVE -> {
                final double wf = (1 - beta) / (1 - Math.pow(beta, nFraud));
                final double wl = (1 - beta) / (1 - Math.pow(beta, nLegit));
                yield 2 * (fraud ? wf : wl) / (wf + wl);
            }
            default -> throw new IllegalStateException(name());
        };
        return Math.min(max, w);
    }
}
