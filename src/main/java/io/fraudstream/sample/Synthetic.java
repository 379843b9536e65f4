package io.fraudstream.sample;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.FeatureVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic minority examples in feature space, and Tomek-link cleaning of the majority.
 *
 * <p>Design. Examples are laid out densely over the union of their feature names (an absent numeric feature takes
 * the batch mean, an absent indicator 0) and compared by Euclidean distance after standardising each feature by
 * its batch spread, so no feature dominates by scale; neighbours are found by exact brute force
 * (O(n·m·d) per call: batches are thousands, not millions). A synthetic example lies on the segment between a
 * minority example and one of its {@code k} nearest minority neighbours, at a uniform random position, in the raw
 * (unstandardised) space.
 * <ul>
 *   <li>SMOTE (Chawla et al., JAIR 16, 2002): bases taken in turn from every minority example.</li>
 *   <li>Borderline-SMOTE, variant 1 (Han, Wang and Mao, ICIC 2005): bases only from minority examples "in
 *       danger" — at least half, but not all, of their k nearest neighbours (in the whole batch) are majority;
 *       when none is in danger, plain SMOTE.</li>
 *   <li>ADASYN (He, Bai, Garcia and Li, IJCNN 2008): each minority example gets a share of the synthetic examples
 *       proportional to the fraction of majority among its k nearest neighbours, so the hard regions get more;
 *       when no minority example has a majority neighbour, plain SMOTE.</li>
 *   <li>Mixup (Zhang, Cissé, Dauphin and Lopez-Paz, ICLR 2018), for the minority only: each base in turn is mixed
 *       with a minority partner drawn uniformly (not a neighbour), λ·x_i + (1 − λ)·x_j with λ ~ Beta(α, α),
 *       α = {@value #MIXUP_ALPHA}: most synthetic examples lie close to one of the two, a few far between, and pairs
 *       span the whole minority rather than its neighbourhoods. Both ends are frauds, so the label stays hard (mixing
 *       with legitimate examples would need soft labels, which the learners do not take).</li>
 *   <li>Tomek links (Tomek, IEEE SMC 6, 1976): a minority and a majority example that are each other's nearest
 *       neighbour; the majority one is dropped, which clears the class boundary.</li>
 * </ul>
 * Indicators (hashed categoricals) are interpolated like numbers, so a synthetic example may hold a fractional
 * indicator: a linear model reads that as a mixture, which is what the segment means. Deterministic under a seed.
 */
public final class Synthetic {
    /** How synthetic minority examples are made. */
    public enum Method { NONE, SMOTE, BORDERLINE, ADASYN, MIXUP }

    /** Mixup's Beta(α, α): 0.2 to 0.4 is the range Zhang et al. found to help; the larger spreads more. */
    static final double MIXUP_ALPHA = 0.4;

    private Synthetic() {
    }

    /** {@code count} synthetic minority examples (none when there are fewer than two minority examples). */
    public static List<Example> generate(final Method method, final List<Example> minority,
                                         final List<Example> majority, final int count, final int k,
                                         final long seed) {
        if (method == Method.NONE || count <= 0 || minority.size() < 2) {
            return List.of();
        }
        final List<Example> all = new ArrayList<>(minority);
        all.addAll(majority);
        final Space space = new Space(all);
        final int nMin = minority.size();
        final int kMin = Math.min(k, nMin - 1);
        final int[][] minorityNeighbours = new int[nMin][];
        for (int i = 0; i < nMin && method != Method.MIXUP; i++) {
            minorityNeighbours[i] = space.nearest(i, 0, nMin, kMin);
        }
        final int[] perBase = new int[nMin];
        switch (method) {
            case SMOTE, MIXUP -> spread(perBase, count, null);
            case BORDERLINE -> {
                final boolean[] danger = new boolean[nMin];
                boolean any = false;
                for (int i = 0; i < nMin; i++) {
                    final int majorityNear = majorityAmongNearest(space, i, nMin, k);
                    final int kk = Math.min(k, all.size() - 1);
                    danger[i] = kk > 0 && 2 * majorityNear >= kk && majorityNear < kk;
                    any |= danger[i];
                }
                spread(perBase, count, any ? danger : null);
            }
            case ADASYN -> {
                final double[] ratio = new double[nMin];
                double sum = 0;
                for (int i = 0; i < nMin; i++) {
                    ratio[i] = majorityAmongNearest(space, i, nMin, k);
                    sum += ratio[i];
                }
                if (sum == 0) {
                    spread(perBase, count, null);
                } else {
                    // largest-remainder rounding: exactly `count` in all, each base near count·r_i/Σr
                    final double[] exact = new double[nMin];
                    int given = 0;
                    for (int i = 0; i < nMin; i++) {
                        exact[i] = count * ratio[i] / sum;
                        perBase[i] = (int) Math.floor(exact[i]);
                        given += perBase[i];
                    }
                    final double[] remainder = new double[nMin];
                    for (int i = 0; i < nMin; i++) {
                        remainder[i] = exact[i] - perBase[i];
                    }
                    final int[] order = Curves.descending(remainder);
                    for (int r = 0; given < count; r++, given++) {
                        perBase[order[r % nMin]]++;
                    }
                }
            }
            default -> throw new IllegalStateException(method.name());
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < nMin; i++) {
            for (int s = 0; s < perBase[i]; s++) {
                if (method == Method.MIXUP) {
                    final int other = random.nextInt(nMin - 1); // any minority example but i
                    final int j = other < i ? other : other + 1;
                    out.add(space.between(i, j, 1 - beta(MIXUP_ALPHA, random)));
                } else {
                    final int[] nn = minorityNeighbours[i];
                    final int j = nn[random.nextInt(nn.length)];
                    out.add(space.between(i, j, random.nextDouble()));
                }
            }
        }
        return out;
    }

    /** A draw of Beta(a, a): X / (X + Y) of two Gamma(a) draws. */
    static double beta(final double a, final SplittableRandom random) {
        final double x = gamma(a, random);
        final double y = gamma(a, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /**
     * A draw of Gamma(a, 1) (Marsaglia and Tsang, ACM TOMS 26, 2000); for a < 1, Gamma(a + 1)·U^(1/a).
     */
    private static double gamma(final double a, final SplittableRandom random) {
        if (a < 1) {
            return gamma(a + 1, random) * Math.pow(random.nextDouble(), 1 / a);
        }
        final double d = a - 1.0 / 3;
        final double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            final double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** The majority examples that are not in a Tomek link with a minority example. */
    public static List<Example> withoutTomekLinks(final List<Example> minority, final List<Example> majority) {
        if (minority.isEmpty() || majority.isEmpty()) {
            return majority;
        }
        final List<Example> all = new ArrayList<>(minority);
        all.addAll(majority);
        final Space space = new Space(all);
        final int nMin = minority.size();
        final Set<Integer> linked = new HashSet<>();
        for (int i = 0; i < nMin; i++) {
            final int j = space.nearest(i, 0, all.size(), 1)[0];
            if (j >= nMin && space.nearest(j, 0, all.size(), 1)[0] == i) {
                linked.add(j - nMin);
            }
        }
        final List<Example> kept = new ArrayList<>(majority.size() - linked.size());
        for (int j = 0; j < majority.size(); j++) {
            if (!linked.contains(j)) {
                kept.add(majority.get(j));
            }
        }
        return kept;
    }

    private static int majorityAmongNearest(final Space space, final int i, final int nMin, final int k) {
        int m = 0;
        for (int j : space.nearest(i, 0, space.size(), Math.min(k, space.size() - 1))) {
            m += j >= nMin ? 1 : 0;
        }
        return m;
    }

    /** Spreads {@code count} over the eligible bases in turn (all bases when {@code eligible} is null). */
    private static void spread(final int[] perBase, final int count, final boolean[] eligible) {
        int given = 0;
        for (int round = 0; given < count; round++) {
            final int i = round % perBase.length;
            if (eligible == null || eligible[i]) {
                perBase[i]++;
                given++;
            }
        }
    }

    /** Examples laid out densely, raw and standardised. */
    private static final class Space {
        private final List<Example> examples;
        private final String[] names;
        private final double[][] raw;
        private final double[][] z;

        Space(final List<Example> examples) {
            this.examples = examples;
            final Map<String, Integer> index = new LinkedHashMap<>();
            for (Example e : examples) {
                for (String n : e.x().names()) {
                    index.putIfAbsent(n, index.size());
                }
            }
            names = index.keySet().toArray(new String[0]);
            final int d = names.length;
            final int n = examples.size();
            raw = new double[n][d];
            final double[] sum = new double[d];
            final int[] present = new int[d];
            final boolean[][] has = new boolean[n][d];
            for (int i = 0; i < n; i++) {
                final FeatureVector x = examples.get(i).x();
                for (int f = 0; f < x.size(); f++) {
                    final int j = index.get(x.names()[f]);
                    raw[i][j] = x.values()[f];
                    has[i][j] = true;
                    sum[j] += x.values()[f];
                    present[j]++;
                }
            }
            for (int j = 0; j < d; j++) {
                final double fill = FeatureVector.isIndicator(names[j]) || present[j] == 0 ? 0 : sum[j] / present[j];
                for (int i = 0; i < n; i++) {
                    if (!has[i][j]) {
                        raw[i][j] = fill;
                    }
                }
            }
            z = new double[n][d];
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += raw[i][j];
                }
                mean /= n;
                double var = 0;
                for (int i = 0; i < n; i++) {
                    var += (raw[i][j] - mean) * (raw[i][j] - mean);
                }
                final double sd = Math.sqrt(var / n);
                for (int i = 0; i < n; i++) {
                    z[i][j] = sd > 1e-12 ? (raw[i][j] - mean) / sd : 0;
                }
            }
        }

        int size() {
            return examples.size();
        }

        /** The (up to) k nearest of examples [from, to) to example i, i itself excluded, nearest first. */
        int[] nearest(final int i, final int from, final int to, final int k) {
            final int want = Math.min(k, to - from - (i >= from && i < to ? 1 : 0));
            final int[] best = new int[Math.max(want, 0)];
            final double[] dist = new double[best.length];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            for (int j = from; j < to && want > 0; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                final double[] a = z[i];
                final double[] b = z[j];
                for (int f = 0; f < a.length; f++) {
                    final double t = a[f] - b[f];
                    d2 += t * t;
                }
                if (d2 < dist[want - 1]) {
                    int at = want - 1;
                    while (at > 0 && dist[at - 1] > d2) {
                        dist[at] = dist[at - 1];
                        best[at] = best[at - 1];
                        at--;
                    }
                    dist[at] = d2;
                    best[at] = j;
                }
            }
            return best;
        }

        /**
         * The example at {@code a + u·(b − a)}, in raw feature space, its amount interpolated too; its time is its
         * newer parent's. Not interpolated: a point between a fresh fraud and an old one would look old enough to be
         * "mature" to the trees (which fit only examples older than the labels' maturity), and the fresh fraud's
         * features would reach the fit without the fresh legitimate transactions beside them (their labels not in
         * yet) — measured: trees that scored nearly everything live as fraud while their holdout looked fine.
         */
        Example between(final int a, final int b, final double u) {
            final double[] v = new double[names.length];
            for (int f = 0; f < v.length; f++) {
                v[f] = raw[a][f] + u * (raw[b][f] - raw[a][f]);
            }
            final Example ea = examples.get(a);
            final Example eb = examples.get(b);
            return new Example(new FeatureVector(names, v), ea.fraud(), Math.max(ea.time(), eb.time()),
                    ea.amount() + u * (eb.amount() - ea.amount()));
        }
    }
}
