package io.fraudstream.replay;

import java.util.Arrays;

/**
 * Non-negative int codes, one per row, appended in row order and read by row. They are stored one byte wide while
 * every code fits in a byte, then two, then four: the array is widened (one copy) when the first code too large for
 * it comes. A column of a replayed file with up to 256 distinct values costs a byte a row.
 */
final class Codes {
    private byte[] bytes = new byte[16];
    private char[] chars;
    private int[] ints;
    private int size;

    void add(final int code) {
        if (code < 0) {
            throw new IllegalArgumentException("negative code " + code);
        }
        if (bytes != null && code > 0xFF) {
            chars = new char[capacity()];
            for (int i = 0; i < size; i++) {
                chars[i] = (char) (bytes[i] & 0xFF);
            }
            bytes = null;
        }
        if (chars != null && code > 0xFFFF) {
            ints = new int[capacity()];
            for (int i = 0; i < size; i++) {
                ints[i] = chars[i];
            }
            chars = null;
        }
        if (size == capacity()) {
            final int grown = size + (size >> 1) + 16;
            if (bytes != null) {
                bytes = Arrays.copyOf(bytes, grown);
            } else if (chars != null) {
                chars = Arrays.copyOf(chars, grown);
            } else {
                ints = Arrays.copyOf(ints, grown);
            }
        }
        if (bytes != null) {
            bytes[size] = (byte) code;
        } else if (chars != null) {
            chars[size] = (char) code;
        } else {
            ints[size] = code;
        }
        size++;
    }

    int get(final int row) {
        if (row >= size) {
            throw new IndexOutOfBoundsException(row + " of " + size);
        }
        return bytes != null ? bytes[row] & 0xFF : chars != null ? chars[row] : ints[row];
    }

    int size() {
        return size;
    }

    /** Bytes a code takes now: 1, 2 or 4. */
    int width() {
        return bytes != null ? 1 : chars != null ? 2 : 4;
    }

    private int capacity() {
        return bytes != null ? bytes.length : chars != null ? chars.length : ints.length;
    }
}
