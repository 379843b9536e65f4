package io.fraudstream.codec;

import io.fraudstream.event.InvalidRecordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The field encodings fraudstream's binary records share: strings as a length (-1: null) and UTF-8 bytes, and a
 * parse that turns any way a foreign or truncated record can fail into one dead-letter reason.
 */
final class ByteFields {
    private ByteFields() {
    }

    static byte[] utf8(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** A string's length prefix and bytes (a null one is the prefix -1 alone). */
    static int stringBytes(final byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    static void putString(final ByteBuffer b, final byte[] utf8) {
        if (utf8 == null) {
            b.putInt(-1);
        } else {
            b.putInt(utf8.length).put(utf8);
        }
    }

    static String readString(final ByteBuffer b) {
        final int length = b.getInt();
        if (length < 0) {
            return null;
        }
        final String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    /** {@code read} applied to {@code bytes}; a record it cannot read is refused with {@code reason}. */
    static <T> T parse(final byte[] bytes, final String reason, final Function<ByteBuffer, T> read) {
        try {
            return read.apply(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException
                 | NegativeArraySizeException e) {
            throw new InvalidRecordException(reason, "a record that does not parse (" + reason + "): " + e, e);
        }
    }

    /** Whether {@code bytes} are (or start as) a JSON object: a record written before the binary form. */
    static boolean isJson(final byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{';
    }
}
