package io.fraudstream.codec;

import java.nio.ByteBuffer;

/** A merchant's counters of one day in the merchant window store: 48 four-byte integers, 192 bytes. */
public final class MerchantCountersCodec {
    private MerchantCountersCodec() {
    }

    /** A day's counters ({@code [hour] = transactions}, {@code [24 + hour] = frauds}); none stored: all 0. */
    public static int[] decode(final byte[] bytes) {
        final int[] c = new int[48];
        if (bytes != null) {
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            for (int i = 0; i < 48; i++) {
                c[i] = b.getInt();
            }
        }
        return c;
    }

    public static byte[] encode(final int[] counters) {
        final ByteBuffer b = ByteBuffer.allocate(192);
        for (int c : counters) {
            b.putInt(c);
        }
        return b.array();
    }
}
