package io.fraudstream.bench;

import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.feature.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
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
 * What a label's crossing of the outcomes topic costs the stream thread: one outcome written and one read, in the
 * binary form ({@code binary}) and in the documented JSON ({@code json}), with the default feature schema's
 * features and two hashed attributes. Run: {@code mvn -B -Pjmh verify -DskipTests -Djmh.args="OutcomeCodecBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutcomeCodecBenchmark {
    @Param({"binary", "json"})
    public String format;
    private Serde<LabelledOutcome> serde;
    private LabelledOutcome[] outcomes;
    private byte[][] written;
    private int next;

    @Setup
    public void setUp() {
        final FeatureSchema schema = Settings.from(Map.of("bootstrap.servers", "127.0.0.1:9092")).schema();
        serde = new OutcomeCodec(schema).serde(format.equals("json"));
        final List<String> names = new ArrayList<>(schema.names());
        names.add("a.channel#3");
        names.add("a.country#11");
        final Random random = new Random(3);
        outcomes = new LabelledOutcome[1024];
        written = new byte[outcomes.length][];
        for (int i = 0; i < outcomes.length; i++) {
            final double[] values = new double[names.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextGaussian() * 100;
            }
            final long t = BenchFixtures.T0 + i * 1000L;
            outcomes[i] = new LabelledOutcome("tx-" + i, t, t + 86_400_000L, random.nextDouble() < 0.01,
                    LabelledOutcome.SOURCE_LABEL, random.nextDouble() * 500, "card-" + random.nextInt(100_000),
                    "m-" + random.nextInt(5000), random.nextDouble(), Decision.APPROVE, 12,
                    new FeatureVector(names.toArray(String[]::new), values));
            written[i] = serde.serializer().serialize("outcomes", outcomes[i]);
        }
    }

    @Benchmark
    public byte[] write() {
        return serde.serializer().serialize("outcomes", outcomes[next++ & 1023]);
    }

    @Benchmark
    public LabelledOutcome read() {
        return serde.deserializer().deserialize("outcomes", written[next++ & 1023]);
    }
}
