package io.fraudstream.learn;

/**
 * Which of a fixed number of slots the next of a stream of timed items takes, so that the slots keep the most recent
 * items: a free slot while there is one, then the slot of the oldest item (ties: the lower slot), unless the new
 * item is older still. Which slot an item takes depends on the items' times alone, not on the order they came in,
 * so a restore needs each slot's time only. Shared by {@link Holdout} and {@link FeedbackWindow}, which keep the
 * items themselves in the slots it gives.
 *
 * <p>Once full, the slots are a binary min-heap by (time, slot), built then (and again after a restore): a
 * replacement is O(log n), where a scan for the oldest cost O(n) for every item of a long replay.
 */
final class RecentSlots {
    private final long[] times;
    private int size;
    /** When full: the slots as a min-heap by (time, slot), the oldest on top; null until then. */
    private int[] heap;

    RecentSlots(final int capacity) {
        this.times = new long[capacity];
    }

    /** The slot an item of {@code time} takes (it now holds that time), or −1 when all are full of newer items. */
    int take(final long time) {
        int slot = size;
        if (size < times.length) {
            size++;
        } else {
            if (heap == null) {
                buildHeap();
            }
            slot = heap[0];
            if (time < times[slot]) {
                return -1;
            }
        }
        times[slot] = time;
        if (heap != null) {
            siftDown(0); // the oldest's slot holds a newer item (or one as old)
        }
        return slot;
    }

    /** Puts back a slot's time (slots in any order; they are filled from 0 up, so the highest bounds them). */
    void restore(final int slot, final long time) {
        times[slot] = time;
        size = Math.max(size, slot + 1);
        heap = null;
    }

    /** Slots in use. */
    int size() {
        return size;
    }

    /** The time of the item in {@code slot}. */
    long time(final int slot) {
        return times[slot];
    }

    private boolean before(final int a, final int b) {
        return times[a] < times[b] || times[a] == times[b] && a < b;
    }

    private void buildHeap() {
        heap = new int[size];
        for (int i = 0; i < size; i++) {
            heap[i] = i;
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftDown(final int from) {
        int i = from;
        while (true) {
            final int l = 2 * i + 1;
            if (l >= heap.length) {
                return;
            }
            final int c = l + 1 < heap.length && before(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!before(heap[c], heap[i])) {
                return;
            }
            final int t = heap[i];
            heap[i] = heap[c];
            heap[c] = t;
            i = c;
        }
    }
}
