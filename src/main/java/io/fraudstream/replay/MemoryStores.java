package io.fraudstream.replay;

import io.fraudstream.feature.CardEvents;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.DuplicateCheck;
import io.fraudstream.stage.MerchantFeatures;
import io.fraudstream.stage.PendingEntry;
import io.fraudstream.stage.PendingJoin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory state behind the stage cores' store interfaces, for the in-process engine: the same contracts as the
 * Kafka Streams stores of {@code topology.StoreAdapters} (what a fetch returns, what a retention drops), without
 * serialisation, changelogs or RocksDB. Each forgets what no fetch can reach any more, so memory follows the
 * windows, not the length of the replay.
 */
final class MemoryStores {
    private MemoryStores() {
    }

    /** A card's events in time order (ties in arrival order), kept for {@code retentionMs} behind the newest. */
    static CardFeatures.Store cardEvents(final long retentionMs) {
        return new CardFeatures.Store() {
            private final Map<String, CardEvents.Column> cards = new HashMap<>();

            @Override
            public CardEvents fetch(final String card, final long from, final long to) {
                final CardEvents.Column events = cards.get(card);
                return events == null ? CardEvents.NONE : events.range(from, to);
            }

            @Override
            public void put(final String card, final CardHistory.Event event) {
                final CardEvents.Column events = cards.computeIfAbsent(card, c -> new CardEvents.Column());
                events.add(event.time(), event.amount(), event.merchant());
                events.dropUpTo(events.newest() - retentionMs - 1);
            }
        };
    }

    /** A merchant's day counters; a day more than {@code retentionMs} behind the newest is dropped (or never kept). */
    static MerchantFeatures.Store merchantDays(final long retentionMs) {
        return new MerchantFeatures.Store() {
            private final Map<String, Days> merchants = new HashMap<>();
            private long newest = Long.MIN_VALUE;

            @Override
            public MerchantFeatures.Days fetch(final String merchant, final long firstDay, final long lastDay) {
                final Days days = merchants.get(merchant);
                if (days == null) {
                    return new MerchantFeatures.Days(new long[0], new int[0][]);
                }
                final int from = days.indexOf(firstDay);
                final int to = days.indexOf(lastDay + 1);
                // the stage only reads what it fetched: the counters themselves, not copies
                return new MerchantFeatures.Days(Arrays.copyOfRange(days.starts, from, to),
                        Arrays.copyOfRange(days.counters, from, to));
            }

            @Override
            public int[] get(final String merchant, final long day) {
                final Days days = merchants.get(merchant);
                final int i = days == null ? 0 : days.indexOf(day);
                return days == null || i == days.size || days.starts[i] != day ? new int[48] : days.counters[i].clone();
            }

            @Override
            public void put(final String merchant, final long day, final int[] counters) {
                newest = Math.max(newest, day);
                if (day < newest - retentionMs) {
                    return; // as a window store drops a record older than its retention
                }
                final Days days = merchants.computeIfAbsent(merchant, m -> new Days());
                days.put(day, counters);
                days.dropBefore(newest - retentionMs);
            }
        };
    }

    /** One merchant's days in day order: a few dozen at most, added mostly at the end. */
    private static final class Days {
        private long[] starts = new long[4];
        private int[][] counters = new int[4][];
        private int size;

        /** Index of the first day starting at or after {@code day}. */
        int indexOf(final long day) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                final int mid = (lo + hi) >>> 1;
                if (starts[mid] < day) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        void put(final long day, final int[] dayCounters) {
            final int i = indexOf(day);
            if (i < size && starts[i] == day) {
                counters[i] = dayCounters;
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                counters = Arrays.copyOf(counters, size * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, size - i);
            System.arraycopy(counters, i, counters, i + 1, size - i);
            starts[i] = day;
            counters[i] = dayCounters;
            size++;
        }

        /** Drops the days before {@code day}. */
        void dropBefore(final long day) {
            final int n = indexOf(day);
            if (n > 0) {
                System.arraycopy(starts, n, starts, 0, size - n);
                System.arraycopy(counters, n, counters, 0, size - n);
                Arrays.fill(counters, size - n, size, null);
                size -= n;
            }
        }
    }

    /** Transaction ids with the event time each was last seen at, for {@code retentionMs} behind the newest. */
    static DuplicateCheck.Store seen(final long retentionMs) {
        return new SeenIds(retentionMs);
    }

    /**
     * Pending entries in a hash map; the expiry index as the ids of each time (a hash map) and the times in a heap.
     * Taking an id out of the index, once per label, is a hash lookup (a sorted map of a million pending times cost
     * two tree walks); a time whose ids are all gone stays in the heap until expiry passes it, and is skipped then.
     */
    static PendingJoin.Store pending() {
        return new PendingJoin.Store() {
            private final Map<String, PendingEntry> entries = new HashMap<>();
            private final Map<Long, List<String>> idsAt = new HashMap<>();
            private final LongHeap times = new LongHeap();

            @Override
            public PendingEntry get(final String id) {
                return entries.get(id);
            }

            @Override
            public void put(final String id, final PendingEntry entry) {
                entries.put(id, entry);
            }

            @Override
            public void delete(final String id) {
                entries.remove(id);
            }

            @Override
            public void index(final long time, final String id) {
                final long at = Math.max(time, 0);
                final List<String> ids = idsAt.computeIfAbsent(at, t -> {
                    times.push(t);
                    return new ArrayList<>(1);
                });
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }

            @Override
            public void unindex(final long time, final String id) {
                final long at = Math.max(time, 0);
                final List<String> ids = idsAt.get(at);
                if (ids != null && ids.remove(id) && ids.isEmpty()) {
                    idsAt.remove(at);
                }
            }

            @Override
            public List<String> expired(final long upTo) {
                final List<String> due = new ArrayList<>();
                while (!times.isEmpty() && times.peek() <= Math.max(upTo, 0)) {
                    final List<String> ids = idsAt.remove(times.pop());
                    if (ids != null) { // by time, then id, as the topology's index store orders its keys
                        ids.sort(null);
                        due.addAll(ids);
                    }
                }
                return due;
            }
        };
    }

    /** A min-heap of longs, without boxing. */
    private static final class LongHeap {
        private long[] heap = new long[64];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        long peek() {
            return heap[0];
        }

        void push(final long v) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0 && heap[(i - 1) / 2] > v) {
                heap[i] = heap[(i - 1) / 2];
                i = (i - 1) / 2;
            }
            heap[i] = v;
        }

        long pop() {
            final long top = heap[0];
            final long last = heap[--size];
            int i = 0;
            while (2 * i + 1 < size) {
                int child = 2 * i + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= last) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }
    }
}
