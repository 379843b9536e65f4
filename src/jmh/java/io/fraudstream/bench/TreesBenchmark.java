package io.fraudstream.bench;

import io.fraudstream.feature.FeatureVector;
import io.fraudstream.learn.GradientBoostedTrees;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.Model;
import io.fraudstream.learn.ModelSnapshot;
import io.fraudstream.learn.TreeConfig;
import io.fraudstream.sample.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the tree family on 40-feature vectors: scoring one transaction with a 60-tree depth-4 model (with and
 * without its three reasons), fitting the trees to a 4 000-example batch, and a whole retraining round of
 * {@code logistic,trees} (both challengers, calibration, thresholds) with {@code reservoir} legitimate examples.
 * Run: {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="TreesBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TreesBenchmark {
    /** The default trees, fitting the whole batch (these examples are seconds apart: none would be mature). */
    private static final TreeConfig ALL = new TreeConfig(60, 4, 0.15, 1, 0.5, 32);
    @Param({"10000"})
    int reservoir;

    private FeatureVector[] vectors;
    private List<Example> batch;
    private double[] weights;
    private Model model;
    private Learning learning;
    private int next;
    private long time;

    @Setup
    public void setUp() {
        final BenchFixtures data = new BenchFixtures();
        vectors = data.vectors;
        batch = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            batch.add(new Example(vectors[i], data.labels[i], BenchFixtures.T0 + i, 50));
        }
        weights = new double[batch.size()];
        Arrays.fill(weights, 1);
        final GradientBoostedTrees trees = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        trees.fit(batch, weights, 1, 1);
        model = new Model(trees.snapshot(1, 0, 0, 0.2, 0.6, "bench", 0));
        final long[] end = new long[1];
        learning = data.filled(BenchFixtures.config(reservoir).withTrees(ALL).withFamilies(List.of(
                ModelSnapshot.LOGISTIC, GradientBoostedTrees.FAMILY)), reservoir, end);
        time = end[0];
    }

    @Benchmark
    public double score() {
        return model.score(vectors[next++ & 4095]);
    }

    @Benchmark
    public Model.Assessment assess() {
        return model.assess(vectors[next++ & 4095], 3);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Model fit() {
        final GradientBoostedTrees trees = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        trees.fit(batch, weights, 1, 1);
        return new Model(trees.snapshot(1, 0, 0, 0.2, 0.6, "bench", 0));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Learning.Round bothFamiliesRound() {
        return learning.retrain(time);
    }
}
