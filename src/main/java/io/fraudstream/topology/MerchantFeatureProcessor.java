package io.fraudstream.topology;

import io.fraudstream.event.Transaction;
import io.fraudstream.feature.MerchantActivity;
import java.util.Arrays;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Per-merchant risk features, keyed by merchant: transactions read the merchant's hourly counters over windows
 * shifted back by the label delay, then count themselves; fraud labels (from the outcomes, re-keyed by merchant)
 * add to the fraud counter of their transaction's hour. Counters live in a window store, one value per merchant
 * and day, whose retention drops days no window reaches any more. Only transactions move on.
 */
final class MerchantFeatureProcessor extends HistoryStage<MerchantInput> {
    private final MerchantActivity activity;

    MerchantFeatureProcessor(final String storeName, final String sinceStoreName, final MerchantActivity activity) {
        super(storeName, sinceStoreName);
        this.activity = activity;
    }

    @Override
    public void process(final Record<String, MerchantInput> record) {
        final MerchantInput in = record.value();
        if (in.transaction() == null) {
            count(record.key(), in.fraudAt(), true);
            return;
        }
        final Transaction t = in.transaction().transaction();
        final long since = start.observe(t.timestamp());
        if (t.merchantId() == null) {
            context.forward(record.withValue(in.transaction()));
            return;
        }
        final long time = t.timestamp();
        final long first = activity.firstDay(time);
        final long last = activity.lastDay(time);
        final int most = (int) ((last - first) / MerchantActivity.DAY) + 1;
        final long[] starts = new long[most];
        final int[][] days = new int[most][];
        int n = 0;
        try (WindowStoreIterator<byte[]> it = store.fetch(t.merchantId(), first, last)) {
            while (it.hasNext()) {
                final KeyValue<Long, byte[]> e = it.next();
                starts[n] = e.key;
                days[n++] = MerchantActivity.decode(e.value);
            }
        }
        final EnrichedTransaction out = in.transaction().plus(activity.features(time, Arrays.copyOf(starts, n),
                Arrays.copyOf(days, n), since));
        count(t.merchantId(), time, false);
        context.forward(record.withValue(out));
    }

    private void count(final String merchant, final long time, final boolean fraud) {
        final long day = MerchantActivity.day(time);
        final int[] counters = MerchantActivity.decode(store.fetch(merchant, day));
        MerchantActivity.add(counters, time, fraud);
        store.put(merchant, MerchantActivity.encode(counters), day);
    }
}
