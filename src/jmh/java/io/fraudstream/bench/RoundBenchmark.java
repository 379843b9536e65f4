package io.fraudstream.bench;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.LearningConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One retraining round at a replay's shape: the default configuration (both families, 20 000-example batches, a
 * 20 000-example holdout, calibration, thresholds), full reservoirs and holdout after 220 000 outcomes of 40 features
 * (10% fraud). Labels count as mature at once here ({@code labels.maturity=0s}: the outcomes are a second apart), so
 * the whole holdout judges, as it does in a long replay. Run: {@code mvn -B -Pjmh verify -DskipTests
 * -Djmh.args="RoundBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class RoundBenchmark {
    private Learning learning;
    private long time;

    @Setup
    public void setUp() {
        final LearningConfig config = Settings.from(Map.of("bootstrap.servers", "127.0.0.1:9092",
                Key.LABELS_MATURITY.key(), "0s")).learning();
        final long[] end = new long[1];
        learning = new BenchFixtures().filled(config, 20_000, 220_000, end);
        time = end[0];
        System.out.printf("%nholdout %d, fraud reservoir %d, legitimate reservoir %d%n", learning.holdout().size(),
                learning.fraudReservoir().size(), learning.legitReservoir().size());
    }

    @Benchmark
    public Learning.Round round() {
        return learning.retrain(time);
    }
}
