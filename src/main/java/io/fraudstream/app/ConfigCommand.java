package io.fraudstream.app;

import io.fraudstream.config.ConfigTable;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the effective configuration — every fraudstream key and every Kafka key given — with where each value came
 * from (default, file, environment, {@code --set}), secrets masked, after checking it as {@code run} would.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration and where each value comes from (secrets masked).")
final class ConfigCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file, as for run.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, as the other commands take it.")
    Map<String, String> overrides = new HashMap<>();

    @Option(names = "--keys", description = "Print every fraudstream key instead: default, what it accepts, "
            + "environment variable and meaning (the README's table, in Markdown).")
    boolean keys;

    @Override
    public Integer call() {
        if (keys) {
            ConfigTable.lines().forEach(System.out::println);
            return 0;
        }
        final Map<String, String> file = config == null ? Map.of() : Settings.readProperties(config);
        describe(file, System.getenv(), overrides).forEach(System.out::println);
        return 0;
    }

    /** One line per key: {@code key = value  (source)}; fails like {@code run} on a bad key or value. */
    static List<String> describe(final Map<String, String> file, final Map<String, String> env,
                                 final Map<String, String> set) {
        final Map<String, String> raw = new HashMap<>(file);
        raw.putAll(set);
        final Settings settings = Settings.from(raw, env);
        final Map<String, String> sources = new TreeMap<>();
        final Map<String, String> values = new TreeMap<>(settings.describe());
        settings.kafka().forEach((k, v) -> values.put(k.toString(), v.toString()));
        for (String key : values.keySet()) {
            final Key k = Key.byName(key);
            final String envName = k != null ? k.envName()
                    : Settings.ENV_KAFKA_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
            // the precedence Settings applies: the environment over --set over the file over the defaults
            sources.put(key, env.containsKey(envName) ? "environment " + envName : set.containsKey(key) ? "--set"
                    : file.containsKey(key) ? "file" : k != null ? "default" : "fraudstream default");
        }
        final List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> lines.add(key + " = " + (secret(key) ? "******" : value) + "  ("
                + sources.get(key) + ")"));
        settings.warnings().forEach(w -> lines.add("# " + w));
        return lines;
    }

    /** Passwords, keys and JAAS configurations (which carry passwords) are never printed. */
    static boolean secret(final String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("key.pem") || k.contains("token");
    }
}
