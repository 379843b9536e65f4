package io.fraudstream.model;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A snapshot prepared for fast scoring: the feature-name index is built once, when the model is installed. Scores
 * either family (see {@link ModelSnapshot}); reasons are the features that pushed the log-odds up most — weight ×
 * standardised value for a linear model, the per-feature contributions along the decision paths for trees.
 */
public final class Model {
    private final ModelSnapshot snapshot;
    private final FeatureSlots slots;
    private final TreeEnsemble trees;
    /** The trees laid out for scoring rows in blocks; null for a linear model or trees too deep for it. */
    private final CompleteTrees complete;
    private final boolean[] indicator;

    public Model(final ModelSnapshot snapshot) {
        if (snapshot.family() == null || snapshot.family().trees() && snapshot.trees() == null) {
            throw new IllegalArgumentException("unsupported model family: " + snapshot.family());
        }
        this.trees = snapshot.trees();
        this.complete = trees == null ? null : CompleteTrees.of(trees);
        this.indicator = new boolean[snapshot.features().length];
        for (int i = 0; i < indicator.length; i++) {
            indicator[i] = FeatureVector.isIndicator(snapshot.features()[i]);
        }
        this.snapshot = snapshot;
        final Map<String, Integer> index = new HashMap<>(snapshot.features().length * 2);
        for (int i = 0; i < snapshot.features().length; i++) {
            index.put(snapshot.features()[i], i);
        }
        this.slots = new FeatureSlots(name -> index.getOrDefault(name, -1));
    }

    public ModelSnapshot snapshot() {
        return snapshot;
    }

    public long version() {
        return snapshot.version();
    }

    /** A score with the features that pushed it up most, strongest first. */
    public record Assessment(double score, List<Reason> reasons) {
    }

    /** Estimated fraud probability of a feature vector; features the model does not know are ignored. */
    public double score(final FeatureVector x) {
        return probability(logOdds(x));
    }

    /** The model's log-odds for {@code x}, before calibration. */
    public double logOdds(final FeatureVector x) {
        return trees == null ? logit(x, 0, null, null) : snapshot.bias() + trees.margin(dense(x));
    }

    /** The score of these log-odds: calibrated when the model carries a calibration. */
    public double probability(final double logOdds) {
        return snapshot.calibration() == null ? sigmoid(logOdds) : snapshot.calibration().apply(logOdds);
    }

    /**
     * The log-odds of the vectors {@code from..to-1} (by index) into the same places of {@code out}, each the double
     * {@link #logOdds(FeatureVector)} gives: trees score them a block of dense rows at a time (see
     * {@link CompleteTrees}).
     */
    public void logOdds(final IntFunction<FeatureVector> vectors, final int from, final int to, final double[] out) {
        if (complete == null) {
            for (int i = from; i < to; i++) {
                out[i] = logOdds(vectors.apply(i));
            }
            return;
        }
        final int width = indicator.length;
        final double[] rows = new double[CompleteTrees.BLOCK * width];
        final double[] margin = new double[CompleteTrees.BLOCK];
        for (int start = from; start < to; start += CompleteTrees.BLOCK) {
            final int n = Math.min(CompleteTrees.BLOCK, to - start);
            for (int r = 0; r < n; r++) {
                dense(vectors.apply(start + r), rows, r * width);
            }
            complete.margins(rows, width, n, margin);
            for (int r = 0; r < n; r++) {
                out[start + r] = snapshot.bias() + margin[r];
            }
        }
    }

    private double[] dense(final FeatureVector x) {
        final double[] d = new double[indicator.length];
        dense(x, d, 0);
        return d;
    }

    /** Writes {@code x} as a dense row in the model's feature order at {@code d[at..]} (missing: NaN, indicators 0). */
    private void dense(final FeatureVector x, final double[] d, final int at) {
        for (int j = 0; j < indicator.length; j++) {
            d[at + j] = indicator[j] ? 0 : Double.NaN;
        }
        final int[] slot = slots.of(x.names());
        final double[] values = x.values();
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] >= 0) {
                d[at + slot[i]] = values[i];
            }
        }
    }

    /**
     * The score of {@code x} and the (up to) {@code k} features that pushed its log-odds up most (weight ×
     * standardised value), in one pass over the vector; fewer when fewer features contribute positively.
     */
    public Assessment assess(final FeatureVector x, final int k) {
        final int[] top = new int[k];
        final double[] best = new double[k];
        final String[] named;
        final double logit;
        if (trees == null) {
            named = x.names();
            logit = logit(x, k, top, best);
        } else { // each feature's contribution along the decision paths
            named = snapshot.features();
            final double[] contributions = new double[indicator.length];
            logit = snapshot.bias() + trees.margin(dense(x), contributions);
            for (int j = 0; j < contributions.length; j++) {
                keepTop(top, best, j, contributions[j]);
            }
        }
        int found = 0;
        while (found < k && best[found] > 0) {
            found++;
        }
        final Reason[] reasons = new Reason[found];
        for (int r = 0; r < found; r++) {
            reasons[r] = new Reason(named[top[r]], best[r]);
        }
        return new Assessment(probability(logit), List.of(reasons));
    }

    /** Inserts contribution {@code c} of {@code feature} into the small sorted arrays (zeros: empty), if it ranks. */
    private static void keepTop(final int[] top, final double[] best, final int feature, final double c) {
        final int k = best.length;
        if (k == 0 || !(c > best[k - 1])) {
            return;
        }
        int at = k - 1;
        while (at > 0 && best[at - 1] < c) {
            best[at] = best[at - 1];
            top[at] = top[at - 1];
            at--;
        }
        best[at] = c;
        top[at] = feature;
    }

    /** The log-odds of {@code x}; with {@code k > 0}, also the k largest positive contributions, sorted. */
    private double logit(final FeatureVector x, final int k, final int[] top, final double[] best) {
        final int[] slot = slots.of(x.names());
        final double[] values = x.values();
        final double[] w = snapshot.weights();
        final double[] mean = snapshot.means();
        final double[] scale = snapshot.scales();
        double logit = snapshot.bias();
        for (int i = 0; i < slot.length; i++) {
            final int j = slot[i];
            if (j < 0) {
                continue;
            }
            final double c = w[j] * standardise(values[i], mean[j], scale[j]);
            logit += c;
            if (k > 0) {
                keepTop(top, best, i, c);
            }
        }
        return logit;
    }

    public Decision decide(final double score) {
        return Decision.of(score, snapshot.reviewThreshold(), snapshot.blockThreshold());
    }

    /** The threshold a decision was taken against: block for BLOCK, review otherwise. */
    public double thresholdFor(final Decision decision) {
        return decision == Decision.BLOCK ? snapshot.blockThreshold() : snapshot.reviewThreshold();
    }

    public static double standardise(final double x, final double mean, final double scale) {
        final double z = (x - mean) / scale;
        return Math.max(-ModelSnapshot.Z_CLIP, Math.min(ModelSnapshot.Z_CLIP, z));
    }

    public static double sigmoid(final double logit) {
        return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    }
}
