package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replayed file's columns are its schema: a file with more numeric columns than the live input limit
 * ({@code fraudstream.input.max.features}, 256) is replayed whole, where every row was refused as
 * {@code features.too-many}; a limit given with {@code --set} is kept.
 */
class ReplayWideFileTest {
    @TempDir
    Path dir;

    @Test
    void everyRowOfAFileWiderThanTheLiveLimitIsScoredUnlessALimitIsGiven() throws IOException {
        final Path input = dir.resolve("wide.csv");
        final Random random = new Random(2);
        try (Writer w = Files.newBufferedWriter(input)) {
            w.write("id,timestamp,amount,fraud");
            for (int c = 0; c < 300; c++) {
                w.write(",v" + c);
            }
            w.write("\n");
            for (int r = 0; r < 600; r++) {
                w.write(r + "," + (1_700_000_000L + 60L * r) + ",10," + (r % 20 == 0 ? 1 : 0));
                for (int c = 0; c < 300; c++) {
                    w.write("," + random.nextInt(4));
                }
                w.write("\n");
            }
        }
        final Path whole = dir.resolve("whole");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1h", "--report", whole.toString()))
                .isZero();
        assertThat(Files.readAllLines(whole.resolve("outcomes.csv"))).hasSize(1 + 600);

        final Path limited = dir.resolve("limited");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1h", "--report", limited.toString(), "--set", "fraudstream.input.max.features=100"))
                .isZero();
        assertThat(Files.readAllLines(limited.resolve("outcomes.csv"))).hasSize(1);
    }

    @Test
    void aModelMayLearnEveryBucketOfAFileWithManyTextColumns() throws IOException {
        final Path input = dir.resolve("texts.csv");
        try (Writer w = Files.newBufferedWriter(input)) {
            w.write("id,timestamp,amount,fraud");
            for (int c = 0; c < 40; c++) {
                w.write(",t" + c);
            }
            w.write("\n");
            for (int r = 0; r < 200; r++) {
                w.write(r + "," + (1_700_000_000L + 60L * r) + ",10," + (r % 20 == 0 ? 1 : 0));
                for (int c = 0; c < 40; c++) {
                    w.write(",v" + (r + c) % 50);
                }
                w.write("\n");
            }
        }
        final Path report = dir.resolve("texts");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1h", "--report", report.toString())).isZero();
        final JsonNode settings = new ObjectMapper().readTree(report.resolve("metrics.json").toFile()).path("settings");
        // 40 text columns of 32 buckets, and room for the built-in and history features
        assertThat(settings.path("fraudstream.learner.max.features").asInt()).isEqualTo(40 * 32 + 128);
        assertThat(settings.path("fraudstream.input.max.features").asInt()).isEqualTo(256);
    }

    @Test
    void aWideFilesColumnsArePrintedShort() {
        final List<String> columns = IntStream.range(0, 300).mapToObj(c -> "v" + c).toList();
        assertThat(ReplayLimits.shortList(columns)).startsWith("[v0, v1,").contains("v39, ...")
                .doesNotContain("v40").endsWith("300 in all]");
        assertThat(ReplayLimits.shortList(columns.subList(0, 3))).isEqualTo("[v0, v1, v2]");
    }
}
