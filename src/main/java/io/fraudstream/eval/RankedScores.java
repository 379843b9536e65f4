package io.fraudstream.eval;

import java.util.Arrays;

/**
 * A multiset of (score, class) pairs kept in score order, from which PR-AUC and ROC-AUC are read exactly at a
 * ranking resolution of 2^−10 relative ({@link #rank}).
 *
 * <p>Design: a treap (Seidel and Aragon 1996; a binary search tree whose shape is that of a heap on random
 * priorities, so its expected depth is O(log D) for D distinct scores) with one node per distinct score, holding the
 * frauds and legitimate outcomes at that score, so tied scores are one threshold. An update is O(log D) and reads
 * only the nodes on its path: its nodes live in one primitive array, a node's fields side by side ({@link #STRIDE}),
 * with a free list, so nothing is allocated per update once the array has grown to the window's size. A node's
 * priority is a hash of its slot ({@link #priority}), a pseudo-random number that owes nothing to its key, as a
 * treap needs, and is the same whenever a window is rebuilt. Both AUCs are read by one in-order walk, O(D), at each
 * publication, where the updates come with every outcome.
 *
 * <ul>
 *   <li>ROC-AUC is the Mann-Whitney statistic U / (P·N), U counting every (fraud, legitimate) pair the fraud wins and
 *   every tie as one half, summed over the distinct scores from the lowest as the integer 2U: exact.</li>
 *   <li>PR-AUC is scikit-learn's step-wise average precision, Σ (R_i − R_{i−1}) P_i over the distinct scores from the
 *   highest down.</li>
 * </ul>
 * Both are NaN unless both classes are present. Scores must be finite; −0.0 is taken as 0.0.
 *
 * <p>Why this shape (the evaluator's twelve views each update a tree of some ten thousand nodes per outcome, and live
 * those trees do not stay in cache): the tree first kept each field in a parallel array, and every node also kept
 * its subtree's counts so that each update could keep 2U current, reading the other side's child at every level.
 * A step of a descent read five or six arrays, a cache miss each. With the fields side by side, JMH
 * ({@code EvaluationBenchmark.slide} and {@code observe}, {@code -p n=100000 -p rounded=false -p maturity=10000},
 * two runs each in turn) gave 514 against 605 ns a view's update and 10.9 against 12.8 µs an outcome through the
 * twelve views; without the subtree counts, see docs/performance.md.
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
    /** Ints per node in {@link #nodes}: the key's two halves, the frauds and legitimate outcomes at it, the children. */
    private static final int STRIDE = 6;
    private static final int KEY_HIGH = 0;
    private static final int KEY_LOW = 1;
    private static final int FRAUDS = 2;
    private static final int LEGITS = 3;
    private static final int LEFT = 4;
    private static final int RIGHT = 5;
    private int[] nodes = new int[16 * STRIDE];
    private int[] stack = new int[64];
    private int root = NIL;
    private int used = STRIDE; // nodes are offsets into nodes[]; node 0 is NIL
    private int free = NIL; // free list threaded through the nodes' LEFT
    private int distinct;
    private long fraudCount;
    private long legitCount;

    /** Adds one outcome: O(log D). */
    public void add(final double score, final boolean fraud) {
        root = insert(root, normalise(score), fraud);
        if (fraud) {
            fraudCount++;
        } else {
            legitCount++;
        }
    }

    /** Removes one outcome that was added with this score and class: O(log D). */
    public void remove(final double score, final boolean fraud) {
        root = delete(root, normalise(score), fraud);
        if (fraud) {
            fraudCount--;
        } else {
            legitCount--;
        }
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

    /** ROC-AUC, from the lowest score up: O(D). */
    public double rocAuc() {
        if (fraudCount == 0 || legitCount == 0) {
            return Double.NaN;
        }
        long twiceU = 0;
        long legitsBelow = 0;
        for (int depth = 0, t = root; t != NIL || depth > 0; ) { // in order: lowest score first
            while (t != NIL) {
                push(depth++, t);
                t = nodes[t + LEFT];
            }
            t = stack[--depth];
            final long legits = nodes[t + LEGITS];
            twiceU += nodes[t + FRAUDS] * (2 * legitsBelow + legits); // wins count 2, ties 1
            legitsBelow += legits;
            t = nodes[t + RIGHT];
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
        for (int depth = 0, t = root; t != NIL || depth > 0; ) { // reverse in order: highest score first
            while (t != NIL) {
                push(depth++, t);
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

    private void push(final int depth, final int t) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth] = t;
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

    private int insert(final int t, final double s, final boolean fraud) {
        if (t == NIL) {
            return node(s, fraud);
        }
        final double k = key(t);
        if (s == k) {
            nodes[t + (fraud ? FRAUDS : LEGITS)]++;
            return t;
        }
        // the child first, then the store: an insertion below may grow (replace) the array
        if (s < k) {
            final int child = insert(nodes[t + LEFT], s, fraud);
            nodes[t + LEFT] = child;
            return priority(child) > priority(t) ? rotateRight(t) : t;
        }
        final int child = insert(nodes[t + RIGHT], s, fraud);
        nodes[t + RIGHT] = child;
        return priority(child) > priority(t) ? rotateLeft(t) : t;
    }

    private int delete(final int t, final double s, final boolean fraud) {
        if (t == NIL) {
            throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score " + s);
        }
        final double k = key(t);
        if (s == k) {
            final int count = t + (fraud ? FRAUDS : LEGITS);
            if (nodes[count] == 0) {
                throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score " + s);
            }
            nodes[count]--;
            return nodes[t + FRAUDS] + nodes[t + LEGITS] == 0 ? unlink(t) : t;
        }
        if (s < k) {
            nodes[t + LEFT] = delete(nodes[t + LEFT], s, fraud);
        } else {
            nodes[t + RIGHT] = delete(nodes[t + RIGHT], s, fraud);
        }
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
        return r;
    }

    private int rotateRight(final int t) {
        final int l = nodes[t + LEFT];
        nodes[t + LEFT] = nodes[l + RIGHT];
        nodes[l + RIGHT] = t;
        return l;
    }

    private int rotateLeft(final int t) {
        final int r = nodes[t + RIGHT];
        nodes[t + RIGHT] = nodes[r + LEFT];
        nodes[r + LEFT] = t;
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
        distinct++;
        return t;
    }
}
