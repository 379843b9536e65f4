package io.fraudstream.replay;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Which columns of a historical file mean what. A column not named here becomes an upstream feature when its
 * values are numeric and a categorical attribute otherwise, unless excluded (a column that leaks the label, such
 * as a fraud-scenario column, must be excluded). The defaults match the files {@code generate} writes.
 *
 * @param idColumn          transaction id; when the file has no such column, row numbers serve as ids
 * @param timeColumn        event time
 * @param timeFormat        how the time is written
 * @param labelColumn       the label: 0/1 or true/false
 * @param amountColumn      the amount
 * @param cardColumn        card or customer, may be null
 * @param merchantColumn    merchant or terminal, may be null
 * @param labelDelay        fixed delay after which each label becomes known (when no delay column)
 * @param labelDelayColumn  per-row label delay (seconds, or a duration such as {@code 3d}), may be null
 * @param excluded          columns to ignore
 */
public record ColumnMapping(String idColumn, String timeColumn, TimeFormat timeFormat, String labelColumn,
                            String amountColumn, String cardColumn, String merchantColumn, Duration labelDelay,
                            String labelDelayColumn, Set<String> excluded) {
    public static ColumnMapping defaults() {
        return new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud", "amount", "cardId", "merchantId",
                Duration.ofDays(7), null, Set.of());
    }

    /** Every column with a role (never a feature). */
    Set<String> roles() {
        final Set<String> roles = new HashSet<>();
        for (String c : new String[] {idColumn, timeColumn, labelColumn, amountColumn, cardColumn, merchantColumn,
                labelDelayColumn}) {
            if (c != null) {
                roles.add(c);
            }
        }
        return roles;
    }
}
