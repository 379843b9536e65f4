package io.fraudstream.feature;

import io.fraudstream.event.FeatureVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-merchant (or terminal) risk features, from windows shifted back by the label delay d, so that they rest on
 * labels that are known by the time they are used: for every window n (default 1 d, 7 d, 30 d), over the hours
 * [t − d − n, t − d):
 * <ul>
 *   <li>{@code merchant.count.<n>}: transactions at the merchant;</li>
 *   <li>{@code merchant.risk.<n>}: their fraud rate from the fraud labels received so far, smoothed towards the
 *       prior rate p with weight k: (frauds + k·p) / (transactions + k), so that a merchant seen a few times is
 *       not judged on them alone.</li>
 * </ul>
 * Labels count from the moment they arrive (a label not yet received cannot count), and only for transactions
 * older than d at scoring time.
 *
 * <p>State: one value per merchant and UTC day — 24 hourly counters of transactions and of frauds, 192 bytes —
 * in a window store whose retention (d + the longest window + a day) drops older days. So a merchant costs at most
 * (d + longest + 1 day) × 192 bytes, about 7 KB with the defaults, and an idle one nothing after the retention.
 * Windows are exact to the hour.
 */
public final class MerchantActivity {
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    private final long delay;
    private final long[] windows;
    private final String[] names;
    private final double prior;
    private final double smoothing;

    public MerchantActivity(final Duration delay, final List<Duration> windows, final double prior,
                            final double smoothing) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one merchant window is needed");
        }
        this.delay = delay.toMillis();
        this.windows = windows.stream().mapToLong(Duration::toMillis).sorted().toArray();
        this.prior = prior;
        this.smoothing = smoothing;
        final List<String> all = new ArrayList<>();
        for (long w : this.windows) {
            final String name = CardHistory.windowName(Duration.ofMillis(w));
            all.add("merchant.count." + name);
            all.add("merchant.risk." + name);
        }
        this.names = all.toArray(new String[0]);
    }

    /** How long a day of activity must be kept: d + the longest window + one day. */
    public Duration retention() {
        return Duration.ofMillis(delay + windows[windows.length - 1] + DAY);
    }

    public List<String> names() {
        return List.of(names);
    }

    /** The UTC day (its start, epoch ms) an instant falls in: the window-store timestamp of its counters. */
    public static long day(final long time) {
        return Math.floorDiv(time, DAY) * DAY;
    }

    /** Adds one transaction ({@code fraud} false) or one fraud label ({@code fraud} true) at {@code time}. */
    public static void add(final int[] dayCounters, final long time, final boolean fraud) {
        final int hour = (int) (Math.floorMod(time, DAY) / HOUR);
        dayCounters[(fraud ? 24 : 0) + hour]++;
    }

    /** The first day whose counters the features of a transaction at {@code time} read. */
    public long firstDay(final long time) {
        return day(time - delay - windows[windows.length - 1]);
    }

    /** The last day they read. */
    public long lastDay(final long time) {
        return day(time - delay);
    }

    /**
     * Features of a transaction at {@code time}, from the counters of the days {@link #firstDay} to
     * {@link #lastDay}: {@code days[i]} holds the counters of day {@code dayStarts[i]}.
     */
    public FeatureVector features(final long time, final long[] dayStarts, final int[][] days) {
        return features(time, dayStarts, days, Long.MIN_VALUE);
    }

    /**
     * As above, with activity known only from {@code since} on: a window reaching back before it is incomplete
     * and left out (see {@link CardHistory} on warm-up).
     */
    public FeatureVector features(final long time, final long[] dayStarts, final int[][] days, final long since) {
        final long end = Math.floorDiv(time - delay, HOUR); // hours [start, end)
        final String[] n = new String[names.length];
        final double[] v = new double[names.length];
        int k = 0;
        // the windows all end at the same hour and are sorted: each adds only the hours before the last one's
        // start to the running counts (integer sums: the same counts as summing each window on its own)
        long tx = 0;
        long frauds = 0;
        long upper = end;
        for (int w = 0; w < windows.length; w++) {
            final long start = Math.floorDiv(time - delay - windows[w], HOUR);
            for (int i = 0; i < dayStarts.length; i++) {
                final long firstHour = dayStarts[i] / HOUR;
                final int from = (int) Math.max(0, Math.min(24, start - firstHour));
                final int to = (int) Math.max(0, Math.min(24, upper - firstHour));
                for (int h = from; h < to; h++) {
                    tx += days[i][h];
                    frauds += days[i][24 + h];
                }
            }
            upper = Math.min(upper, start);
            if (!CardHistory.complete(time - delay, windows[w], since)) {
                continue;
            }
            n[k] = names[2 * w];
            v[k++] = tx;
            n[k] = names[2 * w + 1];
            v[k++] = (Math.min(frauds, tx) + smoothing * prior) / (tx + smoothing);
        }
        return new FeatureVector(Arrays.copyOf(n, k), Arrays.copyOf(v, k));
    }
}
