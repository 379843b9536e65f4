package io.fraudstream.stage;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.MerchantActivity;

/**
 * The merchant stage's read side: a transaction reads its merchant's hourly counters over windows shifted back by
 * the merchant delay d ({@link MerchantActivity}). It only reads: the counters are written by {@link MerchantCounts},
 * in another task (or, in process, right after this read), and published to every scoring task through shared state.
 * Because no window reaches into the last d of event time, a counter published late by less than d gives the same
 * features as one counted at once; so the scoring task needs no repartition by merchant.
 */
public final class MerchantFeatures {
    /** The shared merchant counters, as far as they have been published. */
    public interface Source {
        /** The counters of the merchant's days {@code firstDay..lastDay} that exist, in day order (read only). */
        Days fetch(String merchant, long firstDay, long lastDay);

        /** The start of the counted activity ({@link Long#MAX_VALUE} while nothing was counted). */
        long since();
    }

    /** Days found: {@code counters[i]} belongs to the day starting at {@code starts[i]}. */
    public record Days(long[] starts, int[][] counters) {
        public static final Days NONE = new Days(new long[0], new int[0][]);
    }

    private final MerchantActivity activity;
    private final Source source;

    public MerchantFeatures(final MerchantActivity activity, final Source source) {
        this.activity = activity;
        this.source = source;
    }

    public EnrichedTransaction enrich(final EnrichedTransaction in) {
        final Transaction t = in.transaction();
        if (t.merchantId() == null) {
            return in;
        }
        final long time = t.timestamp();
        final Days days = source.fetch(t.merchantId(), activity.firstDay(time), activity.lastDay(time));
        return in.plus(activity.features(time, days.starts(), days.counters(), source.since()));
    }
}
