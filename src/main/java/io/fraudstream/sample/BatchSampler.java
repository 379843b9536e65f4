package io.fraudstream.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a retraining batch from the two class reservoirs by the dynamic sampling schedule.
 *
 * <p>Design. The batch's fraud share p is set by the mode ({@link SamplingConfig.Mode}): the curriculum
 * p_c ∝ (1 − α_t)/C + α_t·N_c/N with C = 2 classes and N_c the class counts of the stream, so training starts
 * balanced and moves towards the natural distribution as rounds pass; PERFORMANCE then multiplies the share of the
 * class with the lower recall (on recent outcomes, at the decisions actually taken) by 1 + boost·(1 − recall),
 * and shrinks the majority's share, only while the majority's own recall is at least {@code wellClassified}, by
 * (1 − recall)/(1 − wellClassified) (at most down to a quarter). Each class's quota is drawn from its reservoir
 * without replacement while the reservoir holds enough, otherwise with replacement (a time-biased reservoir
 * favouring recent examples by its weights either way) — or, with a synthetic method, the
 * missing frauds are synthesised ({@link Synthetic}) rather than repeated. Optional Tomek cleaning then drops
 * majority examples on the class boundary. Deterministic for a seed and a round.
 */
public final class BatchSampler {
    private static final double MIN_MAJORITY_FACTOR = 0.25;
    private final SamplingConfig config;
    private final long seed;

    public BatchSampler(final SamplingConfig config, final long seed) {
        this.config = config;
        this.seed = seed;
    }

    public SamplingConfig config() {
        return config;
    }

    /** A drawn batch and how it was made. */
    public record Batch(List<Example> examples, int frauds, int synthetic, double alpha, double targetFraudShare) {
        /** The fraud share actually trained on. */
        public double fraudShare() {
            return examples.isEmpty() ? Double.NaN : (double) frauds / examples.size();
        }
    }

    /** Curriculum class probabilities {p_fraud, p_legit} for α and the stream's class counts. */
    public static double[] curriculum(final double alpha, final double nFraud, final double nLegit) {
        final double n = nFraud + nLegit;
        final double pf = (1 - alpha) / 2 + (n > 0 ? alpha * nFraud / n : alpha / 2);
        return new double[] {pf, 1 - pf};
    }

    /**
     * Performance-driven adjustment of {p_fraud, p_legit}: the class with the lower recall is oversampled; the
     * majority (legitimate) is undersampled only while its recall is at least {@code wellClassified}. Recalls
     * that are NaN (no example of the class yet) leave the shares as they are.
     */
    public static double[] performance(final double[] p, final double recallFraud, final double recallLegit,
                                       final double boost, final double wellClassified) {
        double f = p[0];
        double l = p[1];
        if (!Double.isNaN(recallFraud) && !Double.isNaN(recallLegit)) {
            if (recallFraud <= recallLegit) {
                f *= 1 + boost * (1 - recallFraud);
            } else {
                l *= 1 + boost * (1 - recallLegit);
            }
            if (recallLegit >= wellClassified) {
                l *= Math.max(MIN_MAJORITY_FACTOR, (1 - recallLegit) / (1 - wellClassified));
            }
        }
        return new double[] {f / (f + l), l / (f + l)};
    }

    /**
     * Draws the batch of retraining round {@code round}.
     *
     * @param recallFraud recall of fraud on recent outcomes (NaN if unknown)
     * @param recallLegit recall of legitimate transactions (specificity) on recent outcomes (NaN if unknown)
     */
    public Batch draw(final long round, final Reservoir fraud, final Reservoir legit, final double recallFraud,
                      final double recallLegit) {
        final SplittableRandom random = new SplittableRandom(seed ^ (round * 0x9E3779B97F4A7C15L));
        final double alpha = config.alpha(round);
        List<Example> frauds;
        List<Example> legits;
        double share;
        switch (config.mode()) {
            case NONE -> {
                return new Batch(List.of(), 0, 0, alpha, Double.NaN);
            }
            case UNDERSAMPLE -> {
                final int n = Math.min(fraud.size(), config.batchSize() / 2);
                share = 0.5;
                frauds = draw(fraud, n, random);
                legits = draw(legit, Math.min(n, legit.size()), random);
            }
            default -> {
                share = switch (config.mode()) {
                    case NATURAL -> curriculum(1, fraud.seen(), legit.seen())[0];
                    case CURRICULUM -> curriculum(alpha, fraud.seen(), legit.seen())[0];
                    case PERFORMANCE -> performance(curriculum(alpha, fraud.seen(), legit.seen()), recallFraud,
                            recallLegit, config.boost(), config.wellClassified())[0];
                    case OVERSAMPLE -> 0.5;
                    default -> throw new IllegalStateException(config.mode().name());
                };
                int nf = (int) Math.round(config.batchSize() * share);
                if (fraud.size() == 0) {
                    nf = 0;
                }
                final int nl = legit.size() == 0 ? 0 : config.batchSize() - nf;
                final boolean synthesise = config.synthetic() != Synthetic.Method.NONE && nf > fraud.size();
                legits = draw(legit, nl, random);
                if (synthesise) {
                    // the bases: every fraud of a uniform reservoir; for a time-biased one, the distinct frauds
                    // of a draw by its weights (so recent behaviour is what gets synthesised); the rest is synthetic
                    final List<Example> bases = fraud.kind() == Reservoir.Kind.UNIFORM ? fraud.examples()
                            : distinct(draw(fraud, nf, random));
                    final List<Example> made = Synthetic.generate(config.synthetic(), bases, legits,
                            nf - bases.size(), config.neighbours(), random.nextLong());
                    bases.addAll(made);
                    return finish(bases, legits, made.size(), alpha, share, random);
                }
                frauds = draw(fraud, nf, random);
            }
        }
        return finish(frauds, legits, 0, alpha, share, random);
    }

    private Batch finish(final List<Example> frauds, List<Example> legits, final int synthetic, final double alpha,
                         final double share, final SplittableRandom random) {
        if (config.tomek()) {
            legits = Synthetic.withoutTomekLinks(frauds, legits);
        }
        final List<Example> all = new ArrayList<>(frauds.size() + legits.size());
        all.addAll(frauds);
        all.addAll(legits);
        for (int i = all.size() - 1; i > 0; i--) { // Fisher–Yates: classes interleaved for the epochs
            final int j = random.nextInt(i + 1);
            final Example t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return new Batch(all, frauds.size(), synthetic, alpha, share);
    }

    /** The examples without repeats (the same stored example drawn twice), in first-drawn order. */
    private static List<Example> distinct(final List<Example> drawn) {
        final Set<Example> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Example> out = new ArrayList<>();
        for (Example e : drawn) {
            if (seen.add(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code n} examples of a reservoir: while it holds enough, without replacement in its draw order
     * ({@link Reservoir#drawOrder}); otherwise all with replacement ({@link Reservoir#drawWithReplacement}).
     */
    static List<Example> draw(final Reservoir r, final int n, final SplittableRandom random) {
        final List<Example> out = new ArrayList<>(Math.max(n, 0));
        if (r.size() == 0 || n <= 0) {
            return out;
        }
        final int[] slots = n <= r.size() ? r.drawOrder(random) : r.drawWithReplacement(n, random);
        for (int i = 0; i < n; i++) {
            out.add(r.get(slots[i]));
        }
        return out;
    }
}
