package io.fraudstream.bench;

import io.fraudstream.app.Main;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.replay.ColumnMapping;
import io.fraudstream.replay.InProcessReplay;
import io.fraudstream.replay.ReplayData;
import io.fraudstream.replay.ReplayEngine;
import io.fraudstream.replay.TimeFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process replay per transaction with its label: the first 50,000 transactions of 10 generated days (history
 * features on, labels at their generated delays) through every stage — validation, duplicates, card and merchant
 * features, score, pending join, online learning — with {@code rounds=none} (no model published: the stages alone)
 * or {@code rounds=5000} (a retraining round, both families, every 5,000 labels: the default pace). Run:
 * {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="ReplayBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class ReplayBenchmark {
    private static final int TRANSACTIONS = 50_000;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Param({"none", "5000"})
    String rounds;

    private ReplayData data;
    private Settings settings;

    @Setup
    public void setUp() throws IOException {
        final Path dir = Files.createTempDirectory("fraudstream-replay-bench");
        final Path file = dir.resolve("tx.csv.gz");
        if (Main.execute("generate", "--output", file.toString(), "--days", "10", "--seed", "7") != 0) {
            throw new IllegalStateException("generate failed");
        }
        data = ReplayData.load(file, new ColumnMapping("id", "timestamp", TimeFormat.fromFlag("iso"), "fraud",
                "amount", "cardId", "merchantId", Duration.ofDays(7), "labelDelay", Set.of("scenario")))
                .head(TRANSACTIONS);
        settings = Settings.from(Map.of("bootstrap.servers", "127.0.0.1:9092", Key.MODEL_PUBLISH_EVERY.key(),
                "none".equals(rounds) ? Integer.toString(Integer.MAX_VALUE) : rounds));
        Files.delete(file);
        Files.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public ReplayEngine.Result replay() {
        return new InProcessReplay(settings, data, QUIET).run();
    }
}
