package io.fraudstream.codec;

import io.fraudstream.eval.RollingEvaluator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An outcome as the evaluator keeps it in its store, keyed by sequence number: event and label time, amount, the
 * champion's and the challenger's score, a flags byte (fraud, each model's alert), the card id (length-prefixed,
 * -1: none) and the model version (absent in entries stored before versions were kept: read as -1).
 */
public final class EvaluatorEntryCodec {
    private EvaluatorEntryCodec() {
    }

    public static byte[] encode(final RollingEvaluator.Entry e) {
        final byte[] card = e.card() == null ? null : e.card().getBytes(StandardCharsets.UTF_8);
        final ByteBuffer b = ByteBuffer.allocate(8 * 6 + 1 + 4 + (card == null ? 0 : card.length));
        b.putLong(e.eventTime()).putLong(e.labelTime()).putDouble(e.amount()).putDouble(e.score(0))
                .putDouble(e.score(1));
        b.put((byte) ((e.fraud() ? 1 : 0) | (e.alerted(0) ? 2 : 0) | (e.alerted(1) ? 4 : 0)));
        b.putInt(card == null ? -1 : card.length);
        if (card != null) {
            b.put(card);
        }
        b.putLong(e.modelVersion());
        return b.array();
    }

    /** The entry stored under {@code seq}. */
    public static RollingEvaluator.Entry decode(final long seq, final byte[] value) {
        final ByteBuffer b = ByteBuffer.wrap(value);
        final long eventTime = b.getLong();
        final long labelTime = b.getLong();
        final double amount = b.getDouble();
        final double champion = b.getDouble();
        final double challenger = b.getDouble();
        final byte flags = b.get();
        final int cardLength = b.getInt();
        String card = null;
        if (cardLength >= 0) {
            final byte[] bytes = new byte[cardLength];
            b.get(bytes);
            card = new String(bytes, StandardCharsets.UTF_8);
        }
        final long version = b.remaining() >= 8 ? b.getLong() : -1; // stored before versions were kept: unknown
        return new RollingEvaluator.Entry(seq, eventTime, labelTime, (flags & 1) != 0, amount, card, champion,
                (flags & 2) != 0, challenger, (flags & 4) != 0, version);
    }
}
