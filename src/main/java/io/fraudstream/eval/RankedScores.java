package io.fraudstream.eval;

import java.util.Arrays;

/**
 * A multiset of (score, class) pairs, from which PR-AUC and ROC-AUC are read exactly at a ranking resolution of
 * 2^−10 relative ({@link #rank}).
 *
 * <p>Design: an open-addressing hash table (linear probing, at most half full) with one slot per distinct ranked
 * score, holding the frauds and legitimate outcomes at that score, so tied scores are one threshold. An update is
 * one probe, O(1), touching a slot or two side by side: its key and both counts share one {@code long[]} pair, and
 * nothing is allocated once the table has grown to the window's size. A slot emptied by a removal is filled by
 * shifting back the entries probed past it (Knuth's algorithm R), so no deleted markers accumulate. The order is
 * built only when read: at each publication the distinct scores are sorted, O(D log D), once for both AUCs (the
 * sort is kept until the next update). The figures depend only on what the table holds, never on the order it came
 * in, so a window rebuilt at start reads the same.
 *
 * <ul>
 *   <li>ROC-AUC is the Mann-Whitney statistic U / (P·N), U counting every (fraud, legitimate) pair the fraud wins and
 *   every tie as one half, summed over the distinct scores from the lowest as the integer 2U: exact.</li>
 *   <li>PR-AUC is scikit-learn's step-wise average precision, Σ (R_i − R_{i−1}) P_i over the distinct scores from the
 *   highest down.</li>
 * </ul>
 * Both are NaN unless both classes are present. Scores must be finite; −0.0 is taken as 0.0.
 *
 * <p>Why this shape: the evaluator's twelve views each update their ranking per outcome, live, from a thread whose
 * tables do not stay in cache. A treap (a node per distinct score, O(log D) per update) missed the cache at every
 * level of its descent, some twenty a view: it was three fifths of the evaluator thread's samples at 2 000
 * outcomes/s (docs/performance.md). A probe misses once; ordering moves to the read, which comes every few seconds,
 * not with every outcome.
 *
 * <p>Resolution: scores are ranked at {@link #rank}, their distance from 0 (or, above one half, from 1) kept to 10
 * bits of mantissa, so scores within about 0.1% of that distance tie. A window of a model's scores (nearly all
 * distinct) then holds a few thousand to some ten thousand distinct scores whatever its size, instead of one per
 * outcome. PR-AUC moves by at most 9e-5 and ROC-AUC by 2e-6 on 100 000 model-like scores ({@code RankedScoresTest});
 * a replay's report ranks exact doubles ({@link Curves}).
 */
public final class RankedScores {
    /** Mantissa bits kept: scores whose distance from 0 (or 1) is the same to 2^−10 (0.1%) rank as one. */
    static final int MANTISSA_BITS = 10;
    private static final long RANK_MASK = ~((1L << (52 - MANTISSA_BITS)) - 1);
    /** A fraud's step in a slot's counts (frauds in the high half, legitimate outcomes in the low half). */
    private static final long FRAUD = 1L << 32;
    private static final long LEGIT = 1L;
    private static final long LOW = 0xFFFF_FFFFL;
    /** Slot i is {@code table[2i]} (the key, {@link #key}) and {@code table[2i + 1]} (its counts; 0: empty). */
    private long[] table = new long[2 * 16];
    private int mask = 15;
    private int distinct;
    private long fraudCount;
    private long legitCount;
    /** The distinct keys in ascending order with their counts, as of {@link #sortedAt}. */
    private long[] sortedKeys = new long[0];
    private long[] sortedCounts = new long[0];
    private long updates;
    private long sortedAt = -1;

    /** Adds one outcome: O(1). */
    public void add(final double score, final boolean fraud) {
        final long key = key(score);
        final int i = slot(key);
        if (table[2 * i + 1] == 0) {
            table[2 * i] = key;
            distinct++;
        }
        table[2 * i + 1] += fraud ? FRAUD : LEGIT;
        if (fraud) {
            fraudCount++;
        } else {
            legitCount++;
        }
        updates++;
        if (2 * distinct > mask + 1) {
            grow();
        }
    }

