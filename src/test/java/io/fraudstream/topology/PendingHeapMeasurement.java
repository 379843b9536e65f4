package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.sim.SyntheticTransactions;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The heap a pending transaction takes with {@code state.key-value-stores=memory}, the figure the README and the
 * key's description give: 200 000 of {@code bench}'s transactions, none labelled, through the whole topology with
 * each kind of key-value store in turn (twice), every output and changelog topic drained as it goes (the driver
 * would otherwise keep every record, and an in-memory store shares its byte arrays with them), the heap after
 * collections against before. A measurement, run on demand ({@code mvn test -Dtest=PendingHeapMeasurement
 * -Dfraudstream.measure.heap=true}); it prints each run and checks only that the in-memory runs kept their
 * entries in the heap (at least the 339-byte entry's share of them).
 */
@Tag("topology")
@EnabledIfSystemProperty(named = "fraudstream.measure.heap", matches = "true")
class PendingHeapMeasurement {
    private static final int TRANSACTIONS = 200_000;
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void aPendingTransactionInTheHeap() {
        long rocksDb = 0;
        long memory = 0;
        for (int i = 0; i < 2; i++) {
            rocksDb += retained("rocksdb");
            memory += retained("memory");
        }
        final double perTransaction = (memory - rocksDb) / 2.0 / TRANSACTIONS;
        System.out.printf(Locale.ROOT, "heap per pending transaction, key-value stores in memory: %.0f bytes%n",
                perTransaction);
        assertThat(perTransaction).isGreaterThan(339);
    }

    /** Heap retained after {@link #TRANSACTIONS} transactions are scored and left waiting. */
    private static long retained(final String stores) {
        final Settings settings = FraudTopologyTest.settings(Map.of(Key.STATE_KEY_VALUE_STORES.key(), stores,
                Key.PENDING_HORIZON.key(), "60d"));
        final FraudMeters meters = FraudMeters.detached();
        final Properties props = FraudTopology.streamsConfig(settings, meters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.create("fraudstream-heap-" + stores).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(FraudTopology.build(settings, meters), props, T0)) {
            final TestInputTopic<String, byte[]> transactions = driver.createInputTopic("transactions",
                    new StringSerializer(), new ByteArraySerializer());
            final SyntheticTransactions data = new SyntheticTransactions(42, 0.01, 20_000);
            // 50 ms apart, ending before the driver's wall clock: none is dated in the future
            final long start = T0.toEpochMilli() - 50L * TRANSACTIONS;
            final long before = usedHeap();
            for (int i = 0; i < TRANSACTIONS; i++) {
                final Transaction t = data.next("b" + i, start + 50L * i, data.nextIsFraud());
                transactions.pipeInput(t.recordKey(), TransactionJson.write(t), t.timestamp());
                if (i % 10_000 == 0) {
                    drain(driver);
                }
            }
            drain(driver);
            final long retained = usedHeap() - before;
            System.out.printf(Locale.ROOT, "%s: %d bytes retained by %d pending transactions%n", stores, retained,
                    (long) meters.counter("fraud.pending.transactions"));
            return retained;
        }
    }

    private static void drain(final TopologyTestDriver driver) {
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
