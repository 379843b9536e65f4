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
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replayed file's columns are its schema: a file with more numeric columns than the live input limit
 * ({@code fraudstream.input.max.features}, 256) is replayed whole, where every row was refused as
 * {@code features.too-many}; a limit given with {@code --set} or a configuration file is kept.
 */
class ReplayWideFileTest {
    @TempDir
    Path dir;

    @Test
    void everyRowOfAFileWiderThanTheLiveLimitIsScoredUnlessALimitIsGiven() throws IOException {
        final Random random = new Random(2);
        final Path input = csv("wide.csv", 600, 300, "v", (r, c) -> Integer.toString(random.nextInt(4)));
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

        final Path config = Files.writeString(dir.resolve("limited.properties"), "fraudstream.input.max.features=100\n");
        final Path configured = dir.resolve("configured");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1h", "--report", configured.toString(), "--config", config.toString())).isZero();
        assertThat(Files.readAllLines(configured.resolve("outcomes.csv"))).hasSize(1);
    }

    @Test
    void aModelMayLearnEveryBucketOfAFileWithManyTextColumns() throws IOException {
        final Path input = csv("texts.csv", 200, 40, "t", (r, c) -> "v" + (r + c) % 50);
        final Path report = dir.resolve("texts");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1h", "--report", report.toString())).isZero();
        final JsonNode settings = new ObjectMapper().readTree(report.resolve("metrics.json").toFile()).path("settings");
        // 40 text columns of 32 buckets, and room for the built-in and history features
        assertThat(settings.path("fraudstream.learner.max.features").asInt()).isEqualTo(40 * 32 + 128);
        assertThat(settings.path("fraudstream.input.max.features").asInt()).isEqualTo(256);
    }

    /** A CSV of {@code rows} rows, a minute apart, one in 20 a fraud, with {@code columns} more columns. */
    private Path csv(final String name, final int rows, final int columns, final String prefix,
                     final BiFunction<Integer, Integer, String> value) throws IOException {
        final Path input = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(input)) {
            w.write("id,timestamp,amount,fraud");
            for (int c = 0; c < columns; c++) {
                w.write("," + prefix + c);
            }
            w.write("\n");
            for (int r = 0; r < rows; r++) {
                w.write(r + "," + (1_700_000_000L + 60L * r) + ",10," + (r % 20 == 0 ? 1 : 0));
                for (int c = 0; c < columns; c++) {
                    w.write("," + value.apply(r, c));
                }
                w.write("\n");
            }
        }
        return input;
    }

    @Test
    void aWideFilesColumnsArePrintedShort() {
        final List<String> columns = IntStream.range(0, 300).mapToObj(c -> "v" + c).toList();
        assertThat(ReplayLimits.shortList(columns)).startsWith("[v0, v1,").contains("v39, ...")
                .doesNotContain("v40").endsWith("300 in all]");
        assertThat(ReplayLimits.shortList(columns.subList(0, 3))).isEqualTo("[v0, v1, v2]");
    }
}
