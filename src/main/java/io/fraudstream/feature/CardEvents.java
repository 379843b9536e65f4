package io.fraudstream.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A card's events in columns: {@code times[i]}, {@code amounts[i]} and {@code merchants[i]} for
 * {@code from <= i < to}. The card stage reads a card's history once per transaction, a few dozen events each time:
 * held as one object per event, scattered over the heap as they were made, each read was a cache miss (profiled:
 * about 160 ns an event, the card stage a third of a replay's transaction time); three arrays are read in order.
 *
 * <p>A view: a store may hand out its own arrays, valid until its next change; readers never write to them (two
 * views are not compared: {@link #list} gives their events).
 */
public record CardEvents(long[] times, double[] amounts, String[] merchants, int from, int to) {
    public static final CardEvents NONE = new CardEvents(new long[0], new double[0], new String[0], 0, 0);

    /** The events of a list, in its order. */
    public static CardEvents of(final Iterable<CardHistory.Event> events) {
        final List<CardHistory.Event> list = new ArrayList<>();
        events.forEach(list::add);
        final int n = list.size();
        final long[] times = new long[n];
        final double[] amounts = new double[n];
        final String[] merchants = new String[n];
        for (int i = 0; i < n; i++) {
            times[i] = list.get(i).time();
            amounts[i] = list.get(i).amount();
            merchants[i] = list.get(i).merchant();
        }
        return new CardEvents(times, amounts, merchants, 0, n);
    }

    public int size() {
        return to - from;
    }

    /** The events as objects, in order (for tests and diagnostics; not for hot paths). */
    public List<CardHistory.Event> list() {
        final List<CardHistory.Event> out = new ArrayList<>(size());
        for (int i = from; i < to; i++) {
            out.add(new CardHistory.Event(times[i], amounts[i], merchants[i]));
        }
        return out;
    }

    /**
     * Events of one card held in growable columns, in time order (ties in arrival order), the oldest dropped. They
     * start with room for one event and double: in a replay's memory most cards of a large public data set are seen
     * once or twice (PaySim: 6.35 M cards in 6.36 M rows), where room for eight took 240 bytes a card.
     */
    public static final class Column {
        private long[] times = new long[1];
        private double[] amounts = new double[1];
        private String[] merchants = new String[1];
        private int head;
        private int size;

        /** Inserts after the events at or before its time. */
        public void add(final long time, final double amount, final String merchant) {
            if (size == times.length) {
                if (head > 0) { // room at the front: move down
                    compact();
                } else {
                    times = Arrays.copyOf(times, size * 2);
                    amounts = Arrays.copyOf(amounts, size * 2);
                    merchants = Arrays.copyOf(merchants, size * 2);
                }
            }
            final int at = firstAfter(time);
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(amounts, at, amounts, at + 1, size - at);
            System.arraycopy(merchants, at, merchants, at + 1, size - at);
            times[at] = time;
            amounts[at] = amount;
            merchants[at] = merchant;
            size++;
        }

        /** Forgets the events at or before {@code time}. */
        public void dropUpTo(final long time) {
            final int keep = firstAfter(time);
            Arrays.fill(merchants, head, keep, null);
            head = keep;
        }

        /** The events with {@code from <= time <= to}: a view on these columns, valid until the next change. */
        public CardEvents range(final long from, final long to) {
            return new CardEvents(times, amounts, merchants, firstAfter(from - 1), firstAfter(to));
        }

        /** Every event kept: a view, valid until the next change. */
        public CardEvents all() {
            return new CardEvents(times, amounts, merchants, head, size);
        }

        public long newest() {
            return size == head ? Long.MIN_VALUE : times[size - 1];
        }

        private void compact() {
            final int n = size - head;
            System.arraycopy(times, head, times, 0, n);
            System.arraycopy(amounts, head, amounts, 0, n);
            System.arraycopy(merchants, head, merchants, 0, n);
            Arrays.fill(merchants, n, size, null);
            head = 0;
            size = n;
        }

        /** Index of the first event later than {@code time}. */
        private int firstAfter(final long time) {
            int lo = head;
            int hi = size;
            while (lo < hi) {
                final int mid = (lo + hi) >>> 1;
                if (times[mid] <= time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
