package io.fraudstream.eval;

import java.util.Arrays;

/**
 * A multiset of (score, class) pairs kept in score order, from which PR-AUC and ROC-AUC are read exactly at a
 * ranking resolution of 2^−10 relative ({@link #rank}).
 *
 * <p>Design: a treap (Seidel and Aragon 1996; a binary search tree whose shape is that of a heap on random
 * priorities, so its expected depth is O(log D) for D distinct scores) in one primitive array, a node's fields side
 * by side ({@link #STRIDE}), with a free list: no allocation per update once the array has grown to the window's
 * size. A node's priority is a hash of its slot ({@link #priority}), a pseudo-random number that owes nothing to
 * its key, as a treap needs, and is the same whenever a window is rebuilt. The fields were once parallel arrays, one
 * per field: live, the evaluator's twelve views each held a tree of some ten thousand nodes, and a step of a descent
 * read five or six arrays, a cache miss each. Side by side, JMH ({@code EvaluationBenchmark.slide} and
 * {@code observe}, {@code -p n=100000 -p rounded=false -p maturity=10000}, two runs each in turn): 514 against
 * 605 ns a view's update, 10.9 against 12.8 µs an outcome through the twelve views. One node per distinct score holds
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
    /**
     * Ints per node in {@link #nodes}: the key's two halves, the frauds and legitimate outcomes at it, the same of
     * its subtree, its children. 32 bytes, so a step of a descent reads one or two cache lines, not one per field.
     */
    private static final int STRIDE = 8;
    private static final int KEY_HIGH = 0;
    private static final int KEY_LOW = 1;
    private static final int FRAUDS = 2;
    private static final int LEGITS = 3;
    private static final int SUB_FRAUDS = 4;
    private static final int SUB_LEGITS = 5;
    private static final int LEFT = 6;
    private static final int RIGHT = 7;
    private int[] nodes = new int[16 * STRIDE];
    private int[] stack = new int[64];
    private int root = NIL;
    private int used = STRIDE; // nodes are offsets into nodes[]; node 0 is NIL, its fields always 0
    private int free = NIL; // free list threaded through the nodes' LEFT
    private int distinct;
    private long fraudCount;
    private long legitCount;
    private long twiceU;
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
                t = nodes[t + RIGHT];
            }
            t = stack[--depth];
            final int f = nodes[t + FRAUDS];
            fp += nodes[t + LEGITS];
            if (f > 0) {
                tp += f;
                ap += (double) f / fraudCount * ((double) tp / (tp + fp));
            }
            t = nodes[t + LEFT];
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
        final int other = fraud ? LEGITS : FRAUDS;
        final int otherBelow = fraud ? SUB_LEGITS : SUB_FRAUDS;
        final double k = key(t);
        if (s < k) {
            otherAbove += nodes[t + other] + nodes[nodes[t + RIGHT] + otherBelow];
        } else if (s == k) {
            otherTied = nodes[t + other];
            otherAbove += nodes[nodes[t + RIGHT] + otherBelow];
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

    private double key(final int t) {
        return Double.longBitsToDouble(((long) nodes[t + KEY_HIGH] << 32) | (nodes[t + KEY_LOW] & 0xFFFF_FFFFL));
    }

    /**
     * A node's priority: its slot, hashed (the finaliser of MurmurHash3). Slots are handed out in order of creation
     * and reused from the free list, never by key, so priorities are independent of the keys.
     */
    private static int priority(final int t) {
        int h = t;
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        return h ^ (h >>> 16);
    }

    private void pull(final int t) {
        final int l = nodes[t + LEFT];
        final int r = nodes[t + RIGHT];
        nodes[t + SUB_FRAUDS] = nodes[t + FRAUDS] + nodes[l + SUB_FRAUDS] + nodes[r + SUB_FRAUDS];
        nodes[t + SUB_LEGITS] = nodes[t + LEGITS] + nodes[l + SUB_LEGITS] + nodes[r + SUB_LEGITS];
    }

    private int insert(final int t, final double s, final boolean fraud) {
        if (t == NIL) {
            return node(s, fraud);
        }
        countPath(t, s, fraud);
        final double k = key(t);
        if (s == k) {
            nodes[t + (fraud ? FRAUDS : LEGITS)]++;
            pull(t);
            return t;
        }
        int r = t;
        // the child first, then the store: an insertion below may grow (replace) the array
        if (s < k) {
            final int child = insert(nodes[t + LEFT], s, fraud);
            nodes[t + LEFT] = child;
            if (priority(child) > priority(t)) {
                r = rotateRight(t);
            }
        } else {
            final int child = insert(nodes[t + RIGHT], s, fraud);
            nodes[t + RIGHT] = child;
            if (priority(child) > priority(t)) {
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
        final double k = key(t);
        if (s == k) {
            final int count = t + (fraud ? FRAUDS : LEGITS);
            if (nodes[count] == 0) {
                throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score " + s);
            }
            nodes[count]--;
            if (nodes[t + FRAUDS] + nodes[t + LEGITS] == 0) {
                return unlink(t);
            }
            pull(t);
            return t;
        }
        if (s < k) {
            nodes[t + LEFT] = delete(nodes[t + LEFT], s, fraud);
        } else {
            nodes[t + RIGHT] = delete(nodes[t + RIGHT], s, fraud);
        }
        pull(t);
        return t;
    }

    /** Removes an empty node by rotating it down until it has at most one child. */
    private int unlink(final int t) {
        final int l = nodes[t + LEFT];
        final int rt = nodes[t + RIGHT];
        if (l == NIL || rt == NIL) {
            nodes[t + LEFT] = free;
            free = t;
            distinct--;
            return l == NIL ? rt : l;
        }
        final int r;
        if (priority(l) > priority(rt)) {
            r = rotateRight(t);
            nodes[r + RIGHT] = unlink(t);
        } else {
            r = rotateLeft(t);
            nodes[r + LEFT] = unlink(t);
        }
        pull(r);
        return r;
    }

    private int rotateRight(final int t) {
        final int l = nodes[t + LEFT];
        nodes[t + LEFT] = nodes[l + RIGHT];
        nodes[l + RIGHT] = t;
        pull(t);
        pull(l);
        return l;
    }

    private int rotateLeft(final int t) {
        final int r = nodes[t + RIGHT];
        nodes[t + RIGHT] = nodes[r + LEFT];
        nodes[r + LEFT] = t;
        pull(t);
        pull(r);
        return r;
    }

    private int node(final double s, final boolean fraud) {
        final int t;
        if (free != NIL) {
            t = free;
            free = nodes[t + LEFT];
        } else {
            if (used == nodes.length) {
                nodes = Arrays.copyOf(nodes, nodes.length * 2);
            }
            t = used;
            used += STRIDE;
        }
        final long bits = Double.doubleToRawLongBits(s);
        nodes[t + KEY_HIGH] = (int) (bits >>> 32);
        nodes[t + KEY_LOW] = (int) bits;
        nodes[t + FRAUDS] = fraud ? 1 : 0;
        nodes[t + LEGITS] = fraud ? 0 : 1;
        nodes[t + LEFT] = NIL;
        nodes[t + RIGHT] = NIL;
        pull(t);
        distinct++;
        return t;
    }
}
