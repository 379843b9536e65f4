package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example configuration under {@code config/} loads, and each fraudstream key in it takes effect. */
class ExampleConfigTest {
    @Test
    void everyExampleConfigurationLoadsWithItsValues() throws IOException {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("config"))) {
            files = walk.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("fraudstream.properties", "own-fields.properties", "history.properties");
        for (Path file : files) {
            final Map<String, String> raw = new HashMap<>(Settings.readProperties(file));
            raw.putIfAbsent("bootstrap.servers", "localhost:9092");
            final Map<String, String> applied = Settings.from(raw).describe();
            raw.forEach((key, value) -> {
                if (key.startsWith("fraudstream.")) {
                    assertThat(applied.get(key)).as(file + ": " + key).isEqualTo(value.trim());
                }
            });
        }
    }
}
