package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.app.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code topology/} holds the topology description and its Mermaid diagram, generated from the code. This test
 * fails when they are stale; regenerate them with {@code mvn test -Dtest=TopologyDocsTest -Dfraudstream.writeDocs=true}.
 */
class TopologyDocsTest {
    static final Path TEXT = Path.of("topology", "topology.txt");
    static final Path DIAGRAM = Path.of("topology", "topology.md");

    @Test
    void topologyFolderMatchesTheCode() throws IOException {
        final String text = Main.render(Main.defaultSettings(), false);
        final String diagram = "# fraudstream topology\n\nGenerated from `FraudTopology` by `TopologyDocsTest`"
                + " (`java -jar target/fraudstream.jar topology --mermaid`); the text form is in"
                + " [topology.txt](topology.txt).\n\n```mermaid\n" + Main.render(Main.defaultSettings(), true) + "```\n";
        if (Boolean.getBoolean("fraudstream.writeDocs")) {
            Files.createDirectories(TEXT.getParent());
            Files.writeString(TEXT, text);
            Files.writeString(DIAGRAM, diagram);
        }
        final String hint = "stale: run mvn test -Dtest=TopologyDocsTest -Dfraudstream.writeDocs=true";
        assertThat(Files.readString(TEXT)).as(TEXT + " " + hint).isEqualTo(text);
        assertThat(Files.readString(DIAGRAM)).as(DIAGRAM + " " + hint).isEqualTo(diagram);
    }

    @Test
    void everyNodeAndStoreIsNamedExplicitly() {
        final String text = Main.render(Main.defaultSettings(), false);
        assertThat(text).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+").doesNotContainPattern("KTABLE-[A-Z]+-\\d+")
                .contains("model-store", "pending-store", "learner-store", "metrics-window-store",
                        "pending-by-id-repartition");
    }
}
