package io.fraudstream.codec;

import static io.fraudstream.codec.ByteFields.parse;
import static io.fraudstream.codec.ByteFields.putString;
import static io.fraudstream.codec.ByteFields.readString;
import static io.fraudstream.codec.ByteFields.stringBytes;
import static io.fraudstream.codec.ByteFields.utf8;

import io.fraudstream.event.InputLimits;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Json;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A transaction on the repartition by card (the hop a transaction not keyed by its card takes), in binary: a kind
 * byte, the event time and amount, the id, card, merchant and currency, then the upstream features (name, value)
 * and attributes (name, value). The input topic's JSON, written and parsed again, was the hop's largest cost.
 *
 * <p>The record was validated when it was read from the transactions topic, but the repartition topic is open to
 * any producer, so a record is checked again as it is read: one that does not parse is refused as
 * {@code transaction.malformed}; one that parses but breaks the input contract (no id, a timestamp outside
 * 1970–2200, an amount negative or not finite, a feature not finite) gets the input's own reason. A tombstone is
 * {@code value.empty}, as on the input topic. A JSON record, written there by a version before this form, still
 * reads.
 */
public final class TransactionCodec {
    private static final byte TRANSACTION = 3;
    private static final String MALFORMED = "transaction.malformed";
    /** Kind, event time, amount, the two counts. */
    private static final int FIXED = 1 + 8 + 8 + 4 + 4;

    private TransactionCodec() {
    }

    public static Serde<Transaction> serde() {
        final Serializer<Transaction> write = (topic, t) -> t == null ? null : encode(t);
        final Deserializer<Transaction> read = (topic, bytes) -> {
            if (bytes == null || bytes.length == 0) {
                throw new InvalidRecordException("value.empty", "a transaction record without a value");
            }
            return ByteFields.isJson(bytes) ? TransactionJson.parse(bytes, InputLimits.NONE)
                    : decode(bytes);
        };
        return Serdes.serdeFrom(write, read);
    }

    public static byte[] encode(final Transaction t) {
        final byte[] id = utf8(t.id());
        final byte[] card = utf8(t.cardId());
        final byte[] merchant = utf8(t.merchantId());
        final byte[] currency = utf8(t.currency());
        int size = FIXED + stringBytes(id) + stringBytes(card) + stringBytes(merchant) + stringBytes(currency);
        final byte[][] featureNames = new byte[t.features().size()][];
        int i = 0;
        for (String name : t.features().keySet()) {
            featureNames[i] = utf8(name);
            size += stringBytes(featureNames[i++]) + 8;
        }
        final byte[][] attributes = new byte[2 * t.attributes().size()][];
        i = 0;
        for (Map.Entry<String, String> e : t.attributes().entrySet()) {
            attributes[i] = utf8(e.getKey());
            attributes[i + 1] = utf8(e.getValue());
            size += stringBytes(attributes[i]) + stringBytes(attributes[i + 1]);
            i += 2;
        }
        final ByteBuffer b = ByteBuffer.allocate(size).put(TRANSACTION).putLong(t.timestamp()).putDouble(t.amount());
        putString(b, id);
        putString(b, card);
        putString(b, merchant);
        putString(b, currency);
        b.putInt(featureNames.length);
        i = 0;
        for (Double value : t.features().values()) {
            putString(b, featureNames[i++]);
            b.putDouble(value);
        }
        b.putInt(t.attributes().size());
        for (byte[] field : attributes) {
            putString(b, field);
        }
        return b.array();
    }

    public static Transaction decode(final byte[] bytes) {
        final Transaction t = parse(bytes, MALFORMED, b -> {
            if (b.get() != TRANSACTION) {
                throw new IllegalArgumentException("not a transaction");
            }
            final long timestamp = b.getLong();
            final double amount = b.getDouble();
            final String id = readString(b);
            final String card = readString(b);
            final String merchant = readString(b);
            final String currency = readString(b);
            final int featureCount = count(b, 4 + 8);
            final Map<String, Double> features = featureCount == 0 ? Map.of() : new HashMap<>(capacity(featureCount));
            for (int n = 0; n < featureCount; n++) {
                features.put(name(b), b.getDouble());
            }
            final int attributeCount = count(b, 4 + 4);
            final Map<String, String> attributes = attributeCount == 0 ? Map.of()
                    : new HashMap<>(capacity(attributeCount));
            for (int n = 0; n < attributeCount; n++) {
                attributes.put(name(b), name(b));
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the record");
            }
            return new Transaction(id, timestamp, amount, card, merchant, currency, features, attributes);
        });
        return checked(t);
    }

    /** The input contract's checks that a record which parses may still break, with the input's reasons. */
    private static Transaction checked(final Transaction t) {
        if (t.id() == null || t.id().isBlank()) {
            throw new InvalidRecordException("id.missing", "id: required, non-empty string");
        }
        Json.checkTimestamp(t.timestamp(), "timestamp");
        if (!Double.isFinite(t.amount())) {
            throw new InvalidRecordException("amount.invalid", "amount: must be finite, was " + t.amount());
        }
        if (t.amount() < 0) {
            throw new InvalidRecordException("amount.negative", "amount: must be >= 0, was " + t.amount());
        }
        for (Map.Entry<String, Double> e : t.features().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new InvalidRecordException("features.invalid", "features." + e.getKey()
                        + ": must be finite, was " + e.getValue());
            }
        }
        return t;
    }

    /** A map's name or an attribute's value: never null. */
    private static String name(final ByteBuffer b) {
        final String s = readString(b);
        if (s == null) {
            throw new IllegalArgumentException("a null name or value");
        }
        return s;
    }

    /** An entry count, refused when the bytes left cannot hold that many entries of {@code entryBytes} at least. */
    private static int count(final ByteBuffer b, final int entryBytes) {
        final int count = b.getInt();
        if (count < 0 || count > b.remaining() / entryBytes) {
            throw new IllegalArgumentException("a count of " + count + " with " + b.remaining() + " bytes left");
        }
        return count;
    }

    private static int capacity(final int count) {
        return (int) (count / 0.75f) + 1;
    }
}
