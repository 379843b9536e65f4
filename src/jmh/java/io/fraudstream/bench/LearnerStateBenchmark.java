package io.fraudstream.bench;

import io.fraudstream.event.Decision;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.StateSink;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the learner's changelogged state costs per outcome on the live path: one outcome learnt with the state
 * encoded for the learner store ({@code kept}, as the Kafka Streams learner does with every outcome) against the
 * same without ({@code notKept}, the in-process replay's {@link StateSink#NONE}). Rounds never fall due here.
 * Run: {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="LearnerStateBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LearnerStateBenchmark {
    private LabelledOutcome[] outcomes;
    private Learning kept;
    private Learning notKept;
    private int next;

    @Setup
    public void setUp() {
        final BenchFixtures data = new BenchFixtures();
        final long[] end = new long[1];
        kept = data.filled(BenchFixtures.config(10_000), 10_000, end);
        notKept = data.filled(BenchFixtures.config(10_000), 10_000, end);
        outcomes = new LabelledOutcome[data.vectors.length];
        for (int i = 0; i < outcomes.length; i++) {
            final long t = end[0] + i * 1000L;
            outcomes[i] = new LabelledOutcome("b" + i, t, t, data.labels[i], LabelledOutcome.SOURCE_LABEL, 50, null,
                    null, 0.01, Decision.APPROVE, 0, data.vectors[i]);
        }
    }

    @Benchmark
    public Object kept(final Blackhole sink) {
        return kept.observe(outcomes[next++ & 4095],
                StateSink.of((k, v) -> sink.consume(v), (s, v) -> sink.consume(v)));
    }

    @Benchmark
    public Object notKept() {
        return notKept.observe(outcomes[next++ & 4095], StateSink.NONE);
    }
}
