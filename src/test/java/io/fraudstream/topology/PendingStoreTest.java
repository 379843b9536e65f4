package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.codec.PendingCodec;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.stage.PendingEntry;
import io.fraudstream.stage.PendingJoin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pending join's binary records ({@link PendingCodec}) and its one store ({@link StoreAdapters#pending}): entries
 * round-trip, expiry reads each index key once and never again, a late transaction still expires, and a store
 * written by an earlier version (JSON entries, no index) is indexed at start.
 */
@Tag("processor")
class PendingStoreTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(new CardHistory(List.of(Duration.ofHours(1))), null);
    private static final long HOUR = 3_600_000L;
    private final PendingCodec codec = new PendingCodec(SCHEMA);
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void open() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    private static ScoredTransaction scored(final String id, final long time) {
        final FeatureVector x = new FeatureVector(new String[] {"amount.log", "card.count.1h", "f.distance",
                "a.country#3"}, new double[] {2.5, 3, 41.25, 1});
        return new ScoredTransaction(id, time, 12.5, "c-" + id, null, x, 0.375, Decision.REVIEW, 0.2, 7, 99L,
                List.of());
    }

    @Test
    void scoredTransactionsAndLabelsRoundTripInAFractionOfTheirJson() {
        final ScoredTransaction s = scored("tx-1", 1_000);
        final byte[] bytes = codec.encodeScored(s);
        assertThat(codec.decodeScored(bytes)).isEqualTo(s);
        assertThat(bytes.length * 2).isLessThan(EventSerdes.json(ScoredTransaction.class).serializer()
                .serialize(null, s).length);
        final PendingEntry early = new PendingEntry(null, new Label("tx-2", true, 5_000));
        assertThat(codec.decodeEntry(codec.encodeEntry(early))).isEqualTo(early);
        assertThat(codec.decodeEntry(codec.encodeEntry(new PendingEntry(s, null)))).isEqualTo(new PendingEntry(s, null));
        // what an earlier version wrote still reads
        final byte[] json = EventSerdes.json(PendingEntry.class).serializer().serialize(null, early);
        assertThat(codec.entrySerde().deserializer().deserialize(null, json)).isEqualTo(early);
    }

    @Test
    void underAnotherSchemaTheFeaturesAreDroppedAndTheRestJoins() {
        final PendingCodec other = new PendingCodec(FeatureSchema.of(null, null));
        final ScoredTransaction read = other.decodeScored(codec.encodeScored(scored("tx-1", 1_000)));
        assertThat(read.features()).isEqualTo(FeatureVector.EMPTY);
        assertThat(read.score()).isEqualTo(0.375);
        assertThat(read.transactionId()).isEqualTo("tx-1");
        assertThatThrownBy(() -> codec.decodeScored(new byte[] {1, 2, 3})).isInstanceOf(InvalidRecordException.class)
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo("pending.malformed");
    }

    @Test
    void expiryReadsEachIndexKeyOnceAndALateTransactionStillExpires() {
        final List<LabelledOutcome> out = new ArrayList<>();
        final PendingJoin join = new PendingJoin(StoreAdapters.pending(store, codec), Duration.ofHours(1),
                FraudMeters.detached().join(), out::add);
        join.scored(scored("a", 0));
        join.scored(scored("b", HOUR / 2));
        join.label(new Label("a", true, HOUR / 4)); // joined: its index key stays for expiry to pass over
        assertThat(out).extracting(LabelledOutcome::source).containsExactly(LabelledOutcome.SOURCE_LABEL);
        join.expire(2 * HOUR); // up to 1 h: a's key is skipped (joined), b expires
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("a", "b");
        assertThat(indexKeys()).isEmpty();
        join.scored(scored("late", HOUR / 2)); // behind where expiry stands: indexed there, so it still expires
        join.expire(2 * HOUR + 1);
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("a", "b", "late");
        assertThat(out.get(2).source()).isEqualTo(LabelledOutcome.SOURCE_HORIZON);
        assertThat(indexKeys()).isEmpty();
        assertThat(store.get("b")).isNull();
    }

    @Test
    void aStoreWrittenByAnEarlierVersionIsIndexedAtStart() {
        final byte[] json = EventSerdes.json(PendingEntry.class).serializer()
                .serialize(null, new PendingEntry(scored("old", HOUR), null));
        store.put("old", json);
        final List<LabelledOutcome> out = new ArrayList<>();
        final PendingJoin join = new PendingJoin(StoreAdapters.pending(store, codec), Duration.ofHours(1),
                FraudMeters.detached().join(), out::add);
        assertThat(indexKeys()).containsExactly(StoreAdapters.indexKey(HOUR, "old"));
        join.expire(3 * HOUR);
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("old");
    }

    private List<String> indexKeys() {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.startsWith("\u0000") && !kv.key.contains("~")) {
                    keys.add(kv.key);
                }
            });
        }
        return keys;
    }
}
