package io.fraudstream.stage;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.MerchantActivity;

/**
 * The merchant stage: a transaction reads its merchant's hourly counters over windows shifted back by the label
 * delay, then counts itself; a fraud label adds to the fraud counter of its transaction's hour. Counters are kept
 * one array per merchant and day ({@link MerchantActivity#decode}'s layout); days no window reaches any more may be
 * dropped.
 */
public final class MerchantFeatures {
    /** A merchant's day counters. */
    public interface Store {
        /** The counters of the merchant's days {@code firstDay..lastDay} that exist, in day order (read only). */
        Days fetch(String merchant, long firstDay, long lastDay);

        /** The day's counters (a fresh zero array when none), for {@link #put} after a change. */
        int[] get(String merchant, long day);

        /** Stores the day's counters; the store may keep the array itself (the caller does not touch it again). */
        void put(String merchant, long day, int[] counters);
    }

    /** Days found: {@code counters[i]} belongs to the day starting at {@code starts[i]}. */
    public record Days(long[] starts, int[][] counters) {
    }

    private final MerchantActivity activity;
    private final Store store;
    private final HistoryStart start;

    public MerchantFeatures(final MerchantActivity activity, final Store store, final HistoryStart start) {
        this.activity = activity;
        this.store = store;
        this.start = start;
    }

    public EnrichedTransaction enrich(final EnrichedTransaction in) {
        final Transaction t = in.transaction();
        final long since = start.observe(t.timestamp());
        if (t.merchantId() == null) {
            return in;
        }
        final long time = t.timestamp();
        final Days days = store.fetch(t.merchantId(), activity.firstDay(time), activity.lastDay(time));
        final EnrichedTransaction out = in.plus(activity.features(time, days.starts(), days.counters(), since));
        count(t.merchantId(), time, false);
        return out;
    }

    /** A fraud label for a transaction of {@code merchant} at {@code fraudAt}. */
    public void fraud(final String merchant, final long fraudAt) {
        count(merchant, fraudAt, true);
    }

    private void count(final String merchant, final long time, final boolean fraud) {
        final long day = MerchantActivity.day(time);
        final int[] counters = store.get(merchant, day);
        MerchantActivity.add(counters, time, fraud);
        store.put(merchant, day, counters);
    }
}
