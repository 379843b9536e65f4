package io.fraudstream.bench;

import io.fraudstream.codec.TransactionCodec;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InputLimits;
import io.fraudstream.event.Transaction;
import io.fraudstream.sim.SyntheticTransactions;
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
 * What the repartition by card costs the stream thread per transaction, beyond the hop itself: one transaction
 * written and one read, in the binary form ({@code binary}) and in the JSON it crossed as before ({@code json}), with
 * the generator's transactions (two upstream features, two attributes). Run: {@code mvn -B -Pjmh verify
 * -DskipTests -Djmh.args="TransactionCodecBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TransactionCodecBenchmark {
    @Param({"binary", "json"})
    public String format;
    private Serde<Transaction> serde;
    private Transaction[] transactions;
    private byte[][] written;
    private int next;

    @Setup
    public void setUp() {
        serde = format.equals("json") ? EventSerdes.transaction(InputLimits.NONE) : TransactionCodec.serde();
        final SyntheticTransactions source = new SyntheticTransactions(3, 0.01, 10_000);
        transactions = new Transaction[1024];
        written = new byte[transactions.length][];
        for (int i = 0; i < transactions.length; i++) {
            transactions[i] = source.next("tx-" + i, BenchFixtures.T0 + i * 1000L, source.nextIsFraud());
            written[i] = serde.serializer().serialize("by-card", transactions[i]);
        }
    }

    @Benchmark
    public byte[] write() {
        return serde.serializer().serialize("by-card", transactions[next++ & 1023]);
    }

    @Benchmark
    public Transaction read() {
        return serde.deserializer().deserialize("by-card", written[next++ & 1023]);
    }
}
