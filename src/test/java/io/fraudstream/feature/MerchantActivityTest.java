package io.fraudstream.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.codec.MerchantCountersCodec;
import io.fraudstream.event.FeatureVector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MerchantActivityTest {
    private static final long H = MerchantActivity.HOUR;
    private static final long D = MerchantActivity.DAY;
    private final MerchantActivity activity = new MerchantActivity(Duration.ofDays(7),
            List.of(Duration.ofDays(1), Duration.ofDays(7)), 0.01, 10);

    /** The features at {@code t} from counters kept as the store keeps them: one value per day. */
    private FeatureVector at(final long t, final Map<Long, int[]> store) {
        final Map<Long, int[]> read = new TreeMap<>(store);
        read.keySet().removeIf(day -> day < activity.firstDay(t) || day > activity.lastDay(t));
        return activity.features(t, read.keySet().stream().mapToLong(Long::longValue).toArray(),
                read.values().toArray(new int[0][]));
    }

    private static void add(final Map<Long, int[]> store, final long time, final boolean fraud) {
        MerchantActivity.add(store.computeIfAbsent(MerchantActivity.day(time), d -> new int[48]), time, fraud);
    }

    @Test
    void windowsAreShiftedBackByTheDelayAndSmoothedTowardsThePrior() {
        final long t = 100 * D + 12 * H + 30 * 60_000L; // day 100, 12:30
        final Map<Long, int[]> store = new TreeMap<>();
        // 20 transactions 7 days + 5 hours before t (inside both windows), 4 of them fraud
        for (int i = 0; i < 20; i++) {
            add(store, t - 7 * D - 5 * H, false);
        }
        for (int i = 0; i < 4; i++) {
            add(store, t - 7 * D - 5 * H, true);
        }
        // 10 transactions 3 days before t: younger than the delay, so in no window (nor their fraud label)
        for (int i = 0; i < 10; i++) {
            add(store, t - 3 * D, false);
            add(store, t - 3 * D, true);
        }
        // 5 transactions 10 days before t: in the 7-day window only
        for (int i = 0; i < 5; i++) {
            add(store, t - 10 * D, false);
        }
        final FeatureVector f = at(t, store);
        assertThat(f.get("merchant.count.1d")).isEqualTo(20);
        assertThat(f.get("merchant.risk.1d")).isCloseTo((4 + 10 * 0.01) / (20 + 10), within(1e-12));
        assertThat(f.get("merchant.count.7d")).isEqualTo(25);
        assertThat(f.get("merchant.risk.7d")).isCloseTo((4 + 0.1) / 35, within(1e-12));
    }

    @Test
    void aMerchantWithoutHistoryScoresThePriorAndBoundariesAreExactToTheHour() {
        final long t = 50 * D + 10 * H; // 10:00 exactly
        final Map<Long, int[]> store = new TreeMap<>();
        assertThat(at(t, store).get("merchant.risk.7d")).isCloseTo(0.01, within(1e-12));
        add(store, t - 7 * D, true);              // the hour starting at t − d: outside [t − d − n, t − d)
        add(store, t - 7 * D - 1, false);         // the hour before it: inside
        add(store, t - 8 * D, false);             // exactly t − d − 1 day: inside the 1-day window
        add(store, t - 8 * D - 1, false);         // one millisecond earlier: outside it
        final FeatureVector f = at(t, store);
        assertThat(f.get("merchant.count.1d")).isEqualTo(2);
        assertThat(f.get("merchant.count.7d")).isEqualTo(3);
        assertThat(f.get("merchant.risk.1d")).isCloseTo(0.1 / 12, within(1e-12)); // the fraud is not in the window
    }

    @Test
    void windowsReachingBeforeTheKnownActivityAreLeftOut() {
        final long t = 50 * D;
        final FeatureVector f = activity.features(t, new long[0], new int[0][], t - 9 * D);
        assertThat(f.get("merchant.count.1d")).isZero(); // [t-8d, t-7d) lies after t-9d: complete
        assertThat(f.get("merchant.count.7d")).isNaN();  // [t-14d, t-7d) does not
        assertThat(f.get("merchant.risk.7d")).isNaN();
        assertThat(f.names()).containsExactly("merchant.count.1d", "merchant.risk.1d");
    }

    @Test
    void countersRoundTripAndRetentionCoversDelayPlusTheLongestWindow() {
        final int[] c = new int[48];
        MerchantActivity.add(c, 5 * D + 23 * H + 1, true);
        assertThat(c[24 + 23]).isEqualTo(1);
        assertThat(MerchantCountersCodec.decode(MerchantCountersCodec.encode(c))).isEqualTo(c);
        assertThat(activity.retention()).isEqualTo(Duration.ofDays(15));
        assertThat(MerchantActivity.day(-1)).isEqualTo(-D);
    }
}
