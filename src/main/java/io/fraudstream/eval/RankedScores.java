package io.fraudstream.eval;

import java.util.Arrays;

/**
 * A multiset of (score, class) pairs kept in score order, from which PR-AUC and ROC-AUC are read exactly at a
 * ranking resolution of 2^−10 relative ({@link #rank}).
 *
 * <p>Design: a treap (Seidel and Aragon 1996; a binary search tree whose shape is that of a heap on random
 * priorities, so its expected depth is O(log D) for D distinct scores) in parallel primitive arrays, with a free
 * list: no allocation per update once the arrays have grown to the window's size. One node per distinct score holds
 * the frauds and legitimate outcomes at that score, so tied scores are one threshold; each node also holds the counts
 * of its subtree (an order-statistic tree), so "how many legitimate outcomes score below s" is one O(log D) walk.
 *
 * <ul>
 *   <li>ROC-AUC is the Mann-Whitney statistic U / (P·N), U counting every (fraud, legitimate) pair the fraud wins and
 *   every tie as one half. U is kept up to date on each insertion and removal (the new element's wins and ties against
 *   the other class, counted on the update's own descent), as the integer 2U: O(log D) per update, O(1) per read,
 *   exact.</li>
 *   <li>PR-AUC is scikit-learn's step-wise average precision, Σ (R_i − R_{i−1}) P_i over the distinct scores from the
 *   highest down: one in-order walk, O(D) per read.</li>
 * </ul>
 * Both are NaN unless both classes are present. Scores must be finite; −0.0 is taken as 0.0.
 *
 * <p>Resolution: scores are ranked at {@link #rank}, their distance from 0 (or, above one half, from 1) kept to 10
 * bits of mantissa, so scores within about 0.1% of that distance tie. With a node per distinct double, a window of
 * a model's scores (nearly all distinct) had a node per outcome: at 100 000 outcomes and more, every update walked
 * tens of megabytes of arrays across twelve views, a cache miss per level (JMH {@code EvaluationBenchmark.observe},
 * model-like scores: 38 µs an outcome through the twelve default views, 8 µs ranked; live, the evaluator thread
 * used 57–100 µs an outcome). Ranked, a window holds a few thousand to some ten thousand nodes whatever its size.
 * PR-AUC moves by at most 9e-5 and ROC-AUC by 2e-6 on 100 000 model-like scores ({@code RankedScoresTest}); a
 * replay's report ranks exact doubles ({@link Curves}).
 */
