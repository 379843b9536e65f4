package io.fraudstream.bench;

import io.fraudstream.event.Decision;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.feature.FeatureVector;
import io.fraudstream.learn.CostMatrix;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.Model;
import io.fraudstream.learn.ModelSnapshot;
import io.fraudstream.learn.OnlineLogisticLearner;
import io.fraudstream.learn.ThresholdPolicy;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import java.util.Random;
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
    private static final int DIM = 40;
    private static final long T0 = 1_700_000_000_000L;

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
        final Random random = new Random(1);
        final String[] names = new String[DIM];
        for (int j = 0; j < DIM; j++) {
            names[j] = "f" + j;
        }
        vectors = new FeatureVector[4096];
        labels = new boolean[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            labels[i] = random.nextDouble() < 0.1;
            final double[] v = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                v[j] = random.nextGaussian() + (labels[i] && j < 5 ? 1 : 0);
            }
            vectors[i] = new FeatureVector(names, v);
        }
        learner = new OnlineLogisticLearner(LearnerConfig.defaults());
        for (int i = 0; i < vectors.length; i++) {
            learner.update(vectors[i], labels[i]);
        }
        model = new Model(learner.snapshot(1, 0, 0, 0.2, 0.6, "bench"));
        full = new Reservoir(Reservoir.Kind.TIME_BIASED, 20_000, 1, 30 * 86_400_000L);
        for (int i = 0; i < 20_000; i++) {
            full.offer(new Example(vectors[i % vectors.length], false, T0 + i * 1000L, 10));
        }
        final SamplingConfig sampling = SamplingConfig.defaults();
        learning = new Learning(new Learning.Config(LearnerConfig.defaults(), sampling, Reservoir.Kind.TIME_BIASED,
                Math.max(1, reservoir / 10), reservoir, 30 * 86_400_000L, 1,
                new ThresholdPolicy(ThresholdPolicy.Kind.COST, 0.2, 0.6, 0.5, 1000, 0.9, CostMatrix.defaults()),
                true, new Learning.Gate(10, 5000, 0.02, 30), Integer.MAX_VALUE, 0, 1),
                ModelSnapshot.prior(0.01, 0.2, 0.6, "bench"));
        // fill both reservoirs and the holdout (10% of outcomes, the last 5 000 of them)
        final int outcomes = Math.max(reservoir * 11 / 10 + 1, 60_000);
        for (int i = 0; i < outcomes; i++) {
            final boolean fraud = i % 11 == 0 && i / 11 < reservoir / 10 || labels[i % labels.length] && i % 7 == 0;
            final long t = T0 + i * 1000L;
            learning.observe(new LabelledOutcome("o" + i, t, t, fraud, LabelledOutcome.SOURCE_LABEL, 50, null, null,
                    0.01, Decision.APPROVE, 0, vectors[i % vectors.length]), Learning.Sink.NONE);
        }
        time = T0 + outcomes * 1000L;
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
