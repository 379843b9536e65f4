package io.fraudstream.app;

import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Settings;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.topology.FraudTopology;
import io.fraudstream.topology.TopologyDiagram;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.TopologyDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code java -jar fraudstream.jar <command>}: demo, run, generate, replay, topology, bench, rollback. */
@Command(name = "fraudstream", mixinStandardHelpOptions = true, version = "fraudstream 0.1.0",
        description = "Real-time fraud detection on Kafka Streams.",
        subcommands = {DemoCommand.class, Main.Run.class, GenerateCommand.class, ReplayCommand.class,
                Main.TopologyCommand.class, BenchCommand.class, RollbackCommand.class, ConfigCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        final int inChild = ChildJvm.runInChild(args);
        System.exit(inChild >= 0 ? inChild : execute(args));
    }

    /** Runs the command line as {@code main} would, returning the exit status instead of exiting. */
    public static int execute(final String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    final String mistake = userMistake(e);
                    if (mistake == null) {
                        throw e;
                    }
                    cmd.getErr().println(cmd.getCommandName() + ": " + mistake);
                    return 2;
                })
                .execute(args);
    }

    /**
     * One line for what the user got wrong — a configuration key or value, a flag's value, a file that cannot be
     * read or written — or null for anything else (a bug: its stack trace is printed, exit 1).
     */
    static String userMistake(final Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof ConfigException) {
            return "configuration error: " + t.getMessage();
        }
        if (t instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof FileSystemException f) {
            return f.getMessage();
        }
        if (t instanceof IllegalArgumentException) {
            return "invalid argument: " + t.getMessage();
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Production mode against an existing cluster. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run fraudstream against an existing Kafka cluster, configured by a properties file.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "Properties file: Kafka keys as they are, fraudstream keys under fraudstream.; "
                        + "FRAUDSTREAM_* environment variables override it.")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            final Settings settings = Settings.load(config, System.getenv());
            ChildJvm.announce("run");
            final FraudstreamApp app = FraudstreamApp.start(settings);
            final CountDownLatch closed = new CountDownLatch(1);
            // the close runs inside the hook: the JVM halts once its hooks end, and a close left to the main thread
            // could be cut short (open transactions aborted only by their timeout, state not checkpointed)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                closed.countDown();
            }, "fraudstream-shutdown"));
            if (app.metricsUrl() != null) {
                System.out.println("metrics: " + app.metricsUrl());
            }
            closed.await();
            return 0;
        }
    }

    /** Prints the topology description (or its Mermaid diagram). */
    @Command(name = "topology", mixinStandardHelpOptions = true,
            description = "Print the Kafka Streams topology description.")
    static final class TopologyCommand implements Callable<Integer> {
        @Option(names = "--mermaid", description = "Print a Mermaid flowchart instead of the text description.")
        boolean mermaid;

        @Option(names = "--config", paramLabel = "FILE", description = "Settings to build the topology from.")
        Path config;

        @Override
        public Integer call() {
            System.out.print(render(config == null ? defaultSettings() : Settings.load(config, System.getenv()),
                    mermaid));
            return 0;
        }
    }

    /** Default settings: enough to build the topology without a cluster. */
    public static Settings defaultSettings() {
        return Settings.from(Map.of("bootstrap.servers", "localhost:9092"));
    }

    public static String render(final Settings settings, final boolean mermaid) {
        final TopologyDescription d = FraudTopology.build(settings).describe();
        return mermaid ? TopologyDiagram.mermaid(d) : d.toString();
    }
}
