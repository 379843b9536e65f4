package io.fraudstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a child JVM, started from the
 * broker jars on this program's own classpath (Maven Central's {@code kafka_2.13}): no Docker, no download.
 * It listens on free loopback ports, keeps its data, its log and its collector's ({@code gc.log}) in its own
 * temporary directory, is configured for exactly-once on one node, and is stopped (and its directory deleted) by
 * {@link #close()}. If this JVM dies, the child notices its closed standard input and halts: see
 * {@link BrokerLauncher}.
 *
 * <p>A child JVM rather than in-process: the broker's classes, threads and logging stay out of the
 * application's JVM, it can be killed independently in tests, and no internal broker API is needed.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int saslPort;
    private final List<String> command;
    private Process process;

    private EmbeddedKafkaBroker(final Path dir, final int port, final int saslPort, final List<String> command) {
        this.dir = dir;
        this.port = port;
        this.saslPort = saslPort;
        this.command = command;
    }

    /** Starts a broker and waits until it accepts admin requests. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** Starts a broker with extra server properties, and waits until it accepts admin requests. */
    public static EmbeddedKafkaBroker start(final Map<String, String> overrides) {
        return start(overrides, false);
    }

    /**
     * Starts a broker that also listens with SASL (SCRAM-SHA-512) on {@link #saslBootstrapServers()} and authorizes
     * every request by ACLs (KRaft's StandardAuthorizer; nothing is allowed without one). Its PLAINTEXT listener
     * serves the unauthenticated principal as a super user, to create SCRAM users and ACLs; clients under test take
     * the SASL listener, as a user with exactly the ACLs they were given.
     */
    public static EmbeddedKafkaBroker startSecured() {
        return start(Map.of(), true);
    }

    /** The SASL listener's address (a broker started with {@link #startSecured()}), else null. */
    public String saslBootstrapServers() {
        return saslPort < 0 ? null : "127.0.0.1:" + saslPort;
    }

    private static EmbeddedKafkaBroker start(final Map<String, String> overrides, final boolean secured) {
        final Path dir;
        try {
            dir = Files.createTempDirectory("fraudstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's directory", e);
        }
        final int port = freePort();
        final int controllerPort = freePort();
        final Properties server = new Properties();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        final int saslPort = secured ? freePort() : -1;
        final String sasl = secured ? ",SASL://127.0.0.1:" + saslPort : "";
        server.put("listeners", "PLAINTEXT://127.0.0.1:" + port + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + sasl);
        server.put("controller.listener.names", "CONTROLLER");
        server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (secured ? ",SASL:SASL_PLAINTEXT" : ""));
        if (secured) {
            server.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            server.put("listener.name.sasl.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            server.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            server.put("super.users", "User:ANONYMOUS");
        }
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("log.dirs", dir.resolve("data").toString());
        // one node: exactly-once and consumer groups must not wait for replicas that will never exist
        server.put("offsets.topic.replication.factor", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("share.coordinator.state.topic.replication.factor", "1");
        server.put("share.coordinator.state.topic.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        server.put("num.partitions", "1");
        server.put("auto.create.topics.enable", "false");
        // keep everything: replays and tests write months-old event times, which the default 7-day time-based
        // retention would delete within 30 s of the broker's start (its first retention check)
        server.put("log.retention.ms", "-1");
        server.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        overrides.forEach(server::put);
        final Path config = dir.resolve("server.properties");
        final Path log = dir.resolve("broker.log");
        try {
            try (var out = Files.newBufferedWriter(config)) {
                server.store(out, "fraudstream embedded broker");
            }
            Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{36} - %%msg%%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="FILE"/></root>
                      <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                    </configuration>
                    """.formatted(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's configuration", e);
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx768m");
        // two collector threads, the young generation's pauses about half Serial's and a third of its total: a pause
        // of the broker's holds up every record in flight (docs/performance.md, "The embedded broker's collector")
        command.add("-XX:+UseParallelGC");
        command.add("-XX:ParallelGCThreads=2");
        command.add("-Xlog:gc:file=" + dir.resolve("gc.log") + ":time,uptime");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerLauncher.class.getName());
        command.add(config.toString());
        command.add(Uuid.randomUuid().toString());
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, port, saslPort, List.copyOf(command));
        try {
            broker.launch();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Starts the broker's JVM (the storage is formatted only once: the cluster id is part of the command). */
    private void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker JVM", e);
        }
        awaitReady();
    }

    /**
     * Stops the broker — with SIGKILL ({@code kill}: no clean shutdown, as a crash) or SIGTERM (a rolling restart)
     * — and starts it again on the same ports and data after {@code downFor}; returns once it accepts admin requests
     * again. For fault tests.
     */
    public void restart(final Duration downFor, final boolean kill) {
        try {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(downFor.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the broker", e);
        }
        launch();
    }

    /** Bootstrap address, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process (a child of this JVM), for what it costs. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady() {
        final long started = System.nanoTime();
        final long deadline = started + START_TIMEOUT.toNanos();
        // wait for the port first: an admin client would log a warning per refused connection
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the embedded broker exited with code " + process.exitValue()
                            + "; its output:\n" + tail());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    // the broker answers; make sure it can also create topics (the controller is ready)
                    admin.listTopics().names().get(3, TimeUnit.SECONDS);
                    LOG.info("Kafka broker ready at {} in {} ms (data in {})", bootstrapServers(),
                            (System.nanoTime() - started) / 1_000_000, dir);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
        throw new IllegalStateException("the embedded broker did not start within " + START_TIMEOUT.toSeconds()
                + " s; its output:\n" + tail());
    }

    private String tail() {
        final StringBuilder b = new StringBuilder();
        for (String name : List.of("broker.out", "broker.log")) {
            try {
                final List<String> lines = Files.readAllLines(dir.resolve(name));
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException ignored) {
                // not written yet
            }
        }
        return b.toString();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() {
        if (process == null) {
            TempDirs.deleteRecursively(dir);
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        TempDirs.deleteRecursively(dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker{" + bootstrapServers() + ", " + dir + ", id=" + UUID.nameUUIDFromBytes(dir.toString()
                .getBytes(StandardCharsets.UTF_8)) + '}';
    }
}
