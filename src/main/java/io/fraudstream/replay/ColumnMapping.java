package io.fraudstream.replay;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a historical file mean what. A column not named here becomes an upstream feature when its
 * values are numeric and a categorical attribute otherwise, unless excluded (a column that leaks the label, such
 * as a fraud-scenario column, must be excluded). The defaults match the files {@code generate} writes.
 *
 * @param idColumn          transaction id; when the file has no such column, row numbers serve as ids
 * @param timeColumn        event time; several columns, comma-separated, are joined by spaces before it is read
 * @param timeFormat        how the time is written
 * @param labelColumn       the label: 0/1 or true/false
 * @param amountColumn      the amount
 * @param cardColumn        card or customer, may be null; several columns, comma-separated, make one id
 * @param merchantColumn    merchant or terminal, may be null; several columns likewise
 * @param labelDelay        fixed delay after which each label becomes known (when no delay column)
 * @param labelDelayColumn  per-row label delay (seconds, or a duration such as {@code 3d}), may be null
 * @param excluded          columns to ignore
 */
public record ColumnMapping(String idColumn, String timeColumn, TimeParser timeFormat, String labelColumn,
                            String amountColumn, String cardColumn, String merchantColumn, Duration labelDelay,
                            String labelDelayColumn, Set<String> excluded) {
    public static ColumnMapping defaults() {
        return new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud", "amount", "cardId", "merchantId",
                Duration.ofDays(7), null, Set.of());
    }

    /** Every column with a role (never a feature), each of a role's several columns too. */
    Set<String> roles() {
        final Set<String> roles = new HashSet<>();
        for (String c : new String[] {idColumn, timeColumn, labelColumn, amountColumn, cardColumn, merchantColumn,
                labelDelayColumn}) {
            if (c != null) {
                roles.add(c);
                roles.addAll(names(c));
            }
        }
        return roles;
    }

    /**
     * The columns a flag names: the column of that name if the file has one, else the comma-separated names (a time
     * spread over {@code Year,Month,Day,Time}, a card identified by {@code User,Card}).
     */
    static List<String> parts(final String flag, final Set<String> columns) {
        if (flag == null) {
            return List.of();
        }
        return columns.contains(flag) ? List.of(flag) : names(flag);
    }

    /** The comma-separated names in a flag (the flag itself when it holds no comma, or nothing but commas). */
    private static List<String> names(final String flag) {
        final List<String> names = List.of(flag.split(",")).stream().map(String::trim).toList();
        return names.isEmpty() ? List.of(flag) : names;
    }

    /** {@link #parts}, when the file has every one of them; none otherwise (an optional role's column is absent). */
    static List<String> present(final String flag, final Set<String> columns) {
        final List<String> parts = parts(flag, columns);
        return columns.containsAll(parts) ? parts : List.of();
    }
}
