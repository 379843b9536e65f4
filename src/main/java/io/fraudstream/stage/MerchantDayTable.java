package io.fraudstream.stage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants' day counters in memory, for one writer and any number of readers: what every scoring task reads
 * (the global merchant store fills it from the merchant-activity topic) and, in process, what the writer counts
 * into directly.
 *
 * <p>A merchant's days are an immutable pair of arrays in day order, replaced whole on every change (copy on write:
 * a few dozen entries), so a reader always sees one consistent version without a lock. Days more than the retention
 * behind the newest day written are dropped, as a window store drops them; a day already that old is not stored.
 * The start of the counted activity is the earliest any writer reported.
 *
 * <p>Memory. A window store forgets an idle merchant after the retention; so does this table: from time to time
 * ({@link RetentionSweep}), merchants with no day left inside it are removed (readers meanwhile see them or not,
 * and no window reaches those days). And a day's 48 counters are 208 bytes, but in a large data set
 * most merchant-days hold one to three transactions (PaySim: 2.7 M merchants, 6.4 M transactions), so the counters
 * of a day with at most {@value #SHARED_TOTAL} counted events are shared: one array for each of the few thousand
 * such days there can be (arrays here are never written after they are put).
 */
public final class MerchantDayTable implements MerchantFeatures.Source, MerchantCounts.Store {
    static final int SHARED_TOTAL = 3;

    private final ConcurrentHashMap<String, MerchantFeatures.Days> merchants = new ConcurrentHashMap<>();
    /** Counters of days with few events, one array per content; the writer's alone. */
    private final Map<Counters, int[]> shared = new HashMap<>();
    private final long retention;
    private final RetentionSweep sweep;
    private volatile long newest = Long.MIN_VALUE;
    private volatile long since = Long.MAX_VALUE;

    /** A table keeping days up to {@code retentionMs} behind the newest. */
    public MerchantDayTable(final long retentionMs) {
        this.retention = retentionMs;
        this.sweep = new RetentionSweep(retentionMs);
    }

    @Override
    public MerchantFeatures.Days fetch(final String merchant, final long firstDay, final long lastDay) {
        final MerchantFeatures.Days days = merchants.get(merchant);
        if (days == null) {
            return MerchantFeatures.Days.NONE;
        }
        final int from = indexOf(days.starts(), firstDay);
        final int to = indexOf(days.starts(), lastDay + 1);
        if (from == 0 && to == days.starts().length) {
            return days;
        }
        return new MerchantFeatures.Days(Arrays.copyOfRange(days.starts(), from, to),
                Arrays.copyOfRange(days.counters(), from, to));
    }

    @Override
    public long since() {
        return since;
    }

    @Override
    public int[] get(final String merchant, final long day) {
        final MerchantFeatures.Days days = merchants.get(merchant);
        if (days == null) {
            return new int[48];
        }
        final int i = indexOf(days.starts(), day);
        return i < days.starts().length && days.starts()[i] == day ? days.counters()[i].clone() : new int[48];
    }

    /** Only ever called by one thread at a time (the writer). */
    @Override
    public void put(final String merchant, final long day, final int[] counters, final long start) {
        if (start < since) {
            since = start;
        }
        final long latest = Math.max(newest, day);
        newest = latest;
        final long keepFrom = latest - retention;
        if (day < keepFrom) {
            return;
        }
        if (sweep.due(latest)) {
            merchants.values().removeIf(d -> d.starts()[d.starts().length - 1] < keepFrom);
        }
        final MerchantFeatures.Days old = merchants.getOrDefault(merchant, MerchantFeatures.Days.NONE);
        final long[] starts = old.starts();
        final int first = indexOf(starts, keepFrom);
        final int at = indexOf(starts, day);
        final boolean replace = at < starts.length && starts[at] == day;
        final int size = starts.length - first + (replace ? 0 : 1);
        final long[] newStarts = new long[size];
        final int[][] newCounters = new int[size][];
        int n = 0;
        for (int i = first; i < at; i++, n++) {
            newStarts[n] = starts[i];
            newCounters[n] = old.counters()[i];
        }
        newStarts[n] = day;
        newCounters[n++] = share(counters);
        for (int i = replace ? at + 1 : at; i < starts.length; i++, n++) {
            newStarts[n] = starts[i];
            newCounters[n] = old.counters()[i];
        }
        merchants.put(merchant, new MerchantFeatures.Days(newStarts, newCounters));
    }

    /** The one array with these counters when they count few events; else the array itself. */
    private int[] share(final int[] counters) {
        int total = 0;
        for (int c : counters) {
            total += c;
            if (total > SHARED_TOTAL) {
                return counters;
            }
        }
        return shared.computeIfAbsent(new Counters(counters), k -> counters);
    }

    /** An array compared by its content. */
    private record Counters(int[] values) {
        @Override
        public boolean equals(final Object o) {
            return o instanceof Counters c && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** Index of the first day starting at or after {@code day}. */
    private static int indexOf(final long[] starts, final long day) {
        int lo = 0;
        int hi = starts.length;
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
}
