package io.fraudstream.stage;

import io.fraudstream.feature.MerchantActivity;

/**
 * The merchant stage's write side, one writer per merchant: a scored transaction adds to its merchant's transaction
 * counter of its hour, a fraud label to the fraud counter of its transaction's hour. Counters are kept one array per
 * merchant and day ({@code codec.MerchantCountersCodec}'s layout); each change returns the day's new counters, which the
 * caller publishes to the scorers' shared {@link MerchantFeatures.Source}. Days no window reaches any more may be
 * dropped by the store.
 */
public final class MerchantCounts {
    /** A merchant's day counters, as the writer keeps them. */
    public interface Store {
        /** The day's counters (a fresh zero array when none), for {@link #put} after a change. */
        int[] get(String merchant, long day);

        /**
         * Stores the day's counters, counted from {@code since} on; the store may keep the array itself (the caller
         * does not touch it again).
         */
        void put(String merchant, long day, int[] counters, long since);
    }

    /** A day's counters after a change, and the start of the counted activity. */
    public record Update(String merchant, long day, int[] counters, long since) {
    }

    private final Store store;
    private final HistoryStart start;

    public MerchantCounts(final Store store, final HistoryStart start) {
        this.store = store;
        this.start = start;
    }

    /** A transaction of {@code merchant} at {@code time} was scored. */
    public Update transaction(final String merchant, final long time) {
        return count(merchant, time, false, start.observe(time));
    }

    /** A fraud label came for a transaction of {@code merchant} at {@code fraudAt}. */
    public Update fraud(final String merchant, final long fraudAt) {
        return count(merchant, fraudAt, true, start.since());
    }

    private Update count(final String merchant, final long time, final boolean fraud, final long since) {
        final long day = MerchantActivity.day(time);
        final int[] counters = store.get(merchant, day);
        MerchantActivity.add(counters, time, fraud);
        store.put(merchant, day, counters, since);
        return new Update(merchant, day, counters, since);
    }
}
