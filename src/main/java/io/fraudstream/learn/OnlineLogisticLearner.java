package io.fraudstream.learn;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.model.FeatureSlots;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Online logistic regression, one labelled example at a time, for heavily skewed classes.
 *
 * <p>Design: per-coordinate AdaGrad steps (Duchi, Hazan &amp; Singer, JMLR 2011) on a class-weighted loss — the
 * log loss or the focal loss ({@link Loss}); online standardisation of numeric features by Welford's running mean
 * and variance, so features of any scale learn at the same pace; class weights ({@link ClassWeighting}) from class
 * counts that decay with a half-life, so the weights follow a changing fraud rate. The weighted log loss inflates
 * the fraud odds by {@code w_fraud/w_legit} (for the focal loss, α/(1 − α) multiplies in); {@link #snapshot}
 * subtracts the log of that ratio from the intercept (prior correction, King &amp; Zeng 2001), so published scores
 * stay estimates of the fraud probability. Exact for the log loss; for the focal loss with γ &gt; 0 only
 * approximate (it flattens confident scores), so its thresholds need tuning until calibration lands. The dictionary of feature
 * names grows as names appear, up to {@link LearnerConfig#maxFeatures()}; later names are ignored.
 *
 * <p>Deterministic: the same examples in the same order give the same model, bit for bit. Not thread-safe.
 *
 * <p>Persisted by {@link LinearLearnerCodec}, which reads and writes its package-private state.
 */
public final class OnlineLogisticLearner implements Learner {
    private static final double EPS = 1e-8;

    final LearnerConfig config;
    final ClassCounts counts;
    private final Map<String, Integer> index = new HashMap<>();
    private final FeatureSlots slots = new FeatureSlots(this::slotOf);
    /** During {@link #fit}: each feature's scale, which training steps do not change (null otherwise). */
    private double[] fitScales;
    private String[] names = new String[16];
    /**
     * Each name as {@code DataOutputStream.writeUTF} writes it, encoded once for {@link LinearLearnerCodec}: the
     * state is written with every outcome.
     */
    byte[][] encodedNames = new byte[16][];
    /** Per slot: {@link FeatureExtractor#isUnscaled} of its name, decided once (it was a set lookup per update). */
    private boolean[] unscaled = new boolean[16];
    double[] weights = new double[16];
    double[] gradSq = new double[16];
    // L1 by the cumulative penalty (Tsuruoka, Tsujii and Ananiadou, ACL 2009): the penalty each weight could have
    // had so far (l1 × its step sizes), and the penalty it actually had
    double[] penaltyCap = new double[16];
    double[] penaltyTaken = new double[16];
    double[] count = new double[16];
    double[] mean = new double[16];
    double[] m2 = new double[16];
    int size;
    double bias;
    double biasGradSq;
    // Polyak averaging of a batch pass (not part of the state: only while a challenger trains)
    private double[] avgWeights;
    private double avgBias;
    private long avgSteps;
    /** The standardised values of the vector a step learns from (a step's scratch: one learner, one thread). */
    private double[] standardised = new double[0];

    public OnlineLogisticLearner(final LearnerConfig config) {
        this.config = config;
        this.counts = new ClassCounts(config.countHalfLife());
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.LOGISTIC;
    }

    /**
     * {@code epochs} weighted passes over the batch after keeping {@code stepMemory} of the step history; the result
     * is the Polyak average of the last pass's iterates.
     */
    @Override
    public void fit(final List<Example> batch, final double[] weights, final int epochs, final double stepMemory) {
        if (batch.isEmpty()) {
            return;
        }
        scaleSteps(stepMemory);
        // training steps leave the standardisation alone: each feature's scale (a square root and a division) is
        // worked out once for the fit, not at every step
        fitScales = new double[size];
        for (int j = 0; j < size; j++) {
            fitScales[j] = scale(j);
        }
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (Thread.currentThread().isInterrupted()) { // a round given up: stop early
                    throw new CancellationException("batch fit interrupted after " + epoch + " epochs");
                }
                if (epoch == epochs - 1) {
                    beginAverage(); // the challenger is the mean of the last pass's iterates
                }
                for (int i = 0; i < batch.size(); i++) {
                    train(batch.get(i).x(), batch.get(i).fraud(), weights[i]);
                }
            }
            endAverage();
        } finally {
            fitScales = null; // the stream's updates move the standardisation again
        }
    }

    /** Learns from one labelled example of the stream, weighted by its class. */
    public void update(final FeatureVector x, final boolean fraud) {
        update(x, fraud, 1);
    }

    /**
     * Learns from one labelled example of the stream: the class counts and the standardisation follow it, and
     * its step is weighted by its class weight times {@code exampleWeight} (e.g. an example-dependent cost).
     */
    @Override
    public void update(final FeatureVector x, final boolean fraud, final double exampleWeight) {
        counts.observe(fraud);
        step(x, fraud, counts.classWeight(config, fraud) * exampleWeight, true);
    }

    /**
     * One step on a resampled training example, with the given weight: the class counts and the standardisation,
     * which describe the stream as it is, do not change.
     */
    public void train(final FeatureVector x, final boolean fraud, final double weight) {
        step(x, fraud, weight, false);
        if (avgWeights != null) {
            accumulateAverage();
        }
    }

    private void step(final FeatureVector x, final boolean fraud, final double weight, final boolean observe) {
        final String[] xs = x.names();
        final double[] xv = x.values();
        final int[] slot = slots.of(xs);
        if (standardised.length < xs.length) {
            standardised = new double[Math.max(xs.length, 2 * standardised.length)];
        }
        final double[] z = standardised;
        double logit = bias;
        for (int i = 0; i < xs.length; i++) {
            final int j = slot[i];
            if (j < 0) {
                continue;
            }
            if (!unscaled[j]) {
                if (observe) {
                    observe(j, xv[i]);
                }
                z[i] = Model.standardise(xv[i], mean[j], fitScales != null && j < fitScales.length ? fitScales[j]
                        : scale(j));
            } else {
                z[i] = xv[i];
            }
            logit += weights[j] * z[i];
        }
        final double g = weight * config.loss().gradient(Model.sigmoid(logit), fraud);
        biasGradSq += g * g;
        bias -= config.learningRate() * g / (Math.sqrt(biasGradSq) + EPS);
        for (int i = 0; i < xs.length; i++) {
            final int j = slot[i];
            if (j < 0 || z[i] == 0) {
                continue;
            }
            final double gj = g * z[i] + config.l2() * weights[j];
            gradSq[j] += gj * gj;
            final double eta = config.learningRate() / (Math.sqrt(gradSq[j]) + EPS);
            weights[j] -= eta * gj;
            if (config.l1() > 0) {
                // pulled towards 0 by what it has not yet paid of its cumulative penalty, never across 0: a
                // weight that the gradients do not keep pushing ends at exactly 0
                penaltyCap[j] += eta * config.l1();
                final double before = weights[j];
                if (before > 0) {
                    weights[j] = Math.max(0, before - (penaltyCap[j] + penaltyTaken[j]));
                } else if (before < 0) {
                    weights[j] = Math.min(0, before + (penaltyCap[j] - penaltyTaken[j]));
                }
                penaltyTaken[j] += weights[j] - before;
            }
        }
    }

    /**
     * Starts averaging the parameters over the following {@link #train} steps (Polyak–Ruppert averaging): the mean
     * of the iterates of a pass over a batch is far less noisy than its last iterate. {@link #endAverage} installs it.
     */
    public void beginAverage() {
        avgWeights = new double[weights.length];
        avgBias = 0;
        avgSteps = 0;
    }

    /** Replaces the parameters by their average since {@link #beginAverage} (no-op without steps). */
    public void endAverage() {
        if (avgWeights != null && avgSteps > 0) {
            for (int j = 0; j < size; j++) {
                weights[j] = avgWeights[j] / avgSteps;
            }
            bias = avgBias / avgSteps;
        }
        avgWeights = null;
    }

    private void accumulateAverage() {
        if (avgWeights.length < weights.length) {
            avgWeights = Arrays.copyOf(avgWeights, weights.length);
        }
        for (int j = 0; j < size; j++) {
            avgWeights[j] += weights[j];
        }
        avgBias += bias;
        avgSteps++;
    }

    /**
     * Takes a model's parameters as its own (a rollback): its weights, standardisation and intercept (the prior
     * correction undone with this learner's class counts, which it keeps, as it keeps what it knows of the stream);
     * features the model lacks get weight 0; the step history starts afresh.
     */
    @Override
    public void resetTo(final ModelSnapshot model) {
        Arrays.fill(weights, 0);
        for (int i = 0; i < model.features().length; i++) {
            final int j = slotOf(model.features()[i]);
            if (j < 0) {
                continue;
            }
            weights[j] = model.weights()[i];
            if (!unscaled[j]) {
                count[j] = Math.max(count[j], 2);
                mean[j] = model.means()[i];
                m2[j] = model.scales()[i] * model.scales()[i] * count[j];
            }
        }
        bias = model.bias() + streamOddsInflation();
        scaleSteps(0);
    }

    /** An independent copy of this learner, e.g. to train a challenger from. */
    @Override
    public OnlineLogisticLearner copy() {
        return LinearLearnerCodec.decode(config, LinearLearnerCodec.encode(this));
    }

    /**
     * Keeps only this share of the AdaGrad step history (the parameters stay): with less of it, a warm-started
     * challenger can still move on its batch, where the squared gradients accumulated over a long stream would
     * have shrunk every step to almost nothing; 0 starts the steps afresh.
     */
    public void scaleSteps(final double memory) {
        biasGradSq *= memory;
        for (int j = 0; j < gradSq.length; j++) {
            gradSq[j] *= memory;
        }
    }

    /**
     * The log of the factor by which training on the stream inflates the fraud odds: the class weights
     * {@code w_fraud/w_legit} (for the focal loss, α/(1 − α) multiplies in).
     */
    @Override
    public double streamOddsInflation() {
        final Loss loss = config.loss();
        final boolean focal = loss.kind() == Loss.Kind.FOCAL;
        final double wf = counts.classWeight(config, true) * (focal ? loss.alpha() : 1);
        final double wl = counts.classWeight(config, false) * (focal ? 1 - loss.alpha() : 1);
        return Math.log(wf / wl);
    }

    /** The decayed fraud share of the stream the learner has seen (NaN before any example). */
    @Override
    public double streamFraudRate() {
        return counts.fraudRate();
    }

    /** A scoring snapshot of the current parameters, intercept corrected for the class weights. */
    public ModelSnapshot snapshot(final long version, final long parentVersion, final long createdAt,
                                  final double reviewThreshold, final double blockThreshold,
                                  final String schema) {
        return snapshot(version, parentVersion, createdAt, reviewThreshold, blockThreshold, schema,
                streamOddsInflation());
    }

    /**
     * A scoring snapshot with the intercept lowered by {@code logOddsInflation}: the log of the factor by which
     * training inflated the fraud odds (class weights, resampling), so that scores estimate fraud probabilities
     * on the natural distribution (prior correction, King and Zeng 2001).
     */
    @Override
    public ModelSnapshot snapshot(final long version, final long parentVersion, final long createdAt,
                                  final double reviewThreshold, final double blockThreshold,
                                  final String schema, final double logOddsInflation) {
        final double[] means = new double[size];
        final double[] scales = new double[size];
        for (int j = 0; j < size; j++) {
            means[j] = unscaled[j] ? 0 : mean[j];
            scales[j] = unscaled[j] ? 1 : scale(j);
        }
        return new ModelSnapshot(version, parentVersion, createdAt, ModelFamily.LOGISTIC,
                Arrays.copyOf(names, size), Arrays.copyOf(weights, size), means, scales,
                bias - logOddsInflation, reviewThreshold, blockThreshold, counts.seenFraud(), counts.seenLegit(), schema, null, null, null);
    }

    @Override
    public long seenFraud() {
        return counts.seenFraud();
    }

    public long seenLegit() {
        return counts.seenLegit();
    }

    public int featureCount() {
        return size;
    }

    int slotOf(final String name) {
        final Integer j = index.get(name);
        if (j != null) {
            return j;
        }
        if (size >= config.maxFeatures()) {
            return -1;
        }
        if (size == names.length) {
            final int n = size * 2;
            names = Arrays.copyOf(names, n);
            encodedNames = Arrays.copyOf(encodedNames, n);
            unscaled = Arrays.copyOf(unscaled, n);
            weights = Arrays.copyOf(weights, n);
            gradSq = Arrays.copyOf(gradSq, n);
            penaltyCap = Arrays.copyOf(penaltyCap, n);
            penaltyTaken = Arrays.copyOf(penaltyTaken, n);
            count = Arrays.copyOf(count, n);
            mean = Arrays.copyOf(mean, n);
            m2 = Arrays.copyOf(m2, n);
        }
        names[size] = name;
        encodedNames[size] = LinearLearnerCodec.utf(name);
        unscaled[size] = FeatureExtractor.isUnscaled(name);
        index.put(name, size);
        return size++;
    }

    private void observe(final int j, final double x) {
        count[j] += 1;
        final double delta = x - mean[j];
        mean[j] += delta / count[j];
        m2[j] += delta * (x - mean[j]);
    }

    private double scale(final int j) {
        final double sd = count[j] > 1 ? Math.sqrt(m2[j] / count[j]) : 0;
        return sd > 1e-9 ? sd : 1;
    }

}
