package io.fraudstream.bench;

import io.fraudstream.config.Windows;
import io.fraudstream.eval.Curves;
import io.fraudstream.eval.RankedScores;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.model.CostMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
 * Cost of rolling evaluation over a window of N outcomes (0.5% fraud; scores rounded to 4 decimals, many ties, or
 * continuous, as a model gives them: {@code -p rounded=false}).
 * Run: {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="EvaluationBenchmark"}.
 *
 * <ul>
 *   <li>{@code slide}: one outcome in and the oldest out of a full {@link RankedScores} (one view's update);</li>
 *   <li>{@code readPrAuc}, {@code readRocAuc}: reading them from it, unchanged since the last read;</li>
 *   <li>{@code slideThenRead}: one slide, then both AUCs, as a publication reads a window that changed;</li>
 *   <li>{@code sortPrAuc}: the same PR-AUC by sorting the window ({@link Curves}), what a read cost before;</li>
 *   <li>{@code observe}: one outcome through the whole {@link RollingEvaluator} of the defaults (last N, 1h, 24h;
 *       known and mature; champion and challenger: 12 views), allocation included; {@code -p maturity} sets how long
 *       outcomes wait to mature;</li>
 *   <li>{@code readWindow}: every metric of one view of N outcomes (cost, savings and Card Precision@k walk it).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EvaluationBenchmark {
    private static final int STREAM = 1 << 20;
    private static final long T0 = 1_700_000_000_000L;

    @Param({"10000", "100000"})
    int n;

    /** Scores rounded to 4 decimals (at most 10 001 distinct: a small tree), or as a model gives them. */
    @Param({"true", "false"})
    boolean rounded;

    /**
     * Maturity of the mature views, seconds of event time (10 outcomes a second): 7 days, none mature within a run and
     * the queue only grows; {@code -p maturity=10000}, a steady queue of 100 000 outcomes, one in and one out.
     */
    @Param({"604800"})
    long maturity;

    private double[] scores;
    private boolean[] labels;
    private RankedScores ranked;
    private RollingEvaluator evaluator;
    private RollingEvaluator.View view;
    private int next;
    private long seq;

    @Setup
    public void setUp() {
        final Random random = new Random(1);
        scores = new double[STREAM];
        labels = new boolean[STREAM];
        for (int i = 0; i < STREAM; i++) {
            labels[i] = random.nextDouble() < 0.005;
            final double s = 1 / (1 + Math.exp(-(random.nextGaussian() * 2 + (labels[i] ? 2 : -5))));
            scores[i] = rounded ? Math.round(s * 10_000) / 10_000.0 : s;
        }
        ranked = new RankedScores();
        for (int i = 0; i < n; i++) {
            ranked.add(scores[i], labels[i]);
        }
        next = n;
        evaluator = new RollingEvaluator(new RollingEvaluator.Config(List.of(Windows.parse("" + n),
                Windows.parse("1h"), Windows.parse("24h")),
                maturity * 1000, CostMatrix.defaults(), 2, 100, Integer.MAX_VALUE, Integer.MAX_VALUE), s -> { });
        for (int i = 0; i < n; i++) {
            observeOne();
        }
        view = evaluator.view("last" + n, RollingEvaluator.KNOWN, "champion");
    }

    @Benchmark
    public long slide() {
        final int in = next++ & (STREAM - 1);
        final int out = (in - n) & (STREAM - 1);
        ranked.remove(scores[out], labels[out]);
        ranked.add(scores[in], labels[in]);
        return ranked.frauds();
    }

    @Benchmark
    public double readPrAuc() {
        return ranked.averagePrecision();
    }

    @Benchmark
    public double readRocAuc() {
        return ranked.rocAuc();
    }

    @Benchmark
    public double slideThenRead() {
        slide();
        return ranked.averagePrecision() + ranked.rocAuc();
    }

    @Benchmark
    public double sortPrAuc() {
        return Curves.averagePrecision(Arrays.copyOf(scores, n), Arrays.copyOf(labels, n));
    }

    @Benchmark
    public boolean observe() {
        return observeOne();
    }

    @Benchmark
    public double readWindow() {
        return view.metrics().prAuc();
    }

    private boolean observeOne() {
        final int i = (int) (seq & (STREAM - 1));
        final long time = T0 + seq * 100; // 10 outcomes per second of event time
        final long eventTime = time - (labels[i] ? 3_600_000L : 60_000L);
        final double challenger = Math.min(1, scores[i] * 1.1);
        return evaluator.observe(new RollingEvaluator.Entry(seq++, eventTime, time, labels[i], 50 + (i % 400),
                "card" + (i % 50_000), scores[i], scores[i] >= 0.2, challenger, challenger >= 0.2));
    }
}
