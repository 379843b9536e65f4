package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.feature.CardHistory;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.DuplicateCheck;
import io.fraudstream.stage.PendingJoin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The in-memory stores keep the contracts of the Kafka Streams stores they stand in for. */
class MemoryStoresTest {
    @Test
    void cardEventsComeInTimeOrderWithinTheRangeAndOldOnesAreForgotten() {
        final CardFeatures.Store store = MemoryStores.cardEvents(100);
        store.put("c", new CardHistory.Event(50, 1, "a"));
        store.put("c", new CardHistory.Event(30, 2, "b")); // late: still in time order
        store.put("c", new CardHistory.Event(50, 3, "c")); // same time: after the first, as a window store keeps them
        store.put("d", new CardHistory.Event(40, 9, "z"));
        assertThat(store.fetch("c", 30, 50).list()).extracting(CardHistory.Event::amount)
                .containsExactly(2.0, 1.0, 3.0);
        assertThat(store.fetch("c", 31, 50).list()).extracting(CardHistory.Event::amount).containsExactly(1.0, 3.0);
        assertThat(store.fetch("c", 0, 49).list()).extracting(CardHistory.Event::amount).containsExactly(2.0);
        assertThat(store.fetch("x", 0, 100).list()).isEmpty();
        store.put("c", new CardHistory.Event(145, 4, "a")); // 30 is now more than 100 behind
        assertThat(store.fetch("c", 0, 200).list()).extracting(CardHistory.Event::amount)
                .containsExactly(1.0, 3.0, 4.0);
    }

    @Test
    void aCardNotSeenForARetentionOfStreamTimeIsForgottenAndOneSeenSinceIsKept() {
        final CardFeatures.Store store = MemoryStores.cardEvents(100);
        store.put("gone", new CardHistory.Event(0, 1, "a"));
        store.put("kept", new CardHistory.Event(0, 2, "a"));
        for (long t = 10; t <= 400; t += 10) {
            store.put("other", new CardHistory.Event(t, 3, "b"));
            if (t == 350) {
                store.put("kept", new CardHistory.Event(t, 4, "a"));
            }
        }
        // stream time 400: "gone"'s newest (0) is far more than 100 behind, "kept"'s (350) is not
        assertThat(store.fetch("gone", 0, 400).list()).isEmpty();
        assertThat(store.fetch("kept", 0, 400).list()).extracting(CardHistory.Event::amount).containsExactly(4.0);
    }

    @Test
    void cardEventsGrowCompactAndStayInOrderAgainstAPlainList() {
        final CardFeatures.Store store = MemoryStores.cardEvents(500);
        final List<CardHistory.Event> expected = new ArrayList<>();
        final Random random = new Random(5);
        long clock = 0;
        for (int i = 0; i < 5_000; i++) {
            clock += random.nextInt(20);
            final long time = clock - (random.nextInt(10) == 0 ? random.nextInt(300) : 0); // some late
            final CardHistory.Event e = new CardHistory.Event(time, i, "m" + random.nextInt(5));
            store.put("c", e);
            int at = expected.size();
            while (at > 0 && expected.get(at - 1).time() > time) {
                at--;
            }
            expected.add(at, e);
            final long newest = expected.get(expected.size() - 1).time();
            expected.removeIf(old -> old.time() < newest - 500);
            final long from = newest - random.nextInt(600);
            assertThat(store.fetch("c", from, newest).list())
                    .isEqualTo(expected.stream().filter(x -> x.time() >= from).toList());
        }
    }

    @Test
    void idsAreSeenWithinTheirRangeForTheRetention() {
        final DuplicateCheck.Store store = MemoryStores.seen(100);
        store.put("t1", 10);
        assertThat(store.seen("t1", 0, 20)).isEqualTo(10L);
        assertThat(store.seen("t1", 11, 20)).isNull();
        assertThat(store.seen("t2", 0, 20)).isNull();
        store.put("t2", 200);
        assertThat(store.seen("t1", 0, 300)).isNull(); // forgotten: 190 behind the newest
    }

