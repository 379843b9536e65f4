package io.fraudstream.feature;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Transaction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a transaction into a {@link FeatureVector} using only the transaction's own fields (stateless).
 * <ul>
 *   <li>{@code amount.log}: log(1 + amount)</li>
 *   <li>{@code hour.sin}, {@code hour.cos}: hour of day (UTC) on the unit circle, so 23:59 is next to 00:00</li>
 *   <li>{@code weekend}: 1 on Saturday and Sunday; {@code night}: 1 from 00:00 to 05:59</li>
 *   <li>{@code f.<name>}: every upstream numeric feature, passed through (within ±{@link FeatureVector#MAX_MAGNITUDE},
 *       like every value here)</li>
 *   <li>{@code a.<name>#<bucket>}: every categorical attribute, hashed into a fixed number of buckets per
 *       attribute (the hashing trick bounds the model's size whatever the attribute's cardinality)</li>
 * </ul>
 * History features (per card, per merchant) are computed by their own stages and appended here.
 */
public final class FeatureExtractor {
    private static final int BASE = 5;
    /**
     * Built-in features whose range is fixed ([-1, 1] or {0, 1}): they are not standardised. Standardising them
     * would be harmful, not just useless: over a short run the hour barely moves, its estimated spread is tiny,
     * and the next hour's values would land far outside everything the model was trained on.
     */
    public static final Set<String> BOUNDED = Set.of("hour.sin", "hour.cos", "weekend", "night",
            CardHistory.MERCHANT_NEW);

    /** Whether a feature is used as it is, never standardised: indicators and the bounded built-ins. */
    public static boolean isUnscaled(final String name) {
        return FeatureVector.isIndicator(name) || BOUNDED.contains(name);
    }
    /** The stateless features every transaction gets, in order. */
    public static final List<String> BASE_NAMES = List.of("amount.log", "hour.sin", "hour.cos",
            "weekend", "night");
    /**
     * Names made from input keys, one instance each ({@code f.<name>}; {@code a.<name>} by bucket), so that every
     * vector shares them and a model finds their slots by identity (see {@code model.FeatureSlots}). Bounded: past
     * {@value #NAMES_KEPT} keys, or a million attribute names, (a producer inventing new keys) names are made afresh.
     */
    private static final int NAMES_KEPT = 10_000;
    private final int attributeKeysKept;
    private final Map<String, String> featureNames = new ConcurrentHashMap<>();
    private final Map<String, String[]> attributeNames = new ConcurrentHashMap<>();
    private final NameLayouts layouts = new NameLayouts();
    private final int attributeBuckets;

    public FeatureExtractor(final int attributeBuckets) {
        if (attributeBuckets < 1) {
            throw new IllegalArgumentException("attributeBuckets must be >= 1");
        }
        this.attributeBuckets = attributeBuckets;
        this.attributeKeysKept = Math.min(NAMES_KEPT, Math.max(1, 1_000_000 / attributeBuckets));
    }

    public FeatureVector extract(final Transaction t) {
        return extract(t, null);
    }

    /** The stateless features of a transaction followed by its history features (may be null). */
    public FeatureVector extract(final Transaction t, final FeatureVector history) {
        final int h = history == null ? 0 : history.size();
        final int n = BASE + h + t.features().size() + t.attributes().size();
        final String[] names = new String[n];
        final double[] values = new double[n];
        final ZonedDateTime time = Instant.ofEpochMilli(t.timestamp()).atZone(ZoneOffset.UTC);
        final double hour = time.getHour() + time.getMinute() / 60.0;
        final double angle = 2 * Math.PI * hour / 24.0;
        int i = 0;
        names[i] = "amount.log";
        values[i++] = Math.log1p(t.amount());
        names[i] = "hour.sin";
        values[i++] = Math.sin(angle);
        names[i] = "hour.cos";
        values[i++] = Math.cos(angle);
        names[i] = "weekend";
        values[i++] = time.getDayOfWeek().getValue() >= 6 ? 1 : 0;
        names[i] = "night";
        values[i++] = time.getHour() < 6 ? 1 : 0;
        if (history != null) {
            System.arraycopy(history.names(), 0, names, i, h);
            for (int j = 0; j < h; j++) {
                values[i++] = FeatureVector.bounded(history.values()[j]);
            }
        }
        for (Map.Entry<String, Double> e : t.features().entrySet()) {
            names[i] = featureName(e.getKey());
            values[i++] = FeatureVector.bounded(e.getValue());
        }
        for (Map.Entry<String, String> e : t.attributes().entrySet()) {
            names[i] = attributeName(e.getKey(), bucket(e.getValue()));
            values[i++] = 1;
        }
        return new FeatureVector(layouts.shared(names), values);
    }

    private String featureName(final String key) {
        final String kept = featureNames.get(key);
        if (kept != null) {
            return kept;
        }
        final String name = "f." + key;
        if (featureNames.size() < NAMES_KEPT) {
            featureNames.putIfAbsent(key, name);
        }
        return name;
    }

    private String attributeName(final String key, final int bucket) {
        String[] byBucket = attributeNames.get(key);
        if (byBucket == null && attributeNames.size() < attributeKeysKept) {
            byBucket = attributeNames.computeIfAbsent(key, k -> new String[attributeBuckets]);
        }
        if (byBucket == null) {
            return FeatureVector.INDICATOR_PREFIX + key + '#' + bucket;
        }
        String name = byBucket[bucket];
        if (name == null) { // a race makes a second instance, which replaces the first: never a wrong name
            name = FeatureVector.INDICATOR_PREFIX + key + '#' + bucket;
            byBucket[bucket] = name;
        }
        return name;
    }

    int bucket(final String value) {
        // String.hashCode is specified by the JLS, so buckets are stable across JVMs and versions; mix its bits
        final int h = value.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), attributeBuckets);
    }
}
