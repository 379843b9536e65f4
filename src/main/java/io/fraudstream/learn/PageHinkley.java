package io.fraudstream.learn;

/**
 * The Page–Hinkley test (Page, Biometrika 41, 1954; as used for concept drift by Gama et al., ACM CSUR 46, 2014):
 * detects a rise in the mean of a stream of values.
 *
 * <p>Design. With x̄_t the running mean of the last {@code memory} values or so (the plain mean of all values up to
 * {@code memory} of them, then an exponential one of that span: a learner's error falls as it learns, and a mean
 * over everything since the start would sit above today's error and hide a rise), it keeps the cumulative deviation
 * m_t = Σ (x_i − x̄_i − δ) and its minimum M_t; a rise is detected when m_t − M_t exceeds λ. δ is the rise it
 * tolerates (a change of the mean smaller than δ never accumulates), λ how much evidence it wants (larger: fewer
 * false alarms, later detections). Nothing is detected before {@code minValues} values. After a detection it starts
 * afresh. Four numbers of state; O(1) per value, no allocation.
 */
final class PageHinkley {
    private final double delta;
    private final double lambda;
    private final long minValues;
    private final long memory;
    private long n;
    private double mean;
    private double sum;
    private double min;

    /**
     * @param delta     the rise of the mean tolerated, in the values' unit
     * @param lambda    the accumulated rise that is a detection
     * @param minValues values before a detection may be made
     * @param memory    values the reference mean spans
     */
    PageHinkley(final double delta, final double lambda, final long minValues, final long memory) {
        this.delta = delta;
        this.lambda = lambda;
        this.minValues = minValues;
        this.memory = memory;
    }

    /** Takes one value; true when it completes a detection (the test then starts afresh). */
    boolean add(final double x) {
        n++;
        mean += (x - mean) / Math.min(n, memory);
        sum += x - mean - delta;
        min = Math.min(min, sum);
        if (n >= minValues && sum - min > lambda) {
            reset();
            return true;
        }
        return false;
    }

    void reset() {
        n = 0;
        mean = 0;
        sum = 0;
        min = 0;
    }

    /** Values taken since the last detection (or the start). */
    long count() {
        return n;
    }

    /** Numbers of its state. */
    static final int STATE = 4;

    /** Writes its state into {@code out} from {@code at} ({@link #STATE} numbers), for {@link #restore}. */
    void state(final double[] out, final int at) {
        out[at] = n;
        out[at + 1] = mean;
        out[at + 2] = sum;
        out[at + 3] = min;
    }

    void restore(final double[] v, final int at) {
        n = (long) v[at];
        mean = v[at + 1];
        sum = v[at + 2];
        min = v[at + 3];
    }
}
