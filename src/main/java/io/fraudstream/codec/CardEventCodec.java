package io.fraudstream.codec;

import io.fraudstream.feature.CardHistory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A card's past transaction in the card window store: the amount (8 bytes), whether a merchant is known (1 byte)
 * and the merchant id (UTF-8); the event time is the window store's timestamp.
 */
public final class CardEventCodec {
    private CardEventCodec() {
    }

    /** An event's amount and merchant (its time is the window store's timestamp). */
    public static byte[] encode(final CardHistory.Event event) {
        final double amount = event.amount();
        final String merchant = event.merchant();
        final byte[] m = merchant == null ? new byte[0] : merchant.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + m.length).putDouble(amount).put((byte) (merchant == null ? 0 : 1)).put(m).array();
    }

    /** The event stored at {@code time}. */
    public static CardHistory.Event decode(final long time, final byte[] bytes) {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final double amount = b.getDouble();
        final String merchant = b.get() == 0 ? null
                : new String(bytes, 9, bytes.length - 9, StandardCharsets.UTF_8);
        return new CardHistory.Event(time, amount, merchant);
    }
}
