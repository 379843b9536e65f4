package io.fraudstream.codec;

import java.nio.ByteBuffer;

/**
 * A few numbers a processor keeps beside its records, 8 bytes each: where the pending join's expiry stands, the
 * evaluator's next sequence number and clock.
 */
public final class LongsCodec {
    private LongsCodec() {
    }

    public static byte[] encode(final long... values) {
        final ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    public static long[] decode(final byte[] bytes) {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getLong();
        }
        return values;
    }
}
