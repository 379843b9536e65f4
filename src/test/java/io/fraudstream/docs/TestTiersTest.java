package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The test tiers stay true: a test that drives the whole topology is tagged {@code topology}, one that drives a
 * processor with {@code MockProcessorContext} {@code processor}, one on a real broker {@code integration}; so that
 * {@code mvn test -Dgroups=...} (README, "Tests") runs what it says.
 */
class TestTiersTest {
    @Test
    void everyTestCarriesTheTagOfWhatItDrives() throws IOException {
        final List<String> untagged = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final String text = Files.readString(f);
                final String name = f.getFileName().toString();
                check(untagged, name, text, text.contains("new TopologyTestDriver("), "topology");
                check(untagged, name, text, text.contains("new MockProcessorContext<"), "processor");
                check(untagged, name, text, name.endsWith("Contract.java") || name.endsWith("IT.java"),
                        "integration");
            }
        }
        assertThat(untagged).isEmpty();
    }

    private static void check(final List<String> untagged, final String name, final String text, final boolean drives,
                              final String tag) {
        final boolean tagged = text.contains("@Tag(\"" + tag + "\")");
        final boolean inherits = text.contains(" extends "); // @Tag is inherited from the contract it runs
        if (drives && !tagged && !inherits) {
            untagged.add(name + " (" + tag + ")");
        }
    }
}
