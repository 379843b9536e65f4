package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.config.Key;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table and docs/monitoring.md's metrics list stay true to the code. */
class ReadmeTest {
    private static final String README = read("README.md");
    private static final String MONITORING = read("docs/monitoring.md");

    private static String read(final String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyConfigurationKeyIsDocumentedWithItsDefault() {
        for (Key k : Key.values()) {
            assertThat(README).as(k.key()).contains("| `" + k.key() + "` | `" + k.defaultValue() + "` |");
        }
        final Matcher m = Pattern.compile("\\| `(fraudstream\\.[a-z.]+)` \\|").matcher(README);
        while (m.find()) {
            assertThat(Key.byName(m.group(1))).as("README documents unknown key " + m.group(1)).isNotNull();
        }
    }

    @Test
    void everyMetricIsDocumentedUnderItsPrometheusName() {
        final Set<String> names = MonitoringFiles.prometheusNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(35);
        for (String name : names) {
            assertThat(MONITORING).as("docs/monitoring.md lists " + name).contains("`" + name);
        }
    }
}
