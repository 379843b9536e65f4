package io.fraudstream.bench;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.OnlineLogisticLearner;
import io.fraudstream.model.Model;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the learning core's steps, without Kafka, on 40-feature vectors (about what the history features give).
 * Run: {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="LearningBenchmark"}.
 *
 * <ul>
 *   <li>{@code score}: one transaction scored by a model snapshot;</li>
 *   <li>{@code onlineUpdate}: one online learner update;</li>
 *   <li>{@code reservoirOffer}: one offer to a full time-biased reservoir of 20 000;</li>
 *   <li>{@code retrainingRound}: one retraining round (a 4 000-example curriculum batch drawn from the reservoirs,
 *       two epochs, the challenger and the champion scored on a 5 000-outcome holdout, thresholds chosen) with
 *       {@code reservoir} legitimate examples and a tenth as many frauds held.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LearningBenchmark {
    private static final long T0 = BenchFixtures.T0;

    @Param({"1000", "10000", "100000"})
    int reservoir;

    private FeatureVector[] vectors;
    private boolean[] labels;
    private Model model;
    private OnlineLogisticLearner learner;
    private Reservoir full;
    private Learning learning;
    private int next;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        final BenchFixtures data = new BenchFixtures();
        vectors = data.vectors;
        labels = data.labels;
        learner = new OnlineLogisticLearner(LearnerConfig.defaults());
        for (int i = 0; i < vectors.length; i++) {
            learner.update(vectors[i], labels[i]);
        }
        model = new Model(learner.snapshot(1, 0, 0, 0.2, 0.6, "bench"));
        full = new Reservoir(Reservoir.Kind.TIME_BIASED, 20_000, 1, 30 * 86_400_000L);
        for (int i = 0; i < 20_000; i++) {
            full.offer(new Example(vectors[i % vectors.length], false, T0 + i * 1000L, 10));
        }
        final long[] end = new long[1];
        learning = data.filled(BenchFixtures.config(reservoir), reservoir, end);
        time = end[0];
    }

    @Benchmark
    public double score() {
        return model.score(vectors[next++ & 4095]);
    }

    @Benchmark
    public OnlineLogisticLearner onlineUpdate() {
        final int i = next++ & 4095;
        learner.update(vectors[i], labels[i]);
        return learner;
    }

    @Benchmark
    public int reservoirOffer() {
        return full.offer(new Example(vectors[next++ & 4095], false, T0 + 20_000_000L + next * 1000L, 10));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Learning.Round retrainingRound() {
        return learning.retrain(time);
    }
}
