package io.fraudstream.feature;

import io.fraudstream.event.FeatureVector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-card history features of a transaction, from the card's earlier transactions (as of the transaction's own
 * time: later ones never count, even when they arrived first). For every window w (default 1 h, 1 d, 7 d, 30 d):
 * <ul>
 *   <li>{@code card.count.<w>}: transactions in (t − w, t];</li>
 *   <li>{@code card.amount.mean.<w>}, {@code card.amount.std.<w>}: mean and (population) standard deviation of
 *       their amounts — absent when the window is empty;</li>
 * </ul>
 * and {@code card.since.last} (log of 1 + seconds since the previous transaction; absent for a card's first),
 * {@code card.amount.vs.mean} (log((amount + 1) / (mean over the longest window + 1)); absent without history),
 * {@code card.merchants.1d} (distinct merchants over the last day, this one included) and
 * {@code card.merchant.new} (1 when the card has not paid this merchant within the longest window).
 *
 * <p>Warm-up: a window that reaches back before {@code since} (when the stream's history began) would count only
 * part of what it stands for, and that part grows with the stream's age. Early on that makes later transactions
 * look busier than earlier ones, and, since fraud labels come back sooner than legitimate ones, a learner reads
 * "busy" as "fraud" and alerts on everything once the counts fill in (seen in replays). So an incomplete window's
 * features are left out (unknown, scored as the mean) rather than wrong; so are the merchant-novelty and distinct
 * merchant features until their window is complete.
 *
 * <p>State: one entry per transaction of the card within the longest window (time, amount, merchant), kept in a
 * window store whose retention drops what is older. An entry is 8 + 8 + merchant-id bytes in the store.
 */
public final class CardHistory {
    /** An earlier transaction of the card. */
    public record Event(long time, double amount, String merchant) {
    }

    /** 1 when the card has not paid this merchant within the longest window: a 0/1 feature, never standardised. */
    public static final String MERCHANT_NEW = "card.merchant.new";
    private final long[] windows;
    private final String[] windowNames;
    private final String[] names;

    public CardHistory(final List<Duration> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one card window is needed");
        }
        this.windows = windows.stream().mapToLong(Duration::toMillis).sorted().toArray();
        this.windowNames = new String[this.windows.length];
        final List<String> all = new ArrayList<>();
        for (int i = 0; i < this.windows.length; i++) {
            windowNames[i] = windowName(Duration.ofMillis(this.windows[i]));
            all.add("card.count." + windowNames[i]);
            all.add("card.amount.mean." + windowNames[i]);
            all.add("card.amount.std." + windowNames[i]);
        }
        all.addAll(List.of("card.since.last", "card.amount.vs.mean", "card.merchants.1d", MERCHANT_NEW));
        this.names = all.toArray(new String[0]);
    }

    /** The longest window: how far back a card's history must be kept. */
    public Duration longest() {
        return Duration.ofMillis(windows[windows.length - 1]);
    }

    /** Every feature name this stage can produce, in order. */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * The features of a transaction at {@code time} for {@code amount} at {@code merchant}, given the card's
     * earlier events (any order; events after {@code time} are ignored).
     */
    public FeatureVector features(final long time, final double amount, final String merchant,
                                  final Iterable<Event> history) {
        return features(time, amount, merchant, history, Long.MIN_VALUE);
    }

    /** As above, with history known only from {@code since} on: incomplete windows are left out. */
    public FeatureVector features(final long time, final double amount, final String merchant,
                                  final Iterable<Event> history, final long since) {
        return features(time, amount, merchant, CardEvents.of(history), since);
    }

    /** As above, from the card's events in columns (any order; events after {@code time} are ignored). */
    public FeatureVector features(final long time, final double amount, final String merchant,
                                  final CardEvents history, final long since) {
        final int w = windows.length;
        final long[] count = new long[w];
        final double[] sum = new double[w];
        final double[] sumSq = new double[w];
        long last = Long.MIN_VALUE;
        boolean merchantSeen = false;
        final DistinctCount merchantsDay = new DistinctCount();
        if (merchant != null) {
            merchantsDay.add(merchant);
        }
        final long[] times = history.times();
        final double[] amounts = history.amounts();
        final String[] merchants = history.merchants();
        for (int e = history.from(); e < history.to(); e++) {
            final long at = times[e];
            if (at > time) {
                continue;
            }
            final long age = time - at;
            final double a = FeatureVector.bounded(amounts[e]); // bounded: sums of squares stay finite
            for (int i = 0; i < w; i++) {
                if (age < windows[i]) {
                    count[i]++;
                    sum[i] += a;
                    sumSq[i] += a * a;
                }
            }
            if (age < windows[w - 1]) {
                last = Math.max(last, at);
                final String m = merchants[e];
                merchantSeen |= merchant != null && merchant.equals(m);
                if (age < 86_400_000L && m != null) {
                    merchantsDay.add(m);
                }
            }
        }
        final String[] n = new String[names.length];
        final double[] v = new double[names.length];
        int k = 0;
        for (int i = 0; i < w; i++) {
            if (!complete(time, windows[i], since)) {
                continue;
            }
            n[k] = names[3 * i];
            v[k++] = count[i];
            if (count[i] > 0) {
                final double mean = sum[i] / count[i];
                n[k] = names[3 * i + 1];
                v[k++] = mean;
                n[k] = names[3 * i + 2];
                v[k++] = Math.sqrt(Math.max(0, sumSq[i] / count[i] - mean * mean));
            }
        }
        if (last != Long.MIN_VALUE) {
            n[k] = "card.since.last";
            v[k++] = Math.log1p((time - last) / 1000.0);
            n[k] = "card.amount.vs.mean";
            v[k++] = Math.log((FeatureVector.bounded(amount) + 1) / (sum[w - 1] / count[w - 1] + 1));
        }
        if (complete(time, 86_400_000L, since)) {
            n[k] = "card.merchants.1d";
            v[k++] = merchantsDay.count();
        }
        if (complete(time, windows[w - 1], since)) {
            n[k] = MERCHANT_NEW;
            v[k++] = merchantSeen ? 0 : 1;
        }
        return new FeatureVector(Arrays.copyOf(n, k), Arrays.copyOf(v, k));
    }

    /** Whether the window (t − w, t] lies wholly within the known history. */
    static boolean complete(final long time, final long window, final long since) {
        return since == Long.MIN_VALUE || time - window >= since;
    }

    /** {@code 1h}, {@code 1d}, {@code 30m}...: the largest unit that divides the duration. */
    static String windowName(final Duration d) {
        final long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return String.format(Locale.ROOT, "%ds", s);
    }
}
