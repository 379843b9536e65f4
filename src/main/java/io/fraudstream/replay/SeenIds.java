package io.fraudstream.replay;

import io.fraudstream.stage.DuplicateCheck;

/**
 * Transaction ids with the event time each was last seen at, for {@code retentionMs} behind the newest: the
 * duplicate check's store in process. Over the default 60-day horizon it holds a third of a six-month replay's ids;
 * as a {@code HashMap<String, Long>} with an arrival queue that was three small objects per transaction, each
 * copied by young collections, then promoted and left for a full collection to find. Here: an open-addressing table
 * (linear probing, deletion by shifting back, so no tombstones) of the ids the rows already hold and their times in
 * a {@code long[]}, and the arrival order in a ring of two arrays; nothing is allocated per id.
 */
final class SeenIds implements DuplicateCheck.Store {
    private final long retentionMs;
    private String[] keys = new String[1 << 10];
    private long[] times = new long[keys.length];
    private int size;
    /** Ids in arrival order, with the time each was put at: a ring from {@code head}, {@code queued} long. */
    private String[] arrivedIds = new String[1 << 10];
    private long[] arrivedTimes = new long[arrivedIds.length];
    private int head;
    private int queued;
    private long newest = Long.MIN_VALUE;

    SeenIds(final long retentionMs) {
        this.retentionMs = retentionMs;
    }

    @Override
    public Long seen(final String id, final long from, final long to) {
        final int i = slot(id);
        return keys[i] != null && times[i] >= from && times[i] <= to ? times[i] : null;
    }

    @Override
    public void put(final String id, final long time) {
        final int i = slot(id);
        if (keys[i] == null) {
            keys[i] = id;
            size++;
        }
        times[i] = time;
        if (2 * size > keys.length) {
            rehash(2 * keys.length);
        }
        enqueue(id, time);
        newest = Math.max(newest, time);
        while (queued > 0 && arrivedTimes[head] < newest - retentionMs) {
            forget(arrivedIds[head], arrivedTimes[head]);
            arrivedIds[head] = null;
            head = (head + 1) & (arrivedIds.length - 1);
            queued--;
        }
    }

    /** Ids kept. */
    int size() {
        return size;
    }

    /** Drops {@code id} if it was last seen at {@code time} (a later sighting keeps it). */
    private void forget(final String id, final long time) {
        int i = slot(id);
        if (keys[i] == null || times[i] != time) {
            return;
        }
        final int mask = keys.length - 1;
        for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            final int home = home(keys[j]);
            // the entry at j may fill the hole at i unless its home lies cyclically in (i, j]
            final boolean staysAfterHole = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!staysAfterHole) {
                keys[i] = keys[j];
                times[i] = times[j];
                i = j;
            }
        }
        keys[i] = null;
        size--;
    }

    /** The slot holding {@code id}, or the empty one where it would go. */
    private int slot(final String id) {
        final int mask = keys.length - 1;
        int i = home(id);
        while (keys[i] != null && !keys[i].equals(id)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int home(final String id) {
        final int h = id.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (keys.length - 1);
    }

    private void rehash(final int capacity) {
        final String[] oldKeys = keys;
        final long[] oldTimes = times;
        keys = new String[capacity];
        times = new long[capacity];
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                final int i = slot(oldKeys[k]);
                keys[i] = oldKeys[k];
                times[i] = oldTimes[k];
            }
        }
    }

    private void enqueue(final String id, final long time) {
        if (queued == arrivedIds.length) { // full: unroll the ring into arrays twice as long
            final String[] ids = new String[2 * queued];
            final long[] at = new long[2 * queued];
            for (int k = 0; k < queued; k++) {
                ids[k] = arrivedIds[(head + k) & (queued - 1)];
                at[k] = arrivedTimes[(head + k) & (queued - 1)];
            }
            arrivedIds = ids;
            arrivedTimes = at;
            head = 0;
        }
        final int tail = (head + queued) & (arrivedIds.length - 1);
        arrivedIds[tail] = id;
        arrivedTimes[tail] = time;
        queued++;
    }
}
