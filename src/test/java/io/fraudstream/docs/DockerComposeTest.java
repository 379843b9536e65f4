package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker compose cannot run here; this checks the file parses and everything it builds from or mounts exists. */
class DockerComposeTest {
    @Test
    void everyMountedFileAndBuildContextExists() throws Exception {
        final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        final JsonNode services = compose.get("services");
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "fraudstream", "generator", "prometheus", "grafana");
        assertThat(services.get("kafka").get("image").asText()).startsWith("apache/kafka:");
        int mounts = 0;
        for (String name : names) {
            final JsonNode service = services.get(name);
            if (service.has("build")) {
                final Path context = Path.of(service.get("build").get("context").asText());
                assertThat(context.resolve(service.get("build").get("dockerfile").asText())).as(name).isRegularFile();
            }
            if (service.has("volumes")) {
                for (JsonNode volume : service.get("volumes")) {
                    final String host = volume.asText().split(":")[0];
                    assertThat(host).as(name).startsWith("./");
                    assertThat(Files.exists(Path.of(host))).as(name + " mounts " + host).isTrue();
                    mounts++;
                }
            }
        }
        assertThat(mounts).isGreaterThanOrEqualTo(4);
    }
}
