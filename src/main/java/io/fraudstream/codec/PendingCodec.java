package io.fraudstream.codec;

import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.stage.PendingEntry;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The binary form of what waits for a label — a scored transaction on the pending repartition topic and a pending
 * entry in the pending store — instead of JSON that spells out every feature name. An engineered feature is written
 * as its index in the feature schema (one byte), any other (upstream {@code f.*}, hashed {@code a.*}) by name; the
 * reasons, which no outcome carries, are left out: 9 bytes an engineered feature, 56 plus the ids for the rest
 * (the sizes with the default features are in docs/how-it-works.md, "Pending join").
 *
 * <p>Each record carries the CRC of the schema it was written under. Read under another schema (the feature
 * settings changed across a restart) the indices mean nothing: the features are dropped, the rest — score,
 * decision, version, label — still joins, so evaluation keeps the outcome and the learner gets no features from it.
 * A record that does not parse is refused ({@code pending.malformed}).
 */
public final class PendingCodec {
    private static final byte SCORED = 1;
    private static final byte LABEL = 2;
    /** Schema CRC, event time, amount, score, decision, threshold, version, scoring time. */
    private static final int SCORED_FIXED = 4 + 8 + 8 + 8 + 1 + 8 + 8 + 8;
    private static final Decision[] DECISIONS = Decision.values();
    private final String[] names;
    private final Map<String, Integer> indices = new HashMap<>();
    private final int schemaCrc;

    public PendingCodec(final FeatureSchema schema) {
        final List<String> all = schema.names();
        this.names = all.stream().map(String::intern).toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            indices.put(names[i], i);
        }
        final CRC32 crc = new CRC32();
        crc.update(schema.id().getBytes(StandardCharsets.UTF_8));
        this.schemaCrc = (int) crc.getValue();
    }

    /** The pending repartition topic's serde; a JSON record written by an earlier version still reads. */
    public Serde<ScoredTransaction> scoredSerde() {
        final Deserializer<ScoredTransaction> json = EventSerdes.json(ScoredTransaction.class).deserializer();
        return EventSerdes.of(this::encodeScored,
                bytes -> isJson(bytes) ? json.deserialize(null, bytes) : decodeScored(bytes));
    }

    /** The pending store's serde; an entry stored as JSON by an earlier version still reads. */
    public Serde<PendingEntry> entrySerde() {
        final Deserializer<PendingEntry> json = EventSerdes.json(PendingEntry.class).deserializer();
        return EventSerdes.of(this::encodeEntry,
                bytes -> isJson(bytes) ? json.deserialize(null, bytes) : decodeEntry(bytes));
    }

    private static boolean isJson(final byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{';
    }

    public byte[] encodeScored(final ScoredTransaction s) {
        final FeatureVector x = s.features();
        final byte[] id = utf8(s.transactionId());
        final byte[] card = utf8(s.cardId());
        final byte[] merchant = utf8(s.merchantId());
        // code k > 0: schema name k - 1; 0: the name follows (named[i])
        final byte[] codes = new byte[x.size()];
        byte[][] named = null;
        int size = 1 + SCORED_FIXED + stringBytes(id) + stringBytes(card) + stringBytes(merchant) + 2 + 9 * x.size();
        for (int i = 0; i < x.size(); i++) {
            final Integer at = indices.get(x.names()[i]);
            if (at != null && at < 255) {
                codes[i] = (byte) (at + 1);
            } else {
                named = named == null ? new byte[x.size()][] : named;
                named[i] = utf8(x.names()[i]);
                size += stringBytes(named[i]);
            }
        }
        final ByteBuffer b = ByteBuffer.allocate(size).put(SCORED).putInt(schemaCrc).putLong(s.eventTime())
                .putDouble(s.amount()).putDouble(s.score()).put((byte) s.decision().ordinal())
                .putDouble(s.threshold()).putLong(s.modelVersion()).putLong(s.scoredAt());
        putString(b, id);
        putString(b, card);
        putString(b, merchant);
        b.putShort((short) x.size());
        for (int i = 0; i < x.size(); i++) {
            b.put(codes[i]);
            if (codes[i] == 0) {
                putString(b, named[i]);
            }
            b.putDouble(x.values()[i]);
        }
        return b.array();
    }

    public ScoredTransaction decodeScored(final byte[] bytes) {
        return read(bytes, b -> {
            expect(b, SCORED);
            return readScored(b);
        });
    }

    public byte[] encodeEntry(final PendingEntry e) {
        if (e.scored() != null) {
            return encodeScored(e.scored());
        }
        final Label l = e.label();
        final byte[] id = utf8(l.transactionId());
        final ByteBuffer b = ByteBuffer.allocate(1 + 1 + 8 + stringBytes(id)).put(LABEL)
                .put((byte) (l.fraud() ? 1 : 0)).putLong(l.timestamp());
        putString(b, id);
        return b.array();
    }

    public PendingEntry decodeEntry(final byte[] bytes) {
        return read(bytes, b -> {
            final byte kind = b.get();
            if (kind == SCORED) {
                return new PendingEntry(readScored(b), null);
            }
            if (kind != LABEL) {
                throw new IllegalArgumentException("kind " + kind);
            }
            final boolean fraud = b.get() == 1;
            final long time = b.getLong();
            return new PendingEntry(null, new Label(readString(b), fraud, time));
        });
    }

    private ScoredTransaction readScored(final ByteBuffer b) {
        final boolean sameSchema = b.getInt() == schemaCrc;
        final long eventTime = b.getLong();
        final double amount = b.getDouble();
        final double score = b.getDouble();
        final Decision decision = DECISIONS[b.get()];
        final double threshold = b.getDouble();
        final long version = b.getLong();
        final long scoredAt = b.getLong();
        final String id = readString(b);
        final String card = readString(b);
        final String merchant = readString(b);
        final int n = b.getShort();
        final String[] featureNames = new String[n];
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            final int code = b.get() & 0xff;
            if (code == 0) {
                final String name = readString(b);
                if (name == null) {
                    throw new IllegalArgumentException("a feature without a name");
                }
                featureNames[i] = name.intern();
            } else if (sameSchema) {
                featureNames[i] = names[code - 1];
            }
            values[i] = b.getDouble();
        }
        final FeatureVector x = sameSchema ? new FeatureVector(featureNames, values) : FeatureVector.EMPTY;
        return new ScoredTransaction(id, eventTime, amount, card, merchant, x, score, decision, threshold, version,
                scoredAt, List.of());
    }

    private static void expect(final ByteBuffer b, final byte kind) {
        if (b.get() != kind) {
            throw new IllegalArgumentException("not a scored transaction");
        }
    }

    private static byte[] utf8(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** A string's length prefix and bytes (a null one is the prefix -1 alone). */
    private static int stringBytes(final byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    private static void putString(final ByteBuffer b, final byte[] utf8) {
        if (utf8 == null) {
            b.putInt(-1);
        } else {
            b.putInt(utf8.length).put(utf8);
        }
    }

    private static String readString(final ByteBuffer b) {
        final int length = b.getInt();
        if (length < 0) {
            return null;
        }
        final String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    private static <T> T read(final byte[] bytes, final Function<ByteBuffer, T> read) {
        try {
            return read.apply(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException
                 | NegativeArraySizeException e) {
            throw new InvalidRecordException("pending.malformed", "a pending record that does not parse: " + e, e);
        }
    }
}
