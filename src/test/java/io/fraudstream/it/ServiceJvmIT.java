package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code java … Main run}, as an operator starts it without heap options: it runs in a child JVM with a fixed heap
 * touched at start, says so with the child's pid, and the child never outlives it: SIGTERM to the parent closes the
 * child in order, SIGKILL (which runs nothing in the parent) still ends it.
 */
@Tag("integration")
class ServiceJvmIT {
    private static final Pattern ANNOUNCED = Pattern.compile("run: runs in a child JVM, pid (\\d+), with (.*) \\(");
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void sigtermToTheParentClosesTheChildInOrder() throws Exception {
        final Started run = start("term");
        run.parent.destroy(); // SIGTERM
        assertThat(run.parent.waitFor(60, TimeUnit.SECONDS)).as("parent exited").isTrue();
        assertThat(run.child.isAlive()).isFalse();
        assertThat(Files.readString(run.log, StandardCharsets.UTF_8)).contains("fraudstream stopped cleanly");
    }

    @Test
    void aChildDoesNotOutliveItsKilledParent() throws Exception {
        final Started run = start("kill");
        run.parent.destroyForcibly(); // SIGKILL
        assertThat(run.parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.child.onExit().get(15, TimeUnit.SECONDS).isAlive()).as("child halted").isFalse();
        assertThat(Files.readString(run.log, StandardCharsets.UTF_8)).doesNotContain("fraudstream stopped cleanly");
    }

    @Test
    void aMistakeInTheChildIsStillOneLineAndExitTwo() throws Exception {
        final Path dir = TestDirs.create("fraudstream-service-jvm");
        final Path err = dir.resolve("err.txt");
        final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.fraudstream.app.Main", "run", "--config",
                dir.resolve("missing.properties").toString()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(err, StandardCharsets.UTF_8)).singleElement().asString()
                .startsWith("run: configuration error: ");
    }

    private record Started(Process parent, ProcessHandle child, Path log) {
    }

    /** {@code run} started without heap options, its child announced and the application started in it. */
    private static Started start(final String name) throws Exception {
        final Path dir = TestDirs.create("fraudstream-service-jvm");
        final Path log = dir.resolve("run.log");
        final Process parent = launch(dir, name, log);
        final ProcessHandle child = awaitChild(parent, log);
        assertThat(parent.descendants().map(ProcessHandle::pid)).contains(child.pid());
        awaitLine(log, "fraudstream started", Duration.ofSeconds(120));
        return new Started(parent, child, log);
    }

    /** The child from the parent's announcement, with a heap fixed and touched at start. */
    private static ProcessHandle awaitChild(final Process parent, final Path log) throws Exception {
        final Matcher announced = ANNOUNCED.matcher(awaitLine(log, "run: runs in a child JVM", Duration.ofSeconds(30)));
        assertThat(announced.find()).isTrue();
        final long pid = Long.parseLong(announced.group(1));
        final List<String> options = List.of(announced.group(2).split(" "));
        assertThat(options).contains("-XX:+AlwaysPreTouch");
        final String xms = options.stream().filter(o -> o.startsWith("-Xms")).findFirst().orElseThrow();
        assertThat(options).contains("-Xmx" + xms.substring(4));
        final Optional<ProcessHandle> child = ProcessHandle.of(pid);
        assertThat(child).as("child " + pid).isPresent();
        assertThat(child.get().parent().map(ProcessHandle::pid)).contains(parent.pid());
        // what the child runs with (ProcessHandle.Info leaves out the arguments of a command line this long)
        final Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.exists(cmdline)) {
            assertThat(List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0")))
                    .contains(xms, "-XX:+AlwaysPreTouch", "-Dfraudstream.jvm=child");
        }
        return child.get();
    }

    private static Process launch(final Path dir, final String name, final Path log) throws Exception {
        final Path config = dir.resolve("fraudstream.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + BROKER.bootstrapServers(),
                "application.id=fraudstream-service-jvm-" + name,
                "state.dir=" + dir.resolve("state"),
                "fraudstream.topics.replication.factor=1",
                "fraudstream.topic.transactions=transactions-sj-" + name,
                "fraudstream.topic.labels=labels-sj-" + name,
                "fraudstream.topic.scores=scores-sj-" + name,
                "fraudstream.topic.alerts=alerts-sj-" + name,
                "fraudstream.topic.dlq=dlq-sj-" + name,
                "fraudstream.topic.model=model-sj-" + name,
                "fraudstream.topic.outcomes=outcomes-sj-" + name,
                "fraudstream.topic.metrics=metrics-sj-" + name,
                "fraudstream.topic.merchant-activity=merchant-activity-sj-" + name,
                "fraudstream.http.port=-1", ""));
        // no heap option: the operator left the JVM to fraudstream
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.fraudstream.app.Main", "run", "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String awaitLine(final Path log, final String text, final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + timeout + ":\n" + Files.readString(log));
    }
}
