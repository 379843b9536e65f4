package io.fraudstream.topology;

import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.feature.FeatureVector;
import io.fraudstream.stage.PendingEntry;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
final class PendingCodec {
    private static final byte SCORED = 1;
    private static final byte LABEL = 2;
    private static final Decision[] DECISIONS = Decision.values();
    private final String[] names;
    private final Map<String, Integer> indices = new HashMap<>();
    private final int schemaCrc;

    PendingCodec(final FeatureSchema schema) {
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
    Serde<ScoredTransaction> scoredSerde() {
        final Deserializer<ScoredTransaction> json = EventSerdes.json(ScoredTransaction.class).deserializer();
        return EventSerdes.of(this::scored, bytes -> isJson(bytes) ? json.deserialize(null, bytes) : scored(bytes));
    }

    /** The pending store's serde; an entry stored as JSON by an earlier version still reads. */
    Serde<PendingEntry> entrySerde() {
        final Deserializer<PendingEntry> json = EventSerdes.json(PendingEntry.class).deserializer();
        return EventSerdes.of(this::entry, bytes -> isJson(bytes) ? json.deserialize(null, bytes) : entry(bytes));
    }

    private static boolean isJson(final byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{';
    }

    byte[] scored(final ScoredTransaction s) {
        final Writer w = new Writer(160 + 12 * s.features().size());
        w.b.put(SCORED);
        writeScored(w, s);
        return w.bytes();
    }

    ScoredTransaction scored(final byte[] bytes) {
        return read(bytes, b -> {
            expect(b, SCORED);
            return readScored(b);
        });
    }

    byte[] entry(final PendingEntry e) {
        if (e.scored() != null) {
            return scored(e.scored());
        }
        final Label l = e.label();
        final Writer w = new Writer(32);
        w.b.put(LABEL).put((byte) (l.fraud() ? 1 : 0)).putLong(l.timestamp());
        w.string(l.transactionId());
        return w.bytes();
    }

    PendingEntry entry(final byte[] bytes) {
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

    private void writeScored(final Writer w, final ScoredTransaction s) {
        w.b.putInt(schemaCrc).putLong(s.eventTime()).putDouble(s.amount()).putDouble(s.score())
                .put((byte) s.decision().ordinal()).putDouble(s.threshold()).putLong(s.modelVersion())
                .putLong(s.scoredAt());
        w.string(s.transactionId());
        w.string(s.cardId());
        w.string(s.merchantId());
        final FeatureVector x = s.features();
        w.b.putShort((short) x.size());
        for (int i = 0; i < x.size(); i++) {
            w.ensure(9);
            final Integer at = indices.get(x.names()[i]);
            if (at != null && at < 255) {
                w.b.put((byte) (at + 1));
            } else {
                w.b.put((byte) 0);
                w.string(x.names()[i]);
            }
            w.b.putDouble(x.values()[i]);
        }
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
                featureNames[i] = readString(b).intern();
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

    private static String readString(final ByteBuffer b) {
        final int length = b.getInt();
        if (length < 0) {
            return null;
        }
        final String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    private interface Read<T> {
        T from(ByteBuffer b);
    }

    private static <T> T read(final byte[] bytes, final Read<T> read) {
        try {
            return read.from(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException
                 | NegativeArraySizeException e) {
            throw new InvalidRecordException("pending.malformed", "a pending record that does not parse: " + e, e);
        }
    }

    /** A growable buffer. */
    private static final class Writer {
        private ByteBuffer b;

        Writer(final int size) {
            b = ByteBuffer.allocate(size);
        }

        void string(final String s) {
            if (s == null) {
                ensure(4);
                b.putInt(-1);
                return;
            }
            final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length + 32);
            b.putInt(bytes.length).put(bytes);
        }

        void ensure(final int more) {
            if (b.remaining() < more) {
                final ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
                b.flip();
                b = bigger.put(b);
            }
        }

        byte[] bytes() {
            final byte[] out = new byte[b.position()];
            System.arraycopy(b.array(), 0, out, 0, out.length);
            return out;
        }
    }
}