public final class RankedScores {
    private static final int NIL = 0;
    /** Mantissa bits kept: scores whose distance from 0 (or 1) is the same to 2^−10 (0.1%) rank as one. */
    static final int MANTISSA_BITS = 10;
    private static final long RANK_MASK = ~((1L << (52 - MANTISSA_BITS)) - 1);
    private double[] key = new double[16];
    private int[] frauds = new int[16];
    private int[] legits = new int[16];
    private int[] subFrauds = new int[16];
    private int[] subLegits = new int[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int[] priority = new int[16];
    private int[] stack = new int[64];
    private int root = NIL;
    private int used = 1; // node 0 is NIL
    private int free = NIL; // free list threaded through left[]
    private int distinct;
    private long fraudCount;
    private long legitCount;
    private long twiceU;
    private int seed = 0x2545F491;
    /** The other class's outcomes above, and at, the score of the current insertion or deletion ({@link #countPath}). */
    private long otherAbove;
    private long otherTied;

    /** Adds one outcome: O(log D). */
    public void add(final double score, final boolean fraud) {
        final double s = normalise(score);
        otherAbove = 0;
        otherTied = 0;
        root = insert(root, s, fraud);
        twiceU += pairs(fraud);
        if (fraud) {
            fraudCount++;
        } else {
            legitCount++;
        }
    }

    /** Removes one outcome that was added with this score and class: O(log D). */
    public void remove(final double score, final boolean fraud) {
        final double s = normalise(score);
        otherAbove = 0;
        otherTied = 0;
        root = delete(root, s, fraud);
        if (fraud) {
            fraudCount--;
        } else {
            legitCount--;
        }
        twiceU -= pairs(fraud);
    }

    public long frauds() {
        return fraudCount;
    }

    public long legits() {
        return legitCount;
    }

    /** Distinct scores held. */
    public int distinct() {
        return distinct;
    }

    /** ROC-AUC: O(1). */
    public double rocAuc() {
        if (fraudCount == 0 || legitCount == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * fraudCount * legitCount);
    }

    /** Average precision, step-wise over the distinct scores from the highest: O(D). */
    public double averagePrecision() {
        if (fraudCount == 0 || legitCount == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long tp = 0;
        long fp = 0;
        int depth = 0;
        int t = root;
        while (t != NIL || depth > 0) { // reverse in-order: highest score first
            while (t != NIL) {
                if (depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = t;
                t = right[t];
            }
            t = stack[--depth];
            if (frauds[t] > 0) {
                tp += frauds[t];
                fp += legits[t];
                ap += (double) frauds[t] / fraudCount * ((double) tp / (tp + fp));
            } else {
                fp += legits[t];
            }
            t = left[t];
        }
        return ap;
    }

    /**
     * Twice the number of (fraud, legitimate) pairs the element just inserted or deleted wins, plus its ties, against
     * the other class: from the other class's outcomes above its score and at it, which that insertion's or deletion's
     * descent counted on its way down ({@link #countPath}; the other class's counts are the same before and after).
     */
    private long pairs(final boolean fraud) {
        // a fraud wins against the legitimate outcomes below it; a legitimate outcome loses to the frauds above it
        final long wins = fraud ? legitCount - otherAbove - otherTied : otherAbove;
        return 2 * wins + otherTied;
    }

    /**
     * One step of a descent towards {@code s}, at node {@code t}: counts the other class's outcomes the path leaves
     * above {@code s} (the node and its right subtree when going left; its right subtree and its ties at the node of
     * {@code s}). Read before the step changes anything below, so one descent both updates and ranks.
     */
    private void countPath(final int t, final double s, final boolean fraud) {
        final boolean other = !fraud;
        if (s < key[t]) {
            otherAbove += (other ? frauds[t] : legits[t]) + sub(right[t], other);
        } else if (s == key[t]) {
            otherTied = other ? frauds[t] : legits[t];
            otherAbove += sub(right[t], other);
        }
    }

    private static double normalise(final double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite: " + score);
        }
        return rank(score) + 0.0;
    }

    /**
     * The value a score is ranked at: its distance from 0, or above one half from 1, kept to the top
     * {@value #MANTISSA_BITS} bits of its mantissa (a relative step of 2^−10), so that 0.001 and 0.0011 stay apart
     * and so do 0.999 and 0.9989. Order-preserving: a higher score never ranks lower. Scores are probabilities; any
     * other finite value is kept to its top bits the same way.
     */
    public static double rank(final double score) {
        if (score > 0.5 && score <= 1) {
            return 1 - truncate(1 - score); // 1 - score is exact here, and so is 1 - its truncation
        }
        return truncate(score);
    }

    private static double truncate(final double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & RANK_MASK);
    }

    private int sub(final int t, final boolean fraud) {
        return fraud ? subFrauds[t] : subLegits[t];
    }

    private void pull(final int t) {
        subFrauds[t] = frauds[t] + subFrauds[left[t]] + subFrauds[right[t]];
        subLegits[t] = legits[t] + subLegits[left[t]] + subLegits[right[t]];
    }

    private int insert(final int t, final double s, final boolean fraud) {
        if (t == NIL) {
            return node(s, fraud);
        }
        countPath(t, s, fraud);
        if (s == key[t]) {
            if (fraud) {
                frauds[t]++;
            } else {
                legits[t]++;
            }
            pull(t);
            return t;
        }
        int r = t;
        // the child first, then the store: an insertion below may grow (replace) the arrays
        if (s < key[t]) {
            final int child = insert(left[t], s, fraud);
            left[t] = child;
            if (priority[child] > priority[t]) {
                r = rotateRight(t);
            }
        } else {
            final int child = insert(right[t], s, fraud);
            right[t] = child;
            if (priority[child] > priority[t]) {
                r = rotateLeft(t);
            }
        }
        pull(r);
        return r;
    }

    private int delete(final int t, final double s, final boolean fraud) {
        if (t == NIL) {
            throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score " + s);
        }
        countPath(t, s, fraud);
        if (s == key[t]) {
            final int[] count = fraud ? frauds : legits;
            if (count[t] == 0) {
                throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score " + s);
            }
            count[t]--;
            if (frauds[t] + legits[t] == 0) {
                return unlink(t);
            }
            pull(t);
            return t;
        }
        if (s < key[t]) {
            left[t] = delete(left[t], s, fraud);
        } else {
            right[t] = delete(right[t], s, fraud);
        }
        pull(t);
        return t;
    }

    /** Removes an empty node by rotating it down until it has at most one child. */
    private int unlink(final int t) {
        if (left[t] == NIL || right[t] == NIL) {
            final int child = left[t] == NIL ? right[t] : left[t];
            left[t] = free;
            free = t;
            distinct--;
            return child;
        }
        final int r;
        if (priority[left[t]] > priority[right[t]]) {
            r = rotateRight(t);
            right[r] = unlink(t);
        } else {
            r = rotateLeft(t);
            left[r] = unlink(t);
        }
        pull(r);
        return r;
    }

    private int rotateRight(final int t) {
        final int l = left[t];
        left[t] = right[l];
        right[l] = t;
        pull(t);
        pull(l);
        return l;
    }

    private int rotateLeft(final int t) {
        final int r = right[t];
        right[t] = left[r];
        left[r] = t;
        pull(t);
        pull(r);
        return r;
    }

    private int node(final double s, final boolean fraud) {
        final int t;
        if (free != NIL) {
            t = free;
            free = left[t];
        } else {
            if (used == key.length) {
                grow();
            }
            t = used++;
        }
        key[t] = s;
        frauds[t] = fraud ? 1 : 0;
        legits[t] = fraud ? 0 : 1;
        left[t] = NIL;
        right[t] = NIL;
        seed ^= seed << 13; // xorshift: deterministic priorities, so a window is rebuilt identically
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        priority[t] = seed;
        pull(t);
        distinct++;
        return t;
    }

    private void grow() {
        final int n = key.length * 2;
        key = Arrays.copyOf(key, n);
        frauds = Arrays.copyOf(frauds, n);
        legits = Arrays.copyOf(legits, n);
        subFrauds = Arrays.copyOf(subFrauds, n);
        subLegits = Arrays.copyOf(subLegits, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        priority = Arrays.copyOf(priority, n);
    }
}