    /** Removes one outcome that was added with this score and class: O(1). */
    public void remove(final double score, final boolean fraud) {
        final int i = slot(key(score));
        final long counts = table[2 * i + 1];
        if (counts == 0 || (fraud ? counts >>> 32 : counts & LOW) == 0) {
            throw new IllegalStateException("no " + (fraud ? "fraud" : "legitimate") + " outcome with score "
                    + score);
        }
        table[2 * i + 1] = counts - (fraud ? FRAUD : LEGIT);
        if (table[2 * i + 1] == 0) {
            vacate(i);
            distinct--;
        }
        if (fraud) {
            fraudCount--;
        } else {
            legitCount--;
        }
        updates++;
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

    /** ROC-AUC, from the lowest score up: O(D log D), or O(D) when nothing changed since the last read. */
    public double rocAuc() {
        if (fraudCount == 0 || legitCount == 0) {
            return Double.NaN;
        }
        sort();
        long twiceU = 0;
        long legitsBelow = 0;
        for (int i = 0; i < distinct; i++) {
            final long counts = sortedCounts[i];
            final long legits = counts & LOW;
            twiceU += (counts >>> 32) * (2 * legitsBelow + legits); // wins count 2, ties 1
            legitsBelow += legits;
        }
        return twiceU / (2.0 * fraudCount * legitCount);
    }

    /** Average precision, step-wise over the distinct scores from the highest: O(D log D), or O(D) as above. */
    public double averagePrecision() {
        if (fraudCount == 0 || legitCount == 0) {
            return Double.NaN;
        }
        sort();
        double ap = 0;
        long tp = 0;
        long fp = 0;
        for (int i = distinct - 1; i >= 0; i--) {
            final long counts = sortedCounts[i];
            final long f = counts >>> 32;
            fp += counts & LOW;
            if (f > 0) {
                tp += f;
                ap += (double) f / fraudCount * ((double) tp / (tp + fp));
            }
        }
        return ap;
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

    /**
     * A score's key: the bits of its rank, turned so that keys order as the ranks do (a negative double's bits order
     * backwards): the sort at a read orders the scores by sorting the keys as longs.
     */
    private static long key(final double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite: " + score);
        }
        final long bits = Double.doubleToRawLongBits(rank(score) + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** A key's first slot: its bits mixed ({@link Mix64}), as ranks share their low bits (zeros). */
    private int home(final long key) {
        return (int) Mix64.mix(key) & mask;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(final long key) {
        int i = home(key);
        while (table[2 * i + 1] != 0 && table[2 * i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Empties slot {@code hole}, moving back each entry after it whose probe passed over it. */
    private void vacate(final int hole) {
        int free = hole;
        for (int j = (hole + 1) & mask; table[2 * j + 1] != 0; j = (j + 1) & mask) {
            // the entry at j stays only if its first slot lies after the free one, up to j
            if (((j - home(table[2 * j])) & mask) >= ((j - free) & mask)) {
                table[2 * free] = table[2 * j];
                table[2 * free + 1] = table[2 * j + 1];
                free = j;
            }
        }
        table[2 * free] = 0;
        table[2 * free + 1] = 0;
    }

    private void grow() {
        final long[] old = table;
        table = new long[old.length * 2];
        mask = old.length - 1; // twice the slots, less one
        for (int s = 0; s < old.length; s += 2) {
            if (old[s + 1] != 0) {
                int i = home(old[s]);
                while (table[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                table[2 * i] = old[s];
                table[2 * i + 1] = old[s + 1];
            }
        }
    }

    /** The distinct keys in order with their counts, unless they are already as of the last update. */
    private void sort() {
        if (sortedAt == updates) {
            return;
        }
        if (sortedKeys.length < distinct) {
            sortedKeys = new long[Math.max(distinct, 2 * sortedKeys.length)];
            sortedCounts = new long[sortedKeys.length];
        }
        int n = 0;
        for (int s = 0; s < table.length; s += 2) {
            if (table[s + 1] != 0) {
                sortedKeys[n++] = table[s];
            }
        }
        Arrays.sort(sortedKeys, 0, n);
        for (int i = 0; i < n; i++) {
            sortedCounts[i] = table[2 * slot(sortedKeys[i]) + 1];
        }
        sortedAt = updates;
    }
}
