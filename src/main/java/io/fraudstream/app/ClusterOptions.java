package io.fraudstream.app;

import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Settings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that bring their own cluster: which broker, and configuration overrides. */
final class ClusterOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting an embedded broker.")
    String bootstrapServers;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any configuration key, e.g. "
            + "--set fraudstream.model.publish.every=2000")
    Map<String, String> overrides = new HashMap<>();

    /**
     * Checks settings before any broker starts or any input is read, with the given command defaults and the
     * overrides, as {@link #settings} will build them (a placeholder address when no cluster is named).
     */
    void check(final Map<String, String> commandDefaults, final String source) {
        final Map<String, String> raw = new HashMap<>();
        raw.put("bootstrap.servers", bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers);
        raw.putAll(commandDefaults);
        raw.putAll(overrides);
        try {
            Settings.from(raw, System.getenv());
        } catch (ConfigException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Raw settings for a cluster: its address and needs, the given application id and state dir, then the overrides. */
    Map<String, String> settings(final Cluster cluster, final String applicationId, final String stateDir,
                                 final Map<String, String> commandDefaults) {
        final Map<String, String> raw = new HashMap<>(cluster.settings());
        raw.put("bootstrap.servers", cluster.bootstrapServers());
        raw.put("application.id", applicationId);
        raw.put("state.dir", stateDir);
        raw.putAll(commandDefaults);
        raw.putAll(overrides);
        return raw;
    }
}
