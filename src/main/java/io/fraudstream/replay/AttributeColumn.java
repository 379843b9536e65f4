package io.fraudstream.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One text column of a replayed file, a value per row (null: missing), stored by row number: each distinct value
 * once, and a row holds its value's code ({@link Codes}), a byte while the column has at most 255 distinct values.
 */
final class AttributeColumn {
    private final Codes codes = new Codes();
    /** Values by code; code 0 is the missing value. */
    private final List<String> values = new ArrayList<>(List.of(""));
    private final Map<String, Integer> index = new HashMap<>();

    void add(final String value) {
        if (value == null) {
            codes.add(0);
            return;
        }
        Integer code = index.get(value);
        if (code == null) {
            code = values.size();
            values.add(value);
            index.put(value, code);
        }
        codes.add(code);
    }

    String get(final int row) {
        final int code = codes.get(row);
        return code == 0 ? null : values.get(code);
    }
}
