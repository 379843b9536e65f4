package io.fraudstream.app;

import io.fraudstream.config.Key;
import io.fraudstream.replay.ReplayData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits a replayed file's own columns exceed, raised for its replay. {@code fraudstream.input.max.features}
 * (256) and {@code .attributes} (64) guard a live topic against a producer that sends thousands of entries, but a
 * replay's columns are its schema: the IEEE-CIS data has 380 numeric columns, and its rows with more than 256 values
 * present would be refused as {@code features.too-many}. Likewise {@code fraudstream.learner.max.features} (1 024),
 * past which a model ignores further feature names: a file's numeric columns and its text columns' hash buckets are
 * its names. Each is raised to what the file needs unless the run's configuration, {@code --set} or the
 * environment gives it.
 */
final class ReplayLimits {
    /** More than the built-in and history features a model has besides the file's (about 40 today). */
    private static final int BUILT_IN_FEATURES_MARGIN = 128;
    private static final int MOST = 100_000;

    private ReplayLimits() {
    }

    /** Key → raised value, for the keys the file needs raised and {@code given} (settings) and {@code env} lack. */
    static Map<String, String> of(final ReplayData data, final Map<String, String> given,
                                  final Map<String, String> env) {
        final Map<String, String> limits = new TreeMap<>();
        raise(limits, given, env, Key.INPUT_MAX_FEATURES, data.featureColumns().size());
        raise(limits, given, env, Key.INPUT_MAX_ATTRIBUTES, data.attributeColumns().size());
        final Key bucketsKey = Key.FEATURES_ATTRIBUTE_BUCKETS;
        final long buckets = Long.parseLong(env.getOrDefault(bucketsKey.envName(),
                given.getOrDefault(bucketsKey.key(), bucketsKey.defaultValue())).trim());
        raise(limits, given, env, Key.LEARNER_MAX_FEATURES, data.featureColumns().size()
                + data.attributeColumns().size() * buckets + BUILT_IN_FEATURES_MARGIN);
        return limits;
    }

    /** The columns, or the first 40 and how many in all (a wide file has hundreds; metrics.json has them all). */
    static String shortList(final List<String> columns) {
        return columns.size() <= 40 ? columns.toString()
                : "[" + String.join(", ", columns.subList(0, 40)) + ", ... " + columns.size() + " in all]";
    }

    /** Whether the run's configuration, {@code --set} ({@code given}) or the environment gives {@code key}. */
    static boolean given(final Key key, final Map<String, String> given, final Map<String, String> env) {
        return given.containsKey(key.key()) || env.containsKey(key.envName());
    }

    private static void raise(final Map<String, String> limits, final Map<String, String> given,
                              final Map<String, String> env, final Key key, final long needed) {
        if (!given(key, given, env) && needed > Long.parseLong(key.defaultValue())) {
            limits.put(key.key(), Long.toString(Math.min(needed, MOST)));
        }
    }
}
