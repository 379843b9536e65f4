package io.fraudstream.codec;

import static io.fraudstream.codec.ByteFields.parse;
import static io.fraudstream.codec.ByteFields.putString;
import static io.fraudstream.codec.ByteFields.readString;
import static io.fraudstream.codec.ByteFields.stringBytes;
import static io.fraudstream.codec.ByteFields.utf8;

import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.stage.PendingEntry;
import java.nio.ByteBuffer;
import java.util.List;
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
    private static final String MALFORMED = "pending.malformed";
    /** Schema CRC, event time, amount, score, decision, threshold, version, scoring time. */
    private static final int SCORED_FIXED = 4 + 8 + 8 + 8 + 1 + 8 + 8 + 8;
    private static final Decision[] DECISIONS = Decision.values();
    private final FeatureVectorCodec features;

    public PendingCodec(final FeatureSchema schema) {
        this.features = new FeatureVectorCodec(schema);
    }

    /** The pending repartition topic's serde; a JSON record written by an earlier version still reads. */
    public Serde<ScoredTransaction> scoredSerde() {
        final Deserializer<ScoredTransaction> json = EventSerdes.json(ScoredTransaction.class).deserializer();
        return EventSerdes.of(this::encodeScored,
                bytes -> ByteFields.isJson(bytes) ? json.deserialize(null, bytes) : decodeScored(bytes));
    }

    /** The pending store's serde; an entry stored as JSON by an earlier version still reads. */
    public Serde<PendingEntry> entrySerde() {
        final Deserializer<PendingEntry> json = EventSerdes.json(PendingEntry.class).deserializer();
        return EventSerdes.of(this::encodeEntry,
                bytes -> ByteFields.isJson(bytes) ? json.deserialize(null, bytes) : decodeEntry(bytes));
    }

    public byte[] encodeScored(final ScoredTransaction s) {
        final byte[] id = utf8(s.transactionId());
        final byte[] card = utf8(s.cardId());
        final byte[] merchant = utf8(s.merchantId());
        final FeatureVectorCodec.Planned x = features.plan(s.features());
        final int size = 1 + SCORED_FIXED + stringBytes(id) + stringBytes(card) + stringBytes(merchant) + x.bytes();
        final ByteBuffer b = ByteBuffer.allocate(size).put(SCORED).putInt(features.crc()).putLong(s.eventTime())
                .putDouble(s.amount()).putDouble(s.score()).put((byte) s.decision().ordinal())
                .putDouble(s.threshold()).putLong(s.modelVersion()).putLong(s.scoredAt());
        putString(b, id);
        putString(b, card);
        putString(b, merchant);
        features.encode(b, x);
        return b.array();
    }

    public ScoredTransaction decodeScored(final byte[] bytes) {
        return parse(bytes, MALFORMED, b -> {
            if (b.get() != SCORED) {
                throw new IllegalArgumentException("not a scored transaction");
            }
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
        return parse(bytes, MALFORMED, b -> {
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
        final boolean sameSchema = b.getInt() == features.crc();
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
        final FeatureVector x = features.decode(b, sameSchema);
        return new ScoredTransaction(id, eventTime, amount, card, merchant, x, score, decision, threshold, version,
                scoredAt, List.of());
    }
}
