package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.app.Main;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar fraudstream.jar replay}, as a user runs it: under the default G1 collector it moves to a child
 * JVM with the throughput collector (the report says which ran it), gives the same outcomes as a replay kept in its
 * JVM, and passes the child's exit status and one-line mistakes through.
 */
@Tag("integration")
class ReplayJvmIT {
    private static final Path JAR = Path.of("target", "fraudstream.jar");
    @TempDir
    static Path dir;
    private static Path input;

    @BeforeAll
    static void generate() {
        input = dir.resolve("tx.csv");
        assertThat(Main.execute("generate", "--output", input.toString(), "--days", "3", "--seed", "5")).isZero();
    }

    @Test
    void aDefaultJvmReplaysInAThroughputCollectorChildWithTheSameOutcomes() throws Exception {
        assumeTrue(ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().startsWith("G1"),
                "this machine's default collector is not G1 (fewer than two cores or under 1792 MB)");
        final Run moved = replay(dir.resolve("moved"));
        final Run kept = replay(dir.resolve("kept"), "-Dfraudstream.jvm=same");
        assertThat(moved.status).as(moved.err).isZero();
        assertThat(kept.status).as(kept.err).isZero();
        assertThat(collector(dir.resolve("moved"))).isEqualTo("parallel");
        assertThat(collector(dir.resolve("kept"))).isEqualTo("g1");
        assertThat(Files.readAllLines(dir.resolve("moved").resolve("outcomes.csv")))
                .hasSizeGreaterThan(1000)
                .isEqualTo(Files.readAllLines(dir.resolve("kept").resolve("outcomes.csv")));
    }

    @Test
    void withoutAMaximumHeapTheChildMayGrowToHalfTheMemoryWhereTheJvmWouldStopAtAQuarter() throws Exception {
        assumeTrue(ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().startsWith("G1"),
                "this machine's default collector is not G1 (fewer than two cores or under 1792 MB)");
        // a machine of 2 GB as the JVMs see it: a quarter is 512 MB, half 1 GB
        final Run moved = replay(dir.resolve("half"), input, "-XX:MaxRAM=2g", "--label-delay-column", "labelDelay");
        final Run kept = replay(dir.resolve("quarter"), input, "-XX:MaxRAM=2g", "-Dfraudstream.jvm=same",
                "--label-delay-column", "labelDelay");
        assertThat(moved.status).as(moved.err).isZero();
        assertThat(kept.status).as(kept.err).isZero();
        assertThat(report(dir.resolve("half")).path("maxHeapMegabytes").asLong()).isGreaterThan(800);
        assertThat(report(dir.resolve("quarter")).path("maxHeapMegabytes").asLong()).isLessThanOrEqualTo(512);
    }

    @Test
    void aCollectorTheUserChoseRunsTheReplay() throws Exception {
        final Run run = replay(dir.resolve("serial"), "-XX:+UseSerialGC");
        assertThat(run.status).as(run.err).isZero();
        assertThat(collector(dir.resolve("serial"))).isEqualTo("serial");
    }

    @Test
    void theChildsMistakesAndStatusComeThrough() throws Exception {
        final Run run = replay(dir.resolve("bad"), "--engine", "warp");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err.strip()).startsWith("replay: ").doesNotContain("\n").contains("--engine");
        final Run wrongChoice = replay(dir.resolve("bad"), "-Dfraudstream.jvm=maybe");
        assertThat(wrongChoice.status).isEqualTo(2);
        assertThat(wrongChoice.err.strip()).isEqualTo("replay: -Dfraudstream.jvm: expected 'same', was 'maybe'");
    }

    @Test
    void outOfMemoryIsOneLineThatSaysWhatToDoAndExitOne() throws Exception {
        // 200 numeric columns of distinct values over 40 000 rows: 64 MB of values, in a heap of 32 MB
        final Path wide = dir.resolve("wide.csv");
        final Random random = new Random(1);
        try (BufferedWriter w = Files.newBufferedWriter(wide)) {
            w.write("id,timestamp,amount,fraud");
            for (int c = 0; c < 200; c++) {
                w.write(",v" + c);
            }
            w.newLine();
            for (int r = 0; r < 40_000; r++) {
                w.write(r + "," + (1_700_000_000L + r) + ",10," + (r % 100 == 0 ? 1 : 0));
                for (int c = 0; c < 200; c++) {
                    w.write("," + random.nextInt(1_000_000));
                }
                w.newLine();
            }
        }
        final Run run = replay(dir.resolve("oom"), wide, "-Xmx32m", "--time-format", "epoch-seconds");
        assertThat(run.status).as(run.err).isEqualTo(1);
        assertThat(run.err.strip()).doesNotContain("\n").startsWith("replay: out of memory with a heap of ")
                .contains("-Xmx");
    }

    private record Run(int status, String err) {
    }

    /** {@code java [jvm options] -jar fraudstream.jar replay --input … --report report [replay options]}. */
    private static Run replay(final Path report, final String... extra) throws IOException, InterruptedException {
        final List<String> all = new ArrayList<>(List.of(extra));
        all.addAll(List.of("--label-delay-column", "labelDelay"));
        return replay(report, input, all.toArray(new String[0]));
    }

    /** As {@link #replay(Path, String...)}, with a heap of 512 MB unless {@code extra} sizes the memory. */
    private static Run replay(final Path report, final Path input, final String... extra)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Arrays.stream(extra).noneMatch(e -> e.startsWith("-Xmx") || e.startsWith("-XX:MaxRAM"))) {
            command.add("-Xmx512m");
        }
        final List<String> flags = new ArrayList<>();
        for (String e : extra) {
            (e.startsWith("-D") || e.startsWith("-X") ? command : flags).add(e);
        }
        command.addAll(List.of("-jar", JAR.toString(), "replay", "--input", input.toString(), "--report",
                report.toString()));
        command.addAll(flags);
        final Path err = Files.createTempFile(dir, "err", ".txt");
        final Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("replay finished").isTrue();
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String collector(final Path report) throws IOException {
        return report(report).path("garbageCollector").asText();
    }

    private static JsonNode report(final Path report) throws IOException {
        return new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    }
}
