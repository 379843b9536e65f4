package io.fraudstream.learn;

import io.fraudstream.event.Decision;
import io.fraudstream.feature.FeatureVector;
import java.util.HashMap;
import java.util.Map;

/** A snapshot prepared for fast scoring: the feature-name index is built once, when the model is installed. */
public final class Model {
    private final ModelSnapshot snapshot;
    private final Map<String, Integer> index;

    public Model(final ModelSnapshot snapshot) {
        if (!ModelSnapshot.LOGISTIC.equals(snapshot.family())) {
            throw new IllegalArgumentException("unsupported model family: " + snapshot.family());
        }
        this.snapshot = snapshot;
        this.index = new HashMap<>(snapshot.features().length * 2);
        for (int i = 0; i < snapshot.features().length; i++) {
            index.put(snapshot.features()[i], i);
        }
    }

    public ModelSnapshot snapshot() {
        return snapshot;
    }

    public long version() {
        return snapshot.version();
    }

    /** Estimated fraud probability of a feature vector; features the model does not know are ignored. */
    public double score(final FeatureVector x) {
        final String[] names = x.names();
        final double[] values = x.values();
        final double[] w = snapshot.weights();
        final double[] mean = snapshot.means();
        final double[] scale = snapshot.scales();
        double logit = snapshot.bias();
        for (int i = 0; i < names.length; i++) {
            final Integer j = index.get(names[i]);
            if (j != null) {
                logit += w[j] * standardise(values[i], mean[j], scale[j]);
            }
        }
        return sigmoid(logit);
    }

    /**
     * The {@code k} features that pushed the log-odds of {@code x} up most (weight × standardised value), strongest
     * first; fewer when fewer features contribute positively.
     */
    public java.util.List<io.fraudstream.event.Reason> reasons(final FeatureVector x, final int k) {
        final String[] names = x.names();
        final double[] values = x.values();
        final int[] top = new int[k];
        final double[] best = new double[k];
        int found = 0;
        for (int i = 0; i < names.length; i++) {
            final Integer j = index.get(names[i]);
            if (j == null) {
                continue;
            }
            final double c = snapshot.weights()[j] * standardise(values[i], snapshot.means()[j], snapshot.scales()[j]);
            if (!(c > 0)) {
                continue;
            }
            int at = Math.min(found, k - 1); // insertion into the small sorted arrays
            if (found == k && c <= best[k - 1]) {
                continue;
            }
            while (at > 0 && best[at - 1] < c) {
                best[at] = best[at - 1];
                top[at] = top[at - 1];
                at--;
            }
            best[at] = c;
            top[at] = i;
            found = Math.min(k, found + 1);
        }
        final io.fraudstream.event.Reason[] out = new io.fraudstream.event.Reason[found];
        for (int r = 0; r < found; r++) {
            out[r] = new io.fraudstream.event.Reason(names[top[r]], best[r]);
        }
        return java.util.List.of(out);
    }

    public Decision decide(final double score) {
        return Decision.of(score, snapshot.reviewThreshold(), snapshot.blockThreshold());
    }

    /** The threshold a decision was taken against: block for BLOCK, review otherwise. */
    public double thresholdFor(final Decision decision) {
        return decision == Decision.BLOCK ? snapshot.blockThreshold() : snapshot.reviewThreshold();
    }

    static double standardise(final double x, final double mean, final double scale) {
        final double z = (x - mean) / scale;
        return Math.max(-ModelSnapshot.Z_CLIP, Math.min(ModelSnapshot.Z_CLIP, z));
    }

    static double sigmoid(final double logit) {
        return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    }
}
