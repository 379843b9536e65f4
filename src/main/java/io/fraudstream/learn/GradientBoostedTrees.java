package io.fraudstream.learn;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.model.FeatureSlots;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.model.TreeEnsemble;
import io.fraudstream.sample.Example;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Gradient-boosted decision trees (Friedman 2001) with histogram-based splits (as LightGBM and XGBoost's {@code hist}
 * method), trained on each retraining batch drawn from the class reservoirs.
 *
 * <p>Design: each batch is binned per feature at its quantiles (at most {@code bins} bins, plus one for missing
 * values); trees grow level by level to {@code depth}, a node's best split found from per-feature histograms of the
 * gradients and Hessians of the weighted log loss (second-order gain, L2 penalty {@code l2} on leaf values, at least
 * {@code minChildWeight} of Hessian per child; missing values go right); leaf values are Newton steps shrunk by the
 * learning rate. Cost-sensitivity is the linear family's: the batch's class mix, example-dependent cost weights,
 * the configured class weights, and the focal loss (its gradient, with the log loss's curvature); thresholds are
 * chosen on the holdout after Platt calibration. No
 * randomness: the same batch gives the same trees. Each round trains afresh on its batch (the reservoirs hold the
 * history, time-biased): a warm start would stack trees without bound. Scoring needs the snapshot alone
 * ({@link TreeEnsemble}); the validation reference is {@code GradientBoostedTreesTest} (an exhaustive split search
 * on small data, and PR-AUC margins over logistic regression on interactions).
 *
 * <p>Only examples older than {@code maturityMillis} (relative to the batch's newest) are fitted: labels arrive with
 * class-dependent delays, so among recent transactions the frauds are known and most legitimate ones not yet, and
 * trees fitted to them learn that anything that looks recent is fraud (measured on replays: docs/how-it-works.md,
 * "Learning").
 *
 * <p>Of the {@code balanced-trees} family it fits {@code bags} models, each to every fraud of the batch and its own
 * slice of the legitimate examples, and averages them into one ensemble ({@link EasyEnsemble}).
 *
 * <p>Of either family, with {@code feedbackWeight} α &gt; 0, it also fits a model to the alert feedback alone —
 * recent, both classes answered, so without the maturity cut — and aggregates it with the batch's model in
 * log-odds, α to 1 − α ({@link FeedbackWindow}).
 *
 * <p>Online, between rounds, it only follows the stream's class counts (for the fraud rate that corrects a batch's
 * class mix): a tree model does not move with every outcome, and feature names are learnt from the batches.
 *
 * <p>Over 400 lines because binning, the histogram split search and tree growth share one fit's pooled buffers and
 * index arrays (what keeps a round's allocation down: docs/performance.md). Persisted by {@link TreeLearnerCodec}.
 */
public final class GradientBoostedTrees implements Learner {

    final ModelFamily family;
    final TreeConfig config;
    final LearnerConfig shared;
    final ClassCounts counts;
    private final Map<String, Integer> index = new HashMap<>();
    final List<String> names = new ArrayList<>();
    double base;
    TreeEnsemble trees = new TreeEnsemble(new int[0], new int[0], new double[0], new int[0], new int[0],
            new double[0]);
    String[] treeFeatures = new String[0];

    /**
     * @param config the trees' hyper-parameters
     * @param shared the settings shared with the linear family: class weights (scheme, cap), loss (focal: the
     *               boosting steps follow the focal loss's gradient, with the log loss's curvature), the cap on feature
     *               names and the half-life of the class counts
     */
    public GradientBoostedTrees(final TreeConfig config, final LearnerConfig shared) {
        this(ModelFamily.TREES, config, shared);
    }

    /** A learner of {@code family}: {@code trees}, or {@code balanced-trees} (an EasyEnsemble of them). */
    public GradientBoostedTrees(final ModelFamily family, final TreeConfig config, final LearnerConfig shared) {
        if (!family.trees()) {
            throw new IllegalArgumentException(family + " is not a tree family");
        }
        this.family = family;
        this.config = config;
        this.shared = shared;
        this.counts = new ClassCounts(shared.countHalfLife());
    }

    @Override
    public ModelFamily family() {
        return family;
    }

    @Override
    public void update(final FeatureVector x, final boolean fraud, final double exampleWeight) {
        counts.observe(fraud);
    }

    int slotOf(final String name) {
        final Integer j = index.get(name);
        if (j != null) {
            return j;
        }
        if (names.size() >= shared.maxFeatures()) {
            return -1;
        }
        index.put(name, names.size());
        names.add(name);
        return names.size() - 1;
    }

    /** Fits a new ensemble to the batch (its weights: class mix and costs); {@code epochs} and step memory unused. */
    @Override
    public void fit(final List<Example> all, final double[] allWeights, final int epochs, final double stepMemory) {
        fit(all, allWeights, List.of(), epochs, stepMemory);
    }

    /**
     * Fits a new ensemble to the batch and, when {@code feedbackWeight} is set and the feedback holds
     * {@link FeedbackConfig#MIN_PER_CLASS} examples of each class, one to the feedback alone (unweighted: alerted
     * transactions are not rare frauds among millions, and each is as recent as the others), aggregated in
     * log-odds with weight α ({@link EasyEnsemble#average}).
     */
    @Override
    public void fit(final List<Example> all, final double[] allWeights, final List<Example> feedback,
                    final int epochs, final double stepMemory) {
        List<Example> batch = all;
        double[] weights = allWeights;
        if (config.maturityMillis() > 0 && !all.isEmpty()) { // mature examples only: both classes' labels are in
            final long cut = all.stream().mapToLong(Example::time).max().orElseThrow() - config.maturityMillis();
            batch = new ArrayList<>();
            weights = new double[all.size()];
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).time() <= cut) {
                    weights[batch.size()] = allWeights[i];
                    batch.add(all.get(i));
                }
            }
            weights = Arrays.copyOf(weights, batch.size());
        }
        if (batch.isEmpty() || batch.stream().allMatch(Example::fraud) || batch.stream().noneMatch(Example::fraud)) {
            return; // nothing to learn a ranking from yet: the current trees stay
        }
        final boolean withFeedback = config.feedbackWeight() > 0 && enoughOfEach(feedback);
        final FeatureSlots slots = new FeatureSlots(this::slotOf); // every name has its slot before any is dense
        for (Example e : batch) {
            slots.of(e.x().names());
        }
        for (Example e : withFeedback ? feedback : List.<Example>of()) {
            slots.of(e.x().names());
        }
        final double[][] columns = columns(batch, slots);
        final int n = batch.size();
        final boolean[] y = labels(batch);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weights[i] * counts.classWeight(shared, y[i]);
        }
        if (family == ModelFamily.BALANCED_TREES) {
            final List<TreeEnsemble> models = new ArrayList<>();
            double bases = 0;
            for (int[] rows : EasyEnsemble.bags(y, config.bags())) {
                final boolean[] yb = new boolean[rows.length];
                final double[] wb = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    yb[k] = y[rows[k]];
                    wb[k] = w[rows[k]];
                }
                final Fit fit = new Fit(config, shared.loss(), EasyEnsemble.rows(columns, rows), yb, wb);
                bases += fit.base;
                models.add(fit.grow());
            }
            base = bases / config.bags() - Math.log(config.bags()); // each bag had 1/bags of the legitimate weight
            final double[] equal = new double[models.size()];
            Arrays.fill(equal, 1.0 / models.size());
            trees = EasyEnsemble.average(models, equal);
        } else {
            final Fit fit = new Fit(config, shared.loss(), columns, y, w);
            base = fit.base;
            trees = fit.grow();
        }
        if (withFeedback) {
            final double[] unit = new double[feedback.size()];
            Arrays.fill(unit, 1);
            final Fit fit = new Fit(config, shared.loss(), columns(feedback, slots), labels(feedback), unit);
            final double alpha = config.feedbackWeight();
            base = (1 - alpha) * base + alpha * fit.base;
            trees = EasyEnsemble.average(List.of(trees, fit.grow()), new double[] {1 - alpha, alpha});
        }
        treeFeatures = names.toArray(new String[0]);
    }

    /** Whether {@code examples} hold enough of each class for a model of their own. */
    private static boolean enoughOfEach(final List<Example> examples) {
        final long frauds = examples.stream().filter(Example::fraud).count();
        return Math.min(frauds, examples.size() - frauds) >= FeedbackConfig.MIN_PER_CLASS;
    }

    /** The examples' features by slot, one column per known name (a missing value as the name's missing value). */
    private double[][] columns(final List<Example> examples, final FeatureSlots slots) {
        final int f = names.size();
        final int n = examples.size();
        final double[][] columns = new double[f][n];
        for (int j = 0; j < f; j++) {
            Arrays.fill(columns[j], FeatureVector.isIndicator(names.get(j)) ? 0 : Double.NaN);
        }
        for (int i = 0; i < n; i++) {
            final FeatureVector v = examples.get(i).x();
            final int[] slot = slots.of(v.names());
            final double[] values = v.values();
            for (int k = 0; k < slot.length; k++) {
                if (slot[k] >= 0) {
                    columns[slot[k]][i] = values[k];
                }
            }
        }
        return columns;
    }

    private static boolean[] labels(final List<Example> examples) {
        final boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).fraud();
        }
        return y;
    }

    /** One boosting run over a binned batch. */
    private static final class Fit {
        private final TreeConfig config;
        private final Loss loss;
        private final int n;
        private final int f;
        private final boolean[] y;
        private final double[] w;
        private final byte[][] bin; // [feature][example]: bin index, config.bins() for missing
        private final double[][] edges; // [feature]: upper edge of each bin but the last
        private final double[] margin;
        /** Per example, its gradient at {@code [2i]} and Hessian at {@code [2i + 1]}: one cache line for both. */
        private final double[] gh;
        /**
         * The bins of the splittable features four at a time, one int per example ({@code packed[group][i]}, a
         * byte per feature): a histogram pass reads one value per example, not four scattered bytes.
         */
        private final int[][] packed;
        /** The splittable features, in the order {@link #packed} groups them. */
        private final int[] splittable;
        /** The examples of the tree being grown, each node's a range of it (its children's split from it in place). */
        private final int[] order;
        /** Where a partition sets the right child's examples aside. */
        private final int[] aside;
        /** Histograms by depth and side, reused by every node and tree (see {@link #histograms}). */
        private final double[][][][] pool;
        final double base;
        // the growing ensemble
        private final List<Integer> roots = new ArrayList<>();
        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private double[] value = new double[64];
        private int nodes;

        /** {@code columns[j][i]}: feature j of example i, NaN where missing (indicators: 0). */
        Fit(final TreeConfig config, final Loss loss, final double[][] columns, final boolean[] y, final double[] w) {
            this.config = config;
            this.loss = loss;
            this.n = y.length;
            this.f = columns.length;
            this.y = y;
            this.w = w;
            this.bin = new byte[f][n];
            this.edges = new double[f][];
            this.order = new int[n];
            this.aside = new int[n];
            this.pool = new double[config.depth() + 1][2][][];
            Cores.forEach(f, (long) n * f, j -> { // each column binned on its own, on every core
                final double[] column = columns[j];
                edges[j] = edges(column, config.bins());
                final double[] padded = BinSearch.padded(edges[j]);
                for (int i = 0; i < n; i++) {
                    final double v = column[i];
                    bin[j][i] = (byte) (Double.isNaN(v) ? config.bins() : BinSearch.binOf(padded, v));
                }
            });
            double wf = 0;
            double wl = 0;
            for (int i = 0; i < n; i++) {
                wf += y[i] ? w[i] : 0;
                wl += y[i] ? 0 : w[i];
            }
            this.base = wf > 0 && wl > 0 ? Math.log(wf / wl) : 0;
            this.margin = new double[n];
            Arrays.fill(margin, base);
            this.gh = new double[2 * n];
            int m = 0;
            final int[] canSplit = new int[f]; // a constant (or absent) feature cannot split
            for (int j = 0; j < f; j++) {
                if (edges[j].length > 0) {
                    canSplit[m++] = j;
                }
            }
            this.splittable = Arrays.copyOf(canSplit, m);
            this.packed = new int[m / GROUP][n];
            for (int group = 0; group < packed.length; group++) {
                final int[] p = packed[group];
                for (int k = 0; k < GROUP; k++) {
                    final byte[] b = bin[splittable[group * GROUP + k]];
                    for (int i = 0; i < n; i++) {
                        p[i] |= (b[i] & 0xFF) << (8 * k);
                    }
                }
            }
        }

        /** Distinct cut points at the quantiles of the present (not NaN) values: bin b holds values <= edges[b]. */
        static double[] edges(final double[] column, final int bins) {
            int present = 0;
            for (double v : column) {
                present += Double.isNaN(v) ? 0 : 1;
            }
            if (present == 0) {
                return new double[0];
            }
            final int[] ranks = new int[bins]; // the quantiles' ranks, then the largest value's
            for (int b = 1; b < bins; b++) {
                ranks[b - 1] = Math.min(present - 1, (int) ((long) b * present / bins));
            }
            ranks[bins - 1] = present - 1;
            final double[] q = Quantiles.at(column, present, ranks);
            final double max = q[bins - 1];
            final double[] out = new double[bins - 1];
            int k = 0;
            for (int b = 1; b < bins; b++) {
                if ((k == 0 || q[b - 1] > out[k - 1]) && q[b - 1] < max) {
                    out[k++] = q[b - 1];
                }
            }
            return Arrays.copyOf(out, k);
        }

        TreeEnsemble grow() {
            for (int t = 0; t < config.trees(); t++) {
                if (Thread.currentThread().isInterrupted()) { // a round given up (its task closed): stop early
                    throw new CancellationException("tree fit interrupted after " + t + " trees");
                }
                // the loss's own gradient (log or focal); the log loss's curvature as the Hessian, which keeps the
                // Newton steps of the focal loss (whose exact Hessian vanishes on easy examples) bounded
                Cores.forEach((n + CHUNK - 1) / CHUNK, (long) n * 20, c -> { // each example's on its own
                    for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                        final double p = Model.sigmoid(margin[i]);
                        gh[2 * i] = w[i] * loss.gradient(p, y[i]);
                        gh[2 * i + 1] = Math.max(w[i] * p * (1 - p), 1e-12 * w[i]);
                    }
                });
                double gs = 0;
                double hs = 0;
                for (int i = 0; i < n; i++) {
                    gs += gh[2 * i];
                    hs += gh[2 * i + 1];
                }
                for (int i = 0; i < n; i++) { // each tree's root takes the examples in batch order
                    order[i] = i;
                }
                roots.add(node(0, n, 0, null, gs, hs));
            }
            return new TreeEnsemble(roots.stream().mapToInt(Integer::intValue).toArray(), Arrays.copyOf(feature, nodes),
                    Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes),
                    Arrays.copyOf(value, nodes));
        }

        /**
         * The node's histograms: {@code [feature][2 * bin]} sums the gradients of its examples in that bin,
         * {@code [2 * bin + 1]} their Hessians (null for a feature that cannot split). Built over every core for a
         * large node, {@value #GROUP} features per pass over the examples: their sums are independent, so the
         * processor overlaps them (one feature's additions to one bin wait on each other), and each bin is still
         * summed in example order, as one feature at a time would (the same bits).
         */
        private double[][] histogram(final int from, final int to, final double[][] hist) {
            for (int j : splittable) {
                Arrays.fill(hist[j], 0);
            }
            final int groups = (splittable.length + GROUP - 1) / GROUP;
            Cores.forEach(groups, (long) (to - from) * splittable.length, group -> {
                if (group < packed.length) {
                    accumulate(from, to, packed[group], hist[splittable[group * GROUP]],
                            hist[splittable[group * GROUP + 1]], hist[splittable[group * GROUP + 2]],
                            hist[splittable[group * GROUP + 3]]);
                } else { // the last few features, one at a time
                    for (int k = group * GROUP; k < splittable.length; k++) {
                        accumulate(from, to, hist[splittable[k]], bin[splittable[k]]);
                    }
                }
            });
            return hist;
        }

        /**
         * The histograms kept for the children of nodes at {@code depth - 1}, {@code side} 0 (left) or 1 (right):
         * made once per fit. A node's children are grown depth first, left then right, so a right child's
         * histograms wait untouched while its left sibling's subtree uses the deeper ones.
         */
        private double[][] histograms(final int depth, final int side) {
            if (pool[depth][side] == null) {
                final double[][] hist = new double[f][];
                for (int j : splittable) {
                    hist[j] = new double[2 * (config.bins() + 1)];
                }
                pool[depth][side] = hist;
            }
            return pool[depth][side];
        }

        private static final int GROUP = 4;
        /** Examples whose gradients are worked out in one piece of work. */
        private static final int CHUNK = 4096;

        private void accumulate(final int from, final int to, final int[] bins, final double[] ha, final double[] hb,
                                final double[] hc, final double[] hd) {
            for (int at = from; at < to; at++) {
                final int i = order[at];
                final double gi = gh[2 * i];
                final double hi = gh[2 * i + 1];
                final int four = bins[i];
                final int ka = (four & 0xFF) << 1;
                final int kb = (four >>> 7) & 0x1FE;
                final int kc = (four >>> 15) & 0x1FE;
                final int kd = (four >>> 23) & 0x1FE;
                ha[ka] += gi;
                ha[ka + 1] += hi;
                hb[kb] += gi;
                hb[kb + 1] += hi;
                hc[kc] += gi;
                hc[kc + 1] += hi;
                hd[kd] += gi;
                hd[kd + 1] += hi;
            }
        }

        private void accumulate(final int from, final int to, final double[] hj, final byte[] bj) {
            for (int at = from; at < to; at++) {
                final int i = order[at];
                final int k = 2 * bj[i];
                hj[k] += gh[2 * i];
                hj[k + 1] += gh[2 * i + 1];
            }
        }

        /** The sibling's histograms into {@code out}: the parent's less the child's (histogram subtraction). */
        private static void minus(final double[][] parent, final double[][] child, final double[][] out) {
            for (int j = 0; j < parent.length; j++) {
                if (parent[j] != null) {
                    for (int b = 0; b < out[j].length; b++) {
                        out[j][b] = parent[j][b] - child[j][b];
                    }
                }
            }
        }

        /**
         * Grows the subtree of the examples {@code order[from..to)} (pre-order: children follow their parent); returns
         * its node. The histograms of a node that may split come from its parent: the smaller child's are built, the
         * larger's are the parent's less those, so each level costs at most half a pass over the batch after the
         * root's. Its gradient and Hessian sums ({@code gs}, {@code hs}) come from the parent too, added up in the
         * partition's pass in the examples' order, as a pass of its own would. Nothing is allocated per node.
         */
        private int node(final int from, final int to, final int depth, final double[][] given, final double gs,
                         final double hs) {
            final int id = add(-1, 0, -config.shrinkage() * gs / (hs + config.l2()));
            if (depth == config.depth() || to - from < 2) {
                leaf(from, to, id);
                return id;
            }
            final double[][] hist = given != null ? given : histogram(from, to, histograms(0, 0));
            final double parentScore = gs * gs / (hs + config.l2());
            double bestGain = 1e-9;
            int bestFeature = -1;
            int bestBin = -1;
            for (int j = 0; j < f; j++) {
                if (hist[j] == null) {
                    continue;
                }
                final double[] hj = hist[j];
                double gl = 0;
                double hl = 0;
                for (int b = 0; b < edges[j].length; b++) { // left: bins 0..b; right: the rest and missing
                    gl += hj[2 * b];
                    hl += hj[2 * b + 1];
                    final double gr = gs - gl;
                    final double hr = hs - hl;
                    if (hl < config.minChildWeight() || hr < config.minChildWeight()) {
                        continue;
                    }
                    final double gain = gl * gl / (hl + config.l2()) + gr * gr / (hr + config.l2()) - parentScore;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = j;
                        bestBin = b;
                    }
                }
            }
            if (bestFeature < 0) {
                leaf(from, to, id);
                return id;
            }
            // a stable partition of the node's range: the left child's examples first, each side in its order
            final byte[] bj = bin[bestFeature];
            int a = from;
            int c = 0;
            double lg = 0; // each child's sums, in its examples' order: what it would add up itself
            double lh = 0;
            double rg = 0;
            double rh = 0;
            for (int at = from; at < to; at++) {
                final int i = order[at];
                if (bj[i] <= bestBin) {
                    order[a++] = i;
                    lg += gh[2 * i];
                    lh += gh[2 * i + 1];
                } else {
                    aside[c++] = i;
                    rg += gh[2 * i];
                    rh += gh[2 * i + 1];
                }
            }
            System.arraycopy(aside, 0, order, a, c);
            double[][] leftHist = null;
            double[][] rightHist = null;
            if (depth + 1 < config.depth()) { // children that may split: the smaller built, the larger subtracted
                leftHist = histograms(depth + 1, 0);
                rightHist = histograms(depth + 1, 1);
                if (a - from <= to - a) {
                    minus(hist, histogram(from, a, leftHist), rightHist);
                } else {
                    minus(hist, histogram(a, to, rightHist), leftHist);
                }
            }
            // children first, then the stores: growing them may replace the arrays
            final int leftChild = node(from, a, depth + 1, leftHist, lg, lh);
            final int rightChild = node(a, to, depth + 1, rightHist, rg, rh);
            feature[id] = bestFeature;
            threshold[id] = edges[bestFeature][bestBin];
            left[id] = leftChild;
            right[id] = rightChild;
            return id;
        }

        private void leaf(final int from, final int to, final int id) {
            for (int at = from; at < to; at++) {
                margin[order[at]] += value[id];
            }
        }

        private int add(final int feat, final double thr, final double val) {
            if (nodes == feature.length) {
                final int size = nodes * 2;
                feature = Arrays.copyOf(feature, size);
                threshold = Arrays.copyOf(threshold, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                value = Arrays.copyOf(value, size);
            }
            feature[nodes] = feat;
            threshold[nodes] = thr;
            left[nodes] = -1;
            right[nodes] = -1;
            value[nodes] = val;
            return nodes++;
        }
    }

    @Override
    public Learner copy() {
        return TreeLearnerCodec.decodeWhole(family, config, shared, TreeLearnerCodec.encodeWhole(this));
    }

    @Override
    public void resetTo(final ModelSnapshot model) {
        if (model.trees() == null) {
            throw new IllegalArgumentException("model " + model.version() + " is not a tree ensemble");
        }
        trees = model.trees();
        treeFeatures = model.features();
        base = model.bias();
        for (String n : model.features()) {
            slotOf(n);
        }
    }

    @Override
    public double streamOddsInflation() {
        return 0; // no class weights on the stream: only the batch's class mix inflates the odds
    }

    @Override
    public double streamFraudRate() {
        return counts.fraudRate();
    }

    @Override
    public long seenFraud() {
        return counts.seenFraud();
    }

    @Override
    public ModelSnapshot snapshot(final long version, final long parentVersion, final long createdAt,
                                  final double reviewThreshold, final double blockThreshold, final String schema,
                                  final double logOddsInflation) {
        final int k = treeFeatures.length;
        final double[] scales = new double[k];
        Arrays.fill(scales, 1);
        return new ModelSnapshot(version, parentVersion, createdAt, family, treeFeatures, new double[k],
                new double[k], scales, base - logOddsInflation, reviewThreshold, blockThreshold,
                counts.seenFraud(), counts.seenLegit(), schema, null, null, null, trees, null);
    }
}
