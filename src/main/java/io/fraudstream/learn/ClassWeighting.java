package io.fraudstream.learn;

/** How training examples are weighted by class, from the (decayed) class counts. */
public enum ClassWeighting {
    /** Every example weighs 1: the model sees fraud at its natural, tiny rate. */
    NONE,
    /** Inverse frequency, {@code N / (2 n_c)}: both classes carry the same total weight. */
    BALANCED;

    /** Weight of an example of class {@code fraud}, given effective class counts, capped at {@code max}. */
    public double weight(final boolean fraud, final double nFraud, final double nLegit, final double max) {
        if (this == NONE || nFraud <= 0 || nLegit <= 0) {
            return 1;
        }
        final double n = nFraud + nLegit;
        return Math.min(max, n / (2 * (fraud ? nFraud : nLegit)));
    }
}
