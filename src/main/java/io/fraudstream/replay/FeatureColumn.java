package io.fraudstream.replay;

import java.util.Arrays;

/**
 * One numeric column of a replayed file, a value per row (NaN: missing), stored by row number. Public data sets are
 * wide and their columns mostly repeat a few values: the IEEE-CIS data has 380 numeric columns, most of them
 * counts and flags, over 590 540 rows, which as a {@code double[]} per row took 1.8 GB before a single transaction
 * was replayed. So while a column has at most {@value #MAX_DICTIONARY} distinct values (compared by their bits, so
 * every value reads back exactly) it keeps each once and a row holds its value's code ({@link Codes}: a byte or two);
 * past that, its codes are turned into the values themselves, 8 bytes a row, as before.
 */
final class FeatureColumn {
    static final int MAX_DICTIONARY = 1 << 16;

    private Codes codes = new Codes();
    private double[] dictionary = new double[16];
    private int distinct;
    /** Open addressing over the dictionary: a slot holds a code + 1, 0 when empty; at most half full. */
    private int[] table = new int[32];
    /** Values by row once the dictionary has grown too large; null before. */
    private double[] raw;
    private int size;

    void add(final double value) {
        if (raw == null) {
            final int code = code(value);
            if (code >= 0) {
                codes.add(code);
                size++;
                return;
            }
            raw = new double[Math.max(16, size + (size >> 1))];
            for (int i = 0; i < size; i++) {
                raw[i] = dictionary[codes.get(i)];
            }
            codes = null;
            dictionary = null;
            table = null;
        }
        if (size == raw.length) {
            raw = Arrays.copyOf(raw, size + (size >> 1) + 16);
        }
        raw[size++] = value;
    }

    double get(final int row) {
        if (raw != null) {
            if (row >= size) {
                throw new IndexOutOfBoundsException(row + " of " + size);
            }
            return raw[row];
        }
        return dictionary[codes.get(row)];
    }

    /** Bytes a row's value takes now (the dictionary aside). */
    int width() {
        return raw != null ? Double.BYTES : codes.width();
    }

    /** The value's code, added to the dictionary if new; -1 when the dictionary is full. */
    private int code(final double value) {
        final long bits = Double.doubleToLongBits(value);
        final int mask = table.length - 1;
        int slot = hash(bits) & mask;
        while (table[slot] != 0) {
            final int code = table[slot] - 1;
            if (Double.doubleToLongBits(dictionary[code]) == bits) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
        if (distinct == MAX_DICTIONARY) {
            return -1;
        }
        if (distinct == dictionary.length) {
            dictionary = Arrays.copyOf(dictionary, distinct * 2);
        }
        dictionary[distinct] = value;
        table[slot] = ++distinct;
        if (distinct * 2 > table.length) {
            rehash();
        }
        return distinct - 1;
    }

    private void rehash() {
        table = new int[table.length * 2];
        final int mask = table.length - 1;
        for (int code = 0; code < distinct; code++) {
            int slot = hash(Double.doubleToLongBits(dictionary[code])) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = code + 1;
        }
    }

    private static int hash(final long bits) {
        final long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
