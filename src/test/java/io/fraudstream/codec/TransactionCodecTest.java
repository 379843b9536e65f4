package io.fraudstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The repartition by card's binary records ({@link TransactionCodec}): a transaction reads back equal to what the
 * input topic's JSON gives (the card and score stages see the same thing on either path), JSON from an earlier
 * version still reads, foreign bytes are refused with one reason and never another exception, and a record that
 * parses but breaks the input contract is refused with the input's reason.
 */
class TransactionCodecTest {
    private final Serde<Transaction> serde = TransactionCodec.serde();

    private static Transaction transaction(final double amount, final double feature) {
        final Map<String, Double> features = new LinkedHashMap<>();
        features.put("distance", feature);
        features.put("é-velocity", -41.25e-7);
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("country", "PT");
        attributes.put("channel", "");
        return new Transaction("tx-é1", 1_700_000_000_123L, amount, "card-17", "m-204", "EUR", features, attributes);
    }

    private static String reason(final Throwable e) {
        return ((InvalidRecordException) e).reason();
    }

    @Test
    void aTransactionReadsBackAsItsJsonDoesInAFractionOfTheBytes() {
        for (Transaction t : List.of(transaction(129.9, 3.5),
                new Transaction("tx-2", 0, 0, null, null, null, Map.of(), Map.of()))) {
            final byte[] bytes = serde.serializer().serialize("by-card", t);
            final Transaction read = serde.deserializer().deserialize("by-card", bytes);
            assertThat(read).isEqualTo(TransactionJson.parse(TransactionJson.write(t)));
            assertThat(read.features().keySet()).containsExactlyElementsOf(
                    TransactionJson.parse(TransactionJson.write(t)).features().keySet());
        }
        final Transaction t = transaction(129.9, 3.5);
        assertThat(TransactionCodec.encode(t).length * 3 / 2).isLessThan(TransactionJson.write(t).length);
    }

    @Test
    void aJsonRecordFromAnEarlierVersionStillReads() {
        final Transaction t = transaction(129.9, 3.5);
        assertThat(serde.deserializer().deserialize("by-card", TransactionJson.write(t))).isEqualTo(t);
    }

    @Test
    void aTombstoneIsRefusedAsTheInputRefusesIt() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("by-card", null))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("value.empty"));
        assertThat(serde.serializer().serialize("by-card", null)).isNull();
    }

    @Test
    void whatParsesIsCheckedAgainstTheInputContract() {
        assertThatThrownBy(() -> TransactionCodec.decode(TransactionCodec.encode(transaction(1, Double.NaN))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("features.invalid"));
        assertThatThrownBy(() -> TransactionCodec.decode(TransactionCodec.encode(transaction(-1, 1))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("amount.negative"));
        assertThatThrownBy(() -> TransactionCodec.decode(TransactionCodec.encode(
                transaction(Double.POSITIVE_INFINITY, 1)))).satisfies(e -> assertThat(reason(e))
                .isEqualTo("amount.invalid"));
        assertThatThrownBy(() -> TransactionCodec.decode(TransactionCodec.encode(
                new Transaction(" ", 1, 1, null, null, null, Map.of(), Map.of()))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("id.missing"));
        assertThatThrownBy(() -> TransactionCodec.decode(TransactionCodec.encode(
                new Transaction("tx", Long.MAX_VALUE, 1, null, null, null, Map.of(), Map.of()))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("timestamp.out-of-range"));
    }

    @Test
    void foreignOrTruncatedBytesAreRefusedAsMalformedAndNothingElse() {
        final Deserializer<Transaction> reader = serde.deserializer();
        final byte[] whole = TransactionCodec.encode(transaction(129.9, 3.5));
        for (int length = 1; length < whole.length; length++) {
            final byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> reader.deserialize("by-card", cut)).as("the first %d bytes", length)
                    .satisfies(e -> assertThat(reason(e)).isEqualTo("transaction.malformed"));
        }
        final byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> reader.deserialize("by-card", longer))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("transaction.malformed"));
        final Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            final byte[] noise = whole.clone();
            noise[random.nextInt(noise.length)] = (byte) random.nextInt();
            noise[random.nextInt(noise.length)] = (byte) random.nextInt();
            try {
                reader.deserialize("by-card", noise);
            } catch (InvalidRecordException e) {
                assertThat(e.reason()).isIn("transaction.malformed", "features.invalid", "amount.invalid",
                        "amount.negative", "id.missing", "timestamp.out-of-range", "json.malformed");
            }
        }
        assertThatThrownBy(() -> reader.deserialize("by-card", MerchantEventCodec.serde().serializer()
                .serialize("merchant-events", new io.fraudstream.stage.MerchantEvent(true, 5))))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("transaction.malformed"));
    }
}
