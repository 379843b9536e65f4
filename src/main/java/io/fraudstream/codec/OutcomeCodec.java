package io.fraudstream.codec;

import static io.fraudstream.codec.ByteFields.parse;
import static io.fraudstream.codec.ByteFields.putString;
import static io.fraudstream.codec.ByteFields.readString;
import static io.fraudstream.codec.ByteFields.stringBytes;
import static io.fraudstream.codec.ByteFields.utf8;

import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.feature.FeatureSchema;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The outcomes topic's records. Every label crosses that topic once, written by the pending join and read by the
 * learner, the evaluator and the merchant counters; in JSON, with every feature named, reading and writing it took a
 * fifth of the stream thread while labels flowed (docs/performance.md, "Load test"). The binary form writes the
 * features as {@link FeatureVectorCodec} does (an engineered feature by its schema index) and the source as a byte.
 *
 * <p>Either form reads back whichever form was written: a JSON record (first byte <code>{</code>) from an earlier
 * version or from another producer, a binary one by its leading kind byte. Written in JSON when
 * {@code outcomes.format=json}, for consumers of the topic outside fraudstream. Every outcome read is
 * {@linkplain LabelledOutcome#checked() checked}; a binary record that does not parse is refused
 * ({@code outcome.malformed}); one written under another feature schema keeps everything but its features.
 */
public final class OutcomeCodec {
    private static final byte OUTCOME = 3;
    private static final String MALFORMED = "outcome.malformed";
    /** Schema CRC, event time, label time, fraud, source, amount, score, decision, version. */
    private static final int FIXED = 4 + 8 + 8 + 1 + 1 + 8 + 8 + 1 + 8;
    private static final byte SOURCE_LABEL = 0;
    private static final byte SOURCE_HORIZON = 1;
    private static final byte SOURCE_NAMED = 2;
    private static final Decision[] DECISIONS = Decision.values();
    private final FeatureVectorCodec features;

    public OutcomeCodec(final FeatureSchema schema) {
        this.features = new FeatureVectorCodec(schema);
    }

    /** The outcomes topic's serde: writes binary, or JSON when {@code json}; reads either, checked. */
    public Serde<LabelledOutcome> serde(final boolean json) {
        final Serde<LabelledOutcome> jsonSerde = EventSerdes.json(LabelledOutcome.class);
        final Serializer<LabelledOutcome> jsonWriter = jsonSerde.serializer();
        final Deserializer<LabelledOutcome> jsonReader = jsonSerde.deserializer();
        final Function<LabelledOutcome, byte[]> write = json ? o -> jsonWriter.serialize(null, o) : this::encode;
        return EventSerdes.of(write, bytes -> (ByteFields.isJson(bytes) ? jsonReader.deserialize(null, bytes)
                : decode(bytes)).checked());
    }

    public byte[] encode(final LabelledOutcome o) {
        final byte[] id = utf8(o.transactionId());
        final byte[] card = utf8(o.cardId());
        final byte[] merchant = utf8(o.merchantId());
        final byte source = sourceCode(o.source());
        final byte[] sourceName = source == SOURCE_NAMED ? utf8(o.source()) : null;
        final FeatureVectorCodec.Planned x = features.plan(o.features());
        final int size = 1 + FIXED + (source == SOURCE_NAMED ? stringBytes(sourceName) : 0) + stringBytes(id)
                + stringBytes(card) + stringBytes(merchant) + x.bytes();
        final ByteBuffer b = ByteBuffer.allocate(size).put(OUTCOME).putInt(features.crc()).putLong(o.eventTime())
                .putLong(o.labelTime()).put((byte) (o.fraud() ? 1 : 0)).put(source);
        if (source == SOURCE_NAMED) {
            putString(b, sourceName);
        }
        b.putDouble(o.amount()).putDouble(o.score()).put((byte) (o.decision() == null ? -1 : o.decision().ordinal()))
                .putLong(o.modelVersion());
        putString(b, id);
        putString(b, card);
        putString(b, merchant);
        features.encode(b, x);
        return b.array();
    }

    /** The outcome in {@code bytes}, unchecked; refused as {@code outcome.malformed} when it does not parse. */
    public LabelledOutcome decode(final byte[] bytes) {
        return parse(bytes, MALFORMED, b -> {
            if (b.get() != OUTCOME) {
                throw new IllegalArgumentException("not an outcome");
            }
            final boolean sameSchema = b.getInt() == features.crc();
            final long eventTime = b.getLong();
            final long labelTime = b.getLong();
            final boolean fraud = b.get() == 1;
            final String source = source(b);
            final double amount = b.getDouble();
            final double score = b.getDouble();
            final int decision = b.get();
            final long version = b.getLong();
            final String id = readString(b);
            final String card = readString(b);
            final String merchant = readString(b);
            final FeatureVector x = features.decode(b, sameSchema);
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the outcome");
            }
            return new LabelledOutcome(id, eventTime, labelTime, fraud, source, amount, card, merchant, score,
                    decision < 0 ? null : DECISIONS[decision], version, x);
        });
    }

    private static byte sourceCode(final String source) {
        if (LabelledOutcome.SOURCE_LABEL.equals(source)) {
            return SOURCE_LABEL;
        }
        return LabelledOutcome.SOURCE_HORIZON.equals(source) ? SOURCE_HORIZON : SOURCE_NAMED;
    }

    private static String source(final ByteBuffer b) {
        return switch (b.get()) {
            case SOURCE_LABEL -> LabelledOutcome.SOURCE_LABEL;
            case SOURCE_HORIZON -> LabelledOutcome.SOURCE_HORIZON;
            case SOURCE_NAMED -> readString(b);
            default -> throw new IllegalArgumentException("an unknown source");
        };
    }
}
