package io.fraudstream.bench;

import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.GradientBoostedTrees;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.StateSink;
import io.fraudstream.learn.TreeConfig;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
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
 * Cost of the tree family on 40-feature vectors (10% fraud, with an interaction): fitting {@code shape} trees
 * ({@code 60x4}: the defaults, {@code 100x8}: 100 trees of depth 8) to {@code examples} examples, scoring one
 * transaction with the model so fitted (with and without its three reasons), and a whole retraining round of
 * {@code logistic,trees} (both challengers, calibration, thresholds) with reservoirs of 10 000 legitimate examples,
 * and what one more labelled outcome costs the learner once such trees are fitted ({@code learnOutcome}: online
 * updates, reservoir, and the state written to the stores). The setup prints each fitted model's snapshot size. Run:
 * {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="TreesBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TreesBenchmark {
    @Param({"60x4", "100x8"})
    String shape;
    @Param({"10000", "100000"})
    int examples;

    private TreeConfig config;
    private FeatureVector[] vectors;
    private List<Example> batch;
    private double[] weights;
    private Model model;
    private Learning learning;
    private Learning learnt;
    private long written;
    private final StateSink store = StateSink.of((k, v) -> written += v.length, (k, v) -> written += v.length);
    private int next;
    private long time;

    @Setup
    public void setUp() {
        final String[] parts = shape.split("x");
        // fitting the whole batch: these examples are seconds apart, none would be mature
        config = new TreeConfig(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0.15, 1, 0.5, 32);
        batch = BenchFixtures.interactions(examples, 3);
        vectors = batch.stream().limit(4096).map(Example::x).toArray(FeatureVector[]::new);
        weights = new double[batch.size()];
        Arrays.fill(weights, 1);
        final GradientBoostedTrees trees = new GradientBoostedTrees(config, LearnerConfig.defaults());
        trees.fit(batch, weights, 1, 1);
        final ModelSnapshot snapshot = trees.snapshot(1, 0, 0, 0.2, 0.6, "bench", 0);
        model = new Model(snapshot);
        System.out.printf("%n%s trees fitted to %d examples: %d nodes, snapshot %d bytes of JSON%n", shape, examples,
                snapshot.trees().feature().length,
                EventSerdes.json(ModelSnapshot.class).serializer().serialize(null, snapshot).length);
        final BenchFixtures data = new BenchFixtures();
        final long[] end = new long[1];
        learning = data.filled(BenchFixtures.config(10_000).withTrees(new TreeConfig(60, 4, 0.15, 1, 0.5, 32))
                .withFamilies(List.of(ModelFamily.LOGISTIC, ModelFamily.TREES)), 10_000, end);
        time = end[0];
        // both families, the trees of this shape already fitted: what one more outcome costs the learner
        learnt = data.filled(BenchFixtures.config(10_000).withTrees(config)
                .withFamilies(List.of(ModelFamily.LOGISTIC, ModelFamily.TREES)), 10_000, end);
        learnt.retrain(end[0]);
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
        final GradientBoostedTrees trees = new GradientBoostedTrees(config, LearnerConfig.defaults());
        trees.fit(batch, weights, 1, 1);
        return new Model(trees.snapshot(1, 0, 0, 0.2, 0.6, "bench", 0));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Learning.Round bothFamiliesRound() {
        return learning.retrain(time);
    }

    @Benchmark
    public long learnOutcome() {
        final int i = next++ & 4095;
        final long t = time + next * 1000L;
        learnt.offer(new LabelledOutcome("b" + i, t, t, i % 97 == 0,
                LabelledOutcome.SOURCE_LABEL, 50, null, null, 0.01,
                Decision.APPROVE, 0, vectors[i]), store);
        return written;
    }
}
