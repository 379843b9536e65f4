package io.fraudstream.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the merchant-count task has counted and not yet published to the scorers' shared merchant counters. A
 * transaction changes its merchant's counters of the day; the scorers read a day only once it lies
 * {@code features.merchant.delay} (7 days) behind their transactions, so publishing every change would send one
 * record per transaction of which all but the day's last are overwritten unread. Changes are held here instead, the
 * latest counters per merchant and day, and published together ({@link #drain}): once per interval of wall-clock
 * time (the caller's timer), when the oldest held change lies half the delay behind the task's stream time (a
 * catch-up runs days of event time per second), and when {@link #CAP} merchant-days are held. A fraud's change is
 * not held: the caller publishes it at once, and it replaces what is held for its day.
 *
 * <p>Held changes live in memory. So that none is lost to a crash or a task that moves, the earliest day with held
 * changes is kept in the task's store ({@link Marker}, written only when it changes: about twice per drain), and
 * a task that starts holds again every day from it on ({@link #restore}) before it publishes anything.
 */
public final class MerchantPublication {
    /**
     * Merchant-days held at most: about 250 bytes each in memory, and as many records in one publication. The
     * interval ends a publication first unless a task counts tens of thousands of merchants a second.
     */
    public static final int CAP = 50_000;
    /** The marker's value while nothing is held. */
    public static final long NONE = Long.MAX_VALUE;

    /** Where the earliest day with held changes is kept across restarts ({@link #NONE} when none). */
    public interface Marker {
        long get();

        void put(long day);
    }

    private record Day(String merchant, long day) {
    }

    private final Map<Day, MerchantCounts.Update> held = new LinkedHashMap<>();
    private final Marker marker;
    private final long holdMillis;
    private long heldFrom;
    private long firstHeldAt = Long.MAX_VALUE;

    /** Holds changes up to {@code delay / 2} of event time; a delay under 2 ms holds nothing. */
    public MerchantPublication(final Marker marker, final long delayMillis) {
        this.marker = marker;
        this.holdMillis = delayMillis / 2;
        this.heldFrom = marker.get();
    }

    /** The earliest day the last run of the task may have left unpublished ({@link #NONE} if none). */
    public long heldFrom() {
        return heldFrom;
    }

    /** Holds a day's counters found unpublished at start (see {@link #heldFrom}). */
    public void restore(final MerchantCounts.Update u) {
        held.put(new Day(u.merchant(), u.day()), u);
        firstHeldAt = Math.min(firstHeldAt, u.day());
    }

    /**
     * Holds the counters a transaction at {@code time} changed; returns whether the day was not held before (one
     * more merchant-day to publish).
     */
    public boolean hold(final MerchantCounts.Update u, final long time) {
        if (u.day() < heldFrom) {
            heldFrom = u.day();
            marker.put(heldFrom);
        }
        firstHeldAt = Math.min(firstHeldAt, time);
        return held.put(new Day(u.merchant(), u.day()), u) == null;
    }

    /** The caller publishes {@code u} now (a fraud's change): returns whether a held day was dropped for it. */
    public boolean publishedNow(final MerchantCounts.Update u) {
        return held.remove(new Day(u.merchant(), u.day())) != null;
    }

    /** Whether what is held should be published before another record is counted. */
    public boolean due(final long streamTime) {
        return !held.isEmpty() && (held.size() >= CAP || holdMillis == 0 || streamTime - firstHeldAt >= holdMillis);
    }

    /** How many merchant-days are held. */
    public int size() {
        return held.size();
    }

    /** Hands every held day's latest counters to {@code publish}, in the order first held; returns how many. */
    public int drain(final Consumer<MerchantCounts.Update> publish) {
        final int n = held.size();
        held.values().forEach(publish);
        held.clear();
        firstHeldAt = Long.MAX_VALUE;
        if (heldFrom != NONE) {
            heldFrom = NONE;
            marker.put(NONE);
        }
        return n;
    }
}
