package io.fraudstream.replay;

import io.fraudstream.feature.CardEvents;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.DuplicateCheck;
import io.fraudstream.stage.PendingEntry;
import io.fraudstream.stage.PendingJoin;
import io.fraudstream.stage.RetentionSweep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-memory state behind the stage cores' store interfaces, for the in-process engine: the same contracts as the
 * Kafka Streams stores of {@code topology.StoreAdapters} (what a fetch returns, what a retention drops), without
 * serialisation, changelogs or RocksDB. Each forgets what no fetch can reach any more, so memory follows the
 * windows, not the length of the replay.
 */
final class MemoryStores {
    /** Ids of one pending time kept in a list below this many. */
    static final int LIST_IDS = 16;

    private MemoryStores() {
    }

    /**
     * A card's events in time order (ties in arrival order), kept for {@code retentionMs} behind the newest. A card
     * whose newest event is that far behind stream time (the latest event of any card) is forgotten, as a window
     * store drops its segments ({@link RetentionSweep}), so a replay's memory holds the cards of the last window, not
     * every card of the file.
     */
    static CardFeatures.Store cardEvents(final long retentionMs) {
        return new CardFeatures.Store() {
            private final Map<String, CardEvents.Column> cards = new HashMap<>();
            private long streamTime = Long.MIN_VALUE;
            private final RetentionSweep sweep = new RetentionSweep(retentionMs);

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
                streamTime = Math.max(streamTime, event.time());
                if (sweep.due(streamTime)) {
                    cards.values().removeIf(c -> c.newest() < streamTime - retentionMs);
                }
            }
        };
    }

    /** Transaction ids with the event time each was last seen at, for {@code retentionMs} behind the newest. */
    static DuplicateCheck.Store seen(final long retentionMs) {
        return new SeenIds(retentionMs);
    }

    /**
     * Pending entries in a hash map; the expiry index as the ids of each time (a hash map) and the times in a heap.
     * Taking an id out of the index, once per label, is a hash lookup (a sorted map of a million pending times cost
     * two tree walks); a time whose ids are all gone stays in the heap until expiry passes it, and is skipped then.
     * A time's ids are a list while few, a hash set from {@value #LIST_IDS} on: data stamped by the hour or the day
     * (PaySim, BankSim) gives thousands of transactions one time, and a list made adding and taking out each of them
     * a walk over the others (a 1.5 M-row PaySim slice spent 90% of the replay's samples in that walk).
     */
    static PendingJoin.Store pending() {
        return new PendingJoin.Store() {
            private final Map<String, PendingEntry> entries = new HashMap<>();
            private final Map<Long, Collection<String>> idsAt = new HashMap<>();
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
                final Collection<String> ids = idsAt.computeIfAbsent(at, t -> {
                    times.push(t);
                    return new ArrayList<>(1);
                });
                if (!ids.contains(id)) {
                    if (ids.size() == LIST_IDS - 1 && ids instanceof List) {
                        final Set<String> set = new HashSet<>(ids);
                        set.add(id);
                        idsAt.put(at, set);
                    } else {
                        ids.add(id);
                    }
                }
            }

            @Override
            public void unindex(final long time, final String id) {
                final long at = Math.max(time, 0);
                final Collection<String> ids = idsAt.get(at);
                if (ids != null && ids.remove(id) && ids.isEmpty()) {
                    idsAt.remove(at);
                }
            }

            @Override
            public List<String> expired(final long upTo) {
                final List<String> due = new ArrayList<>();
                while (!times.isEmpty() && times.peek() <= Math.max(upTo, 0)) {
                    final Collection<String> ids = idsAt.remove(times.pop());
                    if (ids != null) { // by time, then id, as the topology's index store orders its keys
                        final int from = due.size();
                        due.addAll(ids);
                        due.subList(from, due.size()).sort(null);
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
