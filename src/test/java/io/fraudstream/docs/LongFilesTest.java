package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A main source file over 400 lines says why in its class header ("over 400 lines because ..."). */
class LongFilesTest {
    private static final int LIMIT = 400;

    @Test
    void everyLongFileGivesItsReason() throws IOException {
        final List<String> unexplained = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final List<String> lines = Files.readAllLines(f);
                final String text = String.join("\n", lines).toLowerCase(Locale.ROOT);
                final int header = text.indexOf("\npublic ");
                if (lines.size() > LIMIT && (header < 0 || !text.substring(0, header).contains("over 400 lines"))) {
                    unexplained.add(f + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(unexplained).isEmpty();
    }
}
