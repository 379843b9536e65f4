package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No import runs against the layering (README, "Layout"): a package may import only the
 * packages listed before it. So the scorer ({@code model}) never reaches a trainer ({@code learn}), the learning and
 * evaluation core never reaches Kafka's side ({@code config} and above), and nothing below the command line reaches
 * {@code app}.
 */
class LayeringTest {
    /** Lowest first. */
    static final List<String> LAYERS = List.of("threads", "event", "feature", "model", "eval", "sample", "learn",
            "metrics", "config", "stage", "codec", "topology", "kafka", "runtime", "replay", "sim", "load", "app");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.fraudstream\\.([a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyThoseBelowIt() throws IOException {
        final List<String> against = new ArrayList<>();
        final Path root = Path.of("src", "main", "java", "io", "fraudstream");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final String own = root.relativize(f).getName(0).toString();
                assertThat(LAYERS).as("the layer of package %s", own).contains(own);
                final Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (LAYERS.indexOf(m.group(1)) > LAYERS.indexOf(own)) {
                        against.add(root.relativize(f) + " imports " + m.group(1));
                    }
                }
            }
        }
        assertThat(against).isEmpty();
    }
}
