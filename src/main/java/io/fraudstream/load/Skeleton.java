package io.fraudstream.load;

import io.fraudstream.codec.LongsCodec;
import io.fraudstream.codec.MerchantCountersCodec;
import io.fraudstream.event.InputLimits;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.feature.MerchantActivity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The second yardstick of {@code bench}, {@code --skeleton}: fraudstream's shape without its logic. The same
 * topics, exactly-once hops and changelogged stores a transaction and its label pass through in fraudstream's
 * topology ({@code topology/topology.txt}), with stages that only move bytes:
 * <ul>
 *   <li>by card: parse the JSON transaction (as {@link PassThrough} does), read its merchant in the global store,
 *       put it in a store keyed by card (fraudstream's card history; its duplicate check is a second store there),
 *       write a JSON score, the transaction to the repartition by transaction id and its time to the repartition by
 *       merchant;</li>
 *   <li>by merchant: add it to the merchant's counters (a day of hourly counters, fraudstream's codec) in a store,
 *       and publish them to the merchant-activity topic, which feeds a global store;</li>
 *   <li>by transaction id: labels (parsed) and transactions meet in one store, in either order; the pair is written
 *       to the outcomes topic (one partition);</li>
 *   <li>outcomes: counted ({@link #outcomes()}), where fraudstream learns and evaluates.</li>
 * </ul>
 * So a transaction with its label makes the record operations fraudstream's topology makes, less the learner's,
 * the evaluator's and the duplicate check's state and the fraud labels' way to the merchant counters (a few in a
 * thousand). What fraudstream costs beyond it is its logic and those stores; what it costs beyond {@link PassThrough}
 * is the shape. The input must hold no duplicate transaction or label ({@code bench}'s does not).
 */
public final class Skeleton implements AutoCloseable {
    /** The topics it reads and writes: a fraudstream instance's (its transactions' partitions for every hop). */
    public record Topics(String transactions, String labels, String scores, String outcomes, String merchantActivity) {
    }

    private static final String CARDS = "skeleton-cards";
    private static final String PENDING = "skeleton-pending";
    private static final String MERCHANTS = "skeleton-merchants";
    private static final String MERCHANT_DAYS = "skeleton-merchant-days";
    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> BYTES = Serdes.ByteArray();

    private final AtomicLong outcomes = new AtomicLong();
    private final KafkaStreams streams;

    private Skeleton(final Properties properties, final Topics topics) {
        streams = new KafkaStreams(topology(topics), properties);
    }

    /** Starts the skeleton on these topics with these Streams properties. */
    public static Skeleton start(final Properties properties, final Topics topics) {
        final Skeleton skeleton = new Skeleton(properties, topics);
        skeleton.streams.start();
        return skeleton;
    }

    /** The topology alone, for tests ({@code outcomes} counts what its last stage takes). */
    static Topology topology(final Topics topics, final AtomicLong outcomes) {
        final StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(store(CARDS)).addStateStore(store(PENDING)).addStateStore(store(MERCHANTS));
        b.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MERCHANT_DAYS), KEYS, BYTES)
                        .withLoggingDisabled(), topics.merchantActivity(), Consumed.with(KEYS, BYTES),
                GlobalPut::new);
        final KStream<String, Scored> scored = b.stream(topics.transactions(), Consumed.with(KEYS, BYTES))
                .process(ByCard::new, CARDS);
        scored.mapValues(s -> PassThrough.score(s.transaction())).to(topics.scores(), Produced.with(KEYS, BYTES));
        scored.filter((id, s) -> s.transaction().merchantId() != null)
                .map((id, s) -> KeyValue.pair(s.transaction().merchantId(), LongsCodec.encode(s.transaction().timestamp())))
                .repartition(Repartitioned.with(KEYS, BYTES).withName("skeleton-merchant-events"))
                .process(ByMerchant::new, MERCHANTS)
                .to(topics.merchantActivity(), Produced.with(KEYS, BYTES));
        b.stream(topics.labels(), Consumed.with(KEYS, BYTES))
                .process(() -> new Join(true), PENDING)
                .to(topics.outcomes(), Produced.with(KEYS, BYTES));
        scored.mapValues(Scored::raw)
                .repartition(Repartitioned.with(KEYS, BYTES).withName("skeleton-pending-by-id"))
                .process(() -> new Join(false), PENDING)
                .to(topics.outcomes(), Produced.with(KEYS, BYTES));
        b.stream(topics.outcomes(), Consumed.with(KEYS, BYTES)).foreach((id, outcome) -> outcomes.incrementAndGet());
        return b.build();
    }

    private Topology topology(final Topics topics) {
        return topology(topics, outcomes);
    }

    /** Outcomes taken by the last stage so far. */
    public long outcomes() {
        return outcomes.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KEYS, BYTES).withCachingEnabled();
    }

    /** A parsed transaction with the bytes it came as. */
    private record Scored(Transaction transaction, byte[] raw) {
    }

    /** Parses a transaction, reads its merchant's counters, keeps it by card; forwards it keyed by its id. */
    private static final class ByCard implements Processor<String, byte[], String, Scored> {
        private ProcessorContext<String, Scored> context;
        private KeyValueStore<String, byte[]> cards;
        private KeyValueStore<String, byte[]> merchantDays;

        @Override
        public void init(final ProcessorContext<String, Scored> context) {
            this.context = context;
            cards = context.getStateStore(CARDS);
            merchantDays = context.getStateStore(MERCHANT_DAYS);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final Transaction t = TransactionJson.parse(record.value(), InputLimits.DEFAULT);
            if (t.merchantId() != null) {
                merchantDays.get(t.merchantId()); // read and dropped: the scorer's read of the merchant's counters
            }
            cards.put(t.recordKey(), record.value());
            context.forward(record.withKey(t.id()).withValue(new Scored(t, record.value())));
        }
    }

    /** Counts a transaction in its merchant's counters and forwards them. */
    private static final class ByMerchant implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> merchants;

        @Override
        public void init(final ProcessorContext<String, byte[]> context) {
            this.context = context;
            merchants = context.getStateStore(MERCHANTS);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final int[] counters = MerchantCountersCodec.decode(merchants.get(record.key())); // zeros when none
            MerchantActivity.add(counters, LongsCodec.decode(record.value())[0], false);
            final byte[] encoded = MerchantCountersCodec.encode(counters);
            merchants.put(record.key(), encoded);
            context.forward(record.withValue(encoded));
        }
    }

    /**
     * One side of the join by transaction id: a label ({@code labels}) or a scored transaction waits in the store
     * until the other comes, then the two go out as one outcome.
     */
    private static final class Join implements Processor<String, byte[], String, byte[]> {
        private final boolean labels;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> pending;

        Join(final boolean labels) {
            this.labels = labels;
        }

        @Override
        public void init(final ProcessorContext<String, byte[]> context) {
            this.context = context;
            pending = context.getStateStore(PENDING);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final String id = labels ? LabelJson.parse(record.value(), InputLimits.DEFAULT).transactionId()
                    : record.key();
            final byte[] other = pending.get(id);
            if (other == null) {
                pending.put(id, record.value());
                return;
            }
            pending.delete(id);
            final byte[] outcome = Arrays.copyOf(other, other.length + record.value().length);
            System.arraycopy(record.value(), 0, outcome, other.length, record.value().length);
            context.forward(record.withKey(id).withValue(outcome));
        }
    }

    /** The global store's updater: every published counter array, as it comes. */
    private static final class GlobalPut implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> days;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            days = context.getStateStore(MERCHANT_DAYS);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            days.put(record.key(), record.value());
        }
    }
}