    @Test
    void theTableOfSeenIdsAnswersAsAMapWithAnArrivalQueueWouldThroughGrowthAndDeletions() {
        final Random random = new Random(21);
        final long retention = 2_000; // a few thousand kept: the table and the ring both grow
        final SeenIds table = new SeenIds(retention);
        final Map<String, Long> ids = new HashMap<>(); // the store as it was
        final ArrayDeque<Object[]> arrived = new ArrayDeque<>();
        long newest = Long.MIN_VALUE;
        long clock = 0;
        for (int step = 0; step < 200_000; step++) {
            clock += random.nextInt(3);
            // few distinct ids (collisions, re-sightings), times out of order, the kept set growing and shrinking
            final String id = "tx" + random.nextInt(step < 100_000 ? 3_000 : 300);
            final long time = clock - random.nextInt(50);
            final long from = time - random.nextInt(100);
            assertThat(table.seen(id, from, time + 10)).as("step %d", step).isEqualTo(seen(ids, id, from, time + 10));
            if (random.nextInt(4) > 0) {
                table.put(id, time);
                ids.put(id, time);
                arrived.addLast(new Object[] {id, time});
                newest = Math.max(newest, time);
                while (!arrived.isEmpty() && (long) arrived.peekFirst()[1] < newest - retention) {
                    final Object[] old = arrived.pollFirst();
                    ids.remove(old[0], old[1]);
                }
                assertThat(table.size()).isEqualTo(ids.size());
            }
        }
        for (String id : ids.keySet()) {
            assertThat(table.seen(id, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(ids.get(id));
        }
    }

    private static Long seen(final Map<String, Long> ids, final String id, final long from, final long to) {
        final Long time = ids.get(id);
        return time != null && time >= from && time <= to ? time : null;
    }

    @Test
    void theExpiryIndexGivesIdsByTimeThenIdAndTakesThemOut() {
        final PendingJoin.Store store = MemoryStores.pending();
        store.index(2, "b");
        store.index(3, "z");
        store.index(3, "c");
        store.index(1, "a");
        store.index(4, "d");
        store.unindex(2, "b");
        assertThat(store.expired(3)).isEqualTo(List.of("a", "c", "z"));
        assertThat(store.expired(3)).isEmpty();
        assertThat(store.expired(10)).isEqualTo(List.of("d"));
    }

    @Test
    void theExpiryIndexAgreesWithASortedMapThroughManyIndexesRemovalsAndExpiries() {
        expiryIndexAgreesWithASortedMap(50, 20);
    }

    /** Thousands of ids a time, as in data stamped by the hour: a time's ids outgrow their list. */
    @Test
    void theExpiryIndexAgreesWithASortedMapWhenManyIdsShareATime() {
        expiryIndexAgreesWithASortedMap(3, 2);
    }

    private static void expiryIndexAgreesWithASortedMap(final int spread, final int clockStep) {
        final PendingJoin.Store store = MemoryStores.pending();
        int largest = 0;
        final TreeMap<Long, TreeSet<String>> reference = new TreeMap<>();
        final Random random = new Random(8);
        long clock = 0;
        for (int i = 0; i < 20_000; i++) {
            final int op = random.nextInt(10);
            if (op < 6) {
                final long time = clock + random.nextInt(spread) - Math.min(10, spread / 2);
                final String id = "t" + random.nextInt(3000);
                store.index(time, id);
                final TreeSet<String> ids = reference.computeIfAbsent(Math.max(time, 0), t -> new TreeSet<>());
                ids.add(id);
                largest = Math.max(largest, ids.size());
            } else if (op < 9 && !reference.isEmpty()) {
                final long time = reference.ceilingKey(random.nextLong(reference.lastKey() + 1));
                final String id = reference.get(time).first();
                store.unindex(time, id);
                reference.get(time).remove(id);
                if (reference.get(time).isEmpty()) {
                    reference.remove(time);
                }
            } else {
                clock += random.nextInt(clockStep);
                final List<String> expected = new ArrayList<>();
                reference.headMap(clock, true).values().forEach(expected::addAll);
                reference.headMap(clock, true).clear();
                assertThat(store.expired(clock)).isEqualTo(expected);
            }
        }
        if (spread < 10) {
            assertThat(largest).as("ids of one time").isGreaterThan(MemoryStores.LIST_IDS);
        }
    }
}
