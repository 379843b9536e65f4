package io.fraudstream.sample;

/**
 * How each retraining batch is drawn from the class-balanced reservoirs.
 *
 * @param mode           {@link Mode}
 * @param batchSize      examples per batch (before synthetic examples and Tomek cleaning)
 * @param epochs         passes over the batch when training a challenger
 * @param stepMemory     share of its AdaGrad step history a challenger keeps for the batch (0: a fresh start)
 * @param schedule       how the curriculum's α rises over retraining rounds
 * @param rounds         rounds over which α rises (LINEAR: reaches the cap at this round; EXPONENTIAL: its time
 *                       constant)
 * @param cap            largest α: 1 ends at the natural class distribution, 0 stays balanced
 * @param boost          PERFORMANCE: how strongly the class with the lowest recall is oversampled
 * @param wellClassified PERFORMANCE: the majority is undersampled only while its recall is at least this
 * @param synthetic      synthetic minority examples in place of duplicates
 * @param neighbours     k of the nearest-neighbour methods
 * @param tomek          drop majority examples in Tomek links with the minority
 */
public record SamplingConfig(Mode mode, int batchSize, int epochs, double stepMemory, Schedule schedule, int rounds, double cap,
                             double boost, double wellClassified, Synthetic.Method synthetic, int neighbours,
                             boolean tomek) {
    /** The class mix of a batch. */
    public enum Mode {
        /** No retraining batch: the challenger is the online learner as it stands. */
        NONE,
        /** The natural class distribution of the stream. */
        NATURAL,
        /** p_c ∝ (1 − α_t)/C + α_t·N_c/N, α_t rising from 0 (balanced) towards the cap. */
        CURRICULUM,
        /** The curriculum, then the class with the lowest recall oversampled and a well-classified majority undersampled. */
        PERFORMANCE,
        /** Random oversampling: half frauds (repeated, or synthetic), half legitimate. */
        OVERSAMPLE,
        /** Random undersampling: every fraud in the reservoir and as many legitimate examples. */
        UNDERSAMPLE
    }

    /** How α_t rises with the retraining round t. */
    public enum Schedule {
        /** α_t = min(cap, t / rounds). */
        LINEAR,
        /** α_t = min(cap, 1 − exp(−t / rounds)). */
        EXPONENTIAL
    }

    public SamplingConfig {
        if (batchSize < 2 || epochs < 1 || rounds < 1 || neighbours < 1) {
            throw new IllegalArgumentException("batchSize >= 2, epochs, rounds and neighbours >= 1");
        }
        if (!(stepMemory >= 0 && stepMemory <= 1)) {
            throw new IllegalArgumentException("stepMemory in [0, 1]");
        }
        if (!(cap >= 0 && cap <= 1) || !(boost >= 0) || !(wellClassified > 0 && wellClassified < 1)) {
            throw new IllegalArgumentException("cap in [0, 1], boost >= 0, wellClassified in (0, 1)");
        }
    }

    /**
     * The fixed configuration the learning tests and benchmarks were tuned with (batches of 4 000, curriculum cap 1).
     * Not what a deployment runs: those defaults are {@code config.Key}'s (batches of 40 000, cap 0.5), read by
     * {@code Settings}.
     */
    public static SamplingConfig defaults() {
        return new SamplingConfig(Mode.CURRICULUM, 4000, 2, 0.7, Schedule.LINEAR, 10, 1, 1.0, 0.95,
                Synthetic.Method.NONE, 5, false);
    }

    /** The curriculum's α at retraining round {@code t} (0, 1, 2, ...). */
    public double alpha(final long t) {
        final double a = schedule == Schedule.LINEAR ? (double) t / rounds : 1 - Math.exp(-(double) t / rounds);
        return Math.min(cap, a);
    }
}
