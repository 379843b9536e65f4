package io.fraudstream.eval;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Card Precision@k (Fraud-Detection Handbook): for one day, the cards seen that day ranked by their highest score,
 * and the share of the top k that had a fraud that day, over min(k, cards that day). Ties between cards are broken
 * by card id, so the figure is deterministic. Outcomes without a card are not counted. Days are UTC days of the
 * transaction's event time.
 *
 * <p>Design: the live evaluator reads this for every view at every publication, each read adding some hundred
 * thousand outcomes, so a day's cards are an open-addressing table (linear probing, at most half full) keyed by a
 * 64-bit hash of the card id ({@link #key}), each slot's key, highest score and fraud flag side by side in one
 * {@code long[]}: an outcome costs one probe and no object. The ids themselves are read only to break a tie at the
 * k-th place. (A map per day of card id to a small object read every id's characters to hash and compare it and
 * allocated two objects per card: most of the evaluator thread's time at 2 000 outcomes/s, docs/performance.md.)
 * Two cards are told apart by their hash alone: two ids of one day sharing all 64 bits would count as one card (for
 * a day of a million cards, a chance of about 3 in 10^8).
 */
public final class CardPrecision {
    private static final long DAY = 86_400_000L;
    private int k;
    private final Map<Long, Cards> days = new HashMap<>();
    /** Tables of days forgotten by {@link #restart}, emptied, for the next days counted. */
    private final Deque<Cards> spare = new ArrayDeque<>();
    private long lastDay = Long.MIN_VALUE;
    private Cards last;

    public CardPrecision(final int k) {
        restart(k);
    }

    /**
     * Forgets every outcome counted and counts for {@code newK} from now on, keeping the days' tables for the days to
     * come: a reader that counts a window afresh every few seconds allocates nothing once its tables have grown (a
     * table of a few hundred thousand cards is megabytes, which G1 would place as humongous objects at every read).
     */
    public CardPrecision restart(final int newK) {
        if (newK < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        k = newK;
        for (Cards cards : days.values()) {
            cards.clear();
            spare.push(cards);
        }
        days.clear();
        lastDay = Long.MIN_VALUE;
        last = null;
        return this;
    }

    /**
     * A card id's 64-bit hash (FNV-1a over its characters, then {@link Mix64}; never 0, which marks an empty
     * slot): what tells cards apart here. Callers that count the same outcome often keep it
     * ({@link #add(long, String, long, double, boolean)}).
     */
    public static long key(final String card) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < card.length(); i++) {
            h = (h ^ card.charAt(i)) * 0x0000_0100_0000_01B3L;
        }
        final long mixed = Mix64.mix(h);
        return mixed == 0 ? 1 : mixed;
    }

    /** Counts one outcome. */
    public void add(final long eventTime, final String card, final double score, final boolean fraud) {
        add(eventTime, card, card == null ? 0 : key(card), score, fraud);
    }

    /** Counts one outcome whose card's {@link #key} is known. */
    public void add(final long eventTime, final String card, final long cardKey, final double score,
                    final boolean fraud) {
        if (card == null) {
            return;
        }
        final long day = Math.floorDiv(eventTime, DAY);
        if (day != lastDay) { // outcomes mostly come day by day: one map lookup per day, not per outcome
            last = days.computeIfAbsent(day, d -> spare.isEmpty() ? new Cards() : spare.pop());
            lastDay = day;
        }
        last.add(card, cardKey, score, fraud);
    }

    /** The mean over the days counted of their Card Precision@k; NaN when no outcome named a card. */
    public double meanDaily() {
        double sum = 0;
        for (Cards cards : days.values()) {
            sum += cards.precisionAt(k);
        }
        return days.isEmpty() ? Double.NaN : sum / days.size();
    }

    /**
     * One day's cards. Slot i is {@code slots[3i]} (the key; 0: empty), {@code slots[3i + 1]} (the bits of the highest
     * score) and {@code slots[3i + 2]} (1: a fraud), and {@code ids[i]} (the card id).
     */
    private static final class Cards {
        private long[] slots = new long[3 * 64];
        private String[] ids = new String[64];
        private int mask = 63;
        private int size;

        void clear() {
            Arrays.fill(slots, 0);
            Arrays.fill(ids, null);
            size = 0;
        }

        void add(final String card, final long key, final double score, final boolean fraud) {
            int i = home(key, mask);
            while (slots[3 * i] != 0 && slots[3 * i] != key) {
                i = (i + 1) & mask;
            }
            if (slots[3 * i] == 0) {
                slots[3 * i] = key;
                slots[3 * i + 1] = Double.doubleToRawLongBits(score);
                slots[3 * i + 2] = fraud ? 1 : 0;
                ids[i] = card;
                if (2 * ++size > mask + 1) {
                    grow();
                }
                return;
            }
            if (score > Double.longBitsToDouble(slots[3 * i + 1])) {
                slots[3 * i + 1] = Double.doubleToRawLongBits(score);
            }
            slots[3 * i + 2] |= fraud ? 1 : 0;
        }

        /** O(C log k): the top k by a bounded heap of slots (all of them, unranked, when there are no more than k). */
        double precisionAt(final int k) {
            int compromised = 0;
            if (size <= k) {
                for (int i = 0; i <= mask; i++) {
                    compromised += (int) slots[3 * i + 2];
                }
                return (double) compromised / size;
            }
            final int[] top = new int[k]; // a min-heap: the lowest ranked of the k kept at its root
            int n = 0;
            for (int i = 0; i <= mask; i++) {
                if (slots[3 * i] == 0) {
                    continue;
                }
                if (n < k) {
                    top[n] = i;
                    siftUp(top, n++);
                } else if (above(i, top[0])) {
                    top[0] = i;
                    siftDown(top, k);
                }
            }
            for (int t : top) {
                compromised += (int) slots[3 * t + 2];
            }
            return (double) compromised / k;
        }

        /** Whether slot a's card ranks above slot b's: a higher highest score, or the same and a lower id. */
        private boolean above(final int a, final int b) {
            final double x = Double.longBitsToDouble(slots[3 * a + 1]);
            final double y = Double.longBitsToDouble(slots[3 * b + 1]);
            return x != y ? Double.compare(x, y) > 0 : ids[a].compareTo(ids[b]) < 0;
        }

        private void siftUp(final int[] heap, final int from) {
            int i = from;
            final int t = heap[i];
            while (i > 0 && above(heap[(i - 1) >>> 1], t)) {
                heap[i] = heap[(i - 1) >>> 1];
                i = (i - 1) >>> 1;
            }
            heap[i] = t;
        }

        private void siftDown(final int[] heap, final int n) {
            int i = 0;
            final int t = heap[0];
            while (2 * i + 1 < n) {
                int child = 2 * i + 1;
                if (child + 1 < n && above(heap[child], heap[child + 1])) {
                    child++;
                }
                if (!above(t, heap[child])) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = t;
        }

        private void grow() {
            final long[] old = slots;
            final String[] oldIds = ids;
            mask = 2 * (mask + 1) - 1;
            slots = new long[3 * (mask + 1)];
            ids = new String[mask + 1];
            for (int s = 0; s < oldIds.length; s++) {
                final long key = old[3 * s];
                if (key != 0) {
                    int i = home(key, mask);
                    while (slots[3 * i] != 0) {
                        i = (i + 1) & mask;
                    }
                    System.arraycopy(old, 3 * s, slots, 3 * i, 3);
                    ids[i] = oldIds[s];
                }
            }
        }

        private static int home(final long key, final int mask) {
            return (int) (key ^ (key >>> 32)) & mask;
        }
    }
}
