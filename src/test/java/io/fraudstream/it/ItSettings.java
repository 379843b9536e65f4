package io.fraudstream.it;

import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Settings of a run on a broker under test: topics and application id of its own (safe on a shared cluster). */
final class ItSettings {
    private ItSettings() {
    }

    static Settings of(final String bootstrapServers, final Map<String, String> overrides) {
        final Map<String, String> raw = raw(bootstrapServers);
        raw.put(Key.TOPICS_PARTITIONS.key(), "2");
        raw.putAll(overrides);
        return Settings.from(raw);
    }

    /** As {@link #of}, with {@code topics.partitions} not given: its default, or the existing input topics' count. */
    static Settings partitionsNotGiven(final String bootstrapServers) {
        return Settings.from(raw(bootstrapServers));
    }

    /**
     * Every topic key, each naming its default topic followed by {@code -suffix}: topics of a run's own, so that runs
     * on one broker never read each other's records.
     */
    static Map<String, String> ownTopics(final String suffix) {
        final Map<String, String> topics = new HashMap<>();
        for (Key k : Key.values()) {
            if (k.key().startsWith(Key.PREFIX + "topic.")) {
                topics.put(k.key(), ownTopic(k, suffix));
            }
        }
        return topics;
    }

    /** {@link #ownTopics} as lines of a properties file (no newline after the last), for an instance's config file. */
    static String ownTopicProperties(final String suffix) {
        return ownTopics(suffix).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The topic {@code key} names in {@link #ownTopics}. */
    static String ownTopic(final Key key, final String suffix) {
        return key.defaultValue() + "-" + suffix;
    }

    private static Map<String, String> raw(final String bootstrapServers) {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final Map<String, String> raw = new HashMap<>();
        raw.put("bootstrap.servers", bootstrapServers);
        raw.put("application.id", "fraudstream-it-" + run);
        raw.put("state.dir", TestDirs.create("fraudstream-it-state").toString());
        raw.putAll(ownTopics(run));
        raw.put(Key.METRICS_WINDOWS.key(), "1000,1h");
        raw.put(Key.METRICS_INTERVAL.key(), "300ms");
        raw.put(Key.HTTP_PORT.key(), "0");
        raw.put("commit.interval.ms", "100");
        return raw;
    }
}
