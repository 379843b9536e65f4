package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.config.ConfigTable;
import io.fraudstream.config.Key;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * The README's configuration table is the one {@link ConfigTable} makes from {@link Key}; regenerate it with
     * {@code mvn test -Dtest=ReadmeTest -Dfraudstream.writeDocs=true}.
     */
    @Test
    void theConfigurationTableIsGeneratedFromTheKeys() throws IOException {
        final List<String> lines = README.lines().toList();
        final int start = lines.indexOf(ConfigTable.HEADER);
        assertThat(start).as("the README's configuration table, found by its header").isNotNegative();
        int end = start;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        final List<String> expected = ConfigTable.lines();
        if (Boolean.getBoolean("fraudstream.writeDocs")) {
            final List<String> updated = new ArrayList<>(lines.subList(0, start));
            updated.addAll(expected);
            updated.addAll(lines.subList(end, lines.size()));
            Files.writeString(Path.of("README.md"), String.join("\n", updated) + "\n");
            return;
        }
        assertThat(lines.subList(start, end)).as("stale: run mvn test -Dtest=ReadmeTest -Dfraudstream.writeDocs=true")
                .containsExactlyElementsOf(expected);
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
