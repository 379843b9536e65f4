package io.fraudstream.replay;

import io.fraudstream.event.Label;
import io.fraudstream.event.Transaction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A historical file loaded for replay: valid rows as compact records sorted by event time, the rows skipped
 * with the line and reason of each, and the feature and attribute columns chosen. Column types are inferred from
 * the first {@value #SAMPLE_ROWS} rows: numeric when every non-empty value parses as a number, a date when every one
 * is a date ({@link DateValues}: a feature, the days from it to the transaction).
 *
 * <p>Memory. A replay holds the whole file, so a row's cost bounds the files it can take. Feature and attribute
 * values live in columns by row slot ({@link FeatureColumn}, {@link AttributeColumn}: a byte or two a value for the
 * counts, flags and categories that make up most of a wide public data set), not in arrays per row; and when the
 * ids are row numbers a row keeps its number, not a string, and no set of ids is needed to find duplicates.
 * Measured in docs/performance.md.
 */
public final class ReplayData {
    static final int SAMPLE_ROWS = 10_000;

    /**
     * One valid row; its feature and attribute values are the columns' at {@code slot}. {@code id} is null when
     * the ids are row numbers: {@code number} then.
     */
    record Row(long line, long number, String id, long time, double amount, String card, String merchant,
               boolean fraud, long labelTime, int slot) {
        @Override
        public String id() {
            return id != null ? id : Long.toString(number);
        }
    }

    /** A skipped row. */
    public record Skipped(long line, String reason) {
    }

    private final List<Row> byTime;
    private final List<Skipped> skipped;
    private final List<String> featureColumns;
    private final List<String> attributeColumns;
    /** The feature columns that are dates, read as days before the transaction ({@link DateValues}). */
    private final List<String> dateColumns;
    private final FeatureColumn[] featureValues;
    private final AttributeColumn[] attributeValues;
    private final long nonNumericFeatureValues;

    private ReplayData(final List<Row> byTime, final List<Skipped> skipped, final List<String> featureColumns,
                       final List<String> attributeColumns, final List<String> dateColumns,
                       final FeatureColumn[] featureValues, final AttributeColumn[] attributeValues,
                       final long nonNumericFeatureValues) {
        this.byTime = byTime;
        this.skipped = skipped;
        this.featureColumns = featureColumns;
        this.attributeColumns = attributeColumns;
        this.dateColumns = dateColumns;
        this.featureValues = featureValues;
        this.attributeValues = attributeValues;
        this.nonNumericFeatureValues = nonNumericFeatureValues;
    }

    public static ReplayData load(final Path file, final ColumnMapping mapping) throws IOException {
        final Set<String> columns = new LinkedHashSet<>();
        final Map<String, Boolean> numeric = new HashMap<>();
        final Map<String, Boolean> dates = new HashMap<>();
        try (RowReader reader = RowReader.open(file)) {
            columns.addAll(reader.header());
            for (int i = 0; i < SAMPLE_ROWS && reader.hasNext(); i++) {
                final RowReader.Row r = reader.next();
                for (Map.Entry<String, String> e : r.values().entrySet()) {
                    columns.add(e.getKey());
                    // a column stays numeric (or of dates) while every value is one: once not, not tested again
                    if (numeric.getOrDefault(e.getKey(), true)) {
                        numeric.put(e.getKey(), Decimals.isNumber(e.getValue()));
                    }
                    if (dates.getOrDefault(e.getKey(), true)) {
                        dates.put(e.getKey(), DateValues.isDate(e.getValue()));
                    }
                }
            }
        }
        final List<String> timeColumns = ColumnMapping.parts(mapping.timeColumn(), columns);
        for (String c : timeColumns) {
            require(columns, c, "--time-column");
        }
        require(columns, mapping.labelColumn(), "--label-column");
        require(columns, mapping.amountColumn(), "--amount-column");
        if (mapping.labelDelayColumn() != null) {
            require(columns, mapping.labelDelayColumn(), "--label-delay-column");
        }
        for (String excluded : mapping.excluded()) {
            require(columns, excluded, "--exclude-columns");
        }
        final String idColumn = columns.contains(mapping.idColumn()) ? mapping.idColumn() : null;
        final List<String> cardColumns = ColumnMapping.present(mapping.cardColumn(), columns);
        final List<String> merchantColumns = ColumnMapping.present(mapping.merchantColumn(), columns);
        final Set<String> roles = mapping.roles();
        final List<String> features = new ArrayList<>();
        final List<String> attributes = new ArrayList<>();
        final List<String> dateColumns = new ArrayList<>();
        for (String c : columns) {
            if (roles.contains(c) || mapping.excluded().contains(c)) {
                continue;
            }
            final boolean isNumeric = numeric.getOrDefault(c, false);
            final boolean isDates = !isNumeric && dates.getOrDefault(c, false);
            if (isDates) {
                dateColumns.add(c);
            }
            (isNumeric || isDates ? features : attributes).add(c);
        }
        final boolean[] isDate = new boolean[features.size()];
        for (int i = 0; i < isDate.length; i++) {
            isDate[i] = dateColumns.contains(features.get(i));
        }

        final List<Row> rows = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        // one instance per card and merchant: a fraction of the memory, and the card stage's merchant comparisons
        // are mostly by identity
        final Map<String, String> shared = new HashMap<>();
        final FeatureColumn[] featureValues = new FeatureColumn[features.size()];
        Arrays.setAll(featureValues, i -> new FeatureColumn());
        final AttributeColumn[] attributeValues = new AttributeColumn[attributes.size()];
        Arrays.setAll(attributeValues, i -> new AttributeColumn());
        final double[] f = new double[features.size()];
        final String[] a = new String[attributes.size()];
        long nonNumeric = 0;
        long rowNumber = 0;
        try (ReadAhead reader = new ReadAhead(RowReader.open(file))) {
            while (reader.hasNext()) {
                final RowReader.Row r = reader.next();
                rowNumber++;
                if (r.error() != null) {
                    skipped.add(new Skipped(r.line(), r.error()));
                    continue;
                }
                try {
                    final Map<String, String> v = r.values();
                    final String id = idColumn == null ? null : required(v, idColumn);
                    final long time = mapping.timeFormat().parse(joined(v, timeColumns, " ", true));
                    final double amount = Decimals.amount(required(v, mapping.amountColumn()));
                    final boolean fraud = parseLabel(required(v, mapping.labelColumn()));
                    final long delay = mapping.labelDelayColumn() == null ? mapping.labelDelay().toMillis()
                            : LabelDelays.ofRow(required(v, mapping.labelDelayColumn()));
                    for (int i = 0; i < f.length; i++) {
                        final String text = v.get(features.get(i));
                        f[i] = Double.NaN;
                        if (text != null) {
                            try {
                                f[i] = isDate[i] ? DateValues.daysBefore(text, time) : Decimals.number(text);
                            } catch (IllegalArgumentException e) { // a NumberFormatException too
                                nonNumeric++;
                            }
                            if (!Double.isFinite(f[i])) {
                                f[i] = Double.NaN;
                            }
                        }
                    }
                    for (int i = 0; i < a.length; i++) {
                        a[i] = v.get(attributes.get(i));
                    }
                    if (id != null && !ids.add(id)) {
                        throw new IllegalArgumentException("duplicate id '" + id + "'");
                    }
                    final String card = share(shared, joined(v, cardColumns, "/", false));
                    final String merchant = share(shared, joined(v, merchantColumns, "/", false));
                    final int slot = rows.size();
                    for (int i = 0; i < f.length; i++) {
                        featureValues[i].add(f[i]);
                    }
                    for (int i = 0; i < a.length; i++) {
                        attributeValues[i].add(a[i]);
                    }
                    rows.add(new Row(r.line(), rowNumber, id, time, amount, card, merchant, fraud, time + delay,
                            slot));
                } catch (IllegalArgumentException e) {
                    skipped.add(new Skipped(r.line(), e.getMessage()));
                }
            }
        }
        rows.sort(Comparator.comparingLong(Row::time).thenComparingLong(Row::line));
        return new ReplayData(List.copyOf(rows), List.copyOf(skipped), List.copyOf(features), List.copyOf(attributes),
                List.copyOf(dateColumns), featureValues, attributeValues, nonNumeric);
    }

    private static String share(final Map<String, String> shared, final String value) {
        return value == null ? null : shared.computeIfAbsent(value, v -> v);
    }

    private static void require(final Set<String> columns, final String column, final String flag) {
        if (column == null || !columns.contains(column)) {
            throw new IllegalArgumentException(flag + " '" + column + "' is not a column of the file; its columns: "
                    + columns);
        }
    }

    /**
     * The values of {@code columns} joined by {@code separator} (one column: its value); null if there are none or
     * one is missing, or, when {@code required}, an exception naming it.
     */
    private static String joined(final Map<String, String> v, final List<String> columns, final String separator,
                                 final boolean required) {
        if (columns.size() <= 1) {
            return columns.isEmpty() ? null : required ? required(v, columns.get(0)) : v.get(columns.get(0));
        }
        final StringJoiner joined = new StringJoiner(separator);
        for (String c : columns) {
            final String value = required ? required(v, c) : v.get(c);
            if (value == null) {
                return null;
            }
            joined.add(value.trim());
        }
        return joined.toString();
    }

    private static String required(final Map<String, String> v, final String column) {
        final String s = v.get(column);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(column + ": missing value");
        }
        return s;
    }

    static boolean parseLabel(final String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "true", "t", "yes", "y", "fraud" -> true;
            case "0", "0.0", "false", "f", "no", "n", "legit" -> false;
            default -> throw new IllegalArgumentException("label: expected 0/1, true/false or yes/no, was \"" + s
                    + "\"");
        };
    }

    /** The transaction as fraudstream receives it. */
    Transaction transaction(final Row r) {
        final Map<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < featureValues.length; i++) {
            final double x = featureValues[i].get(r.slot());
            if (!Double.isNaN(x)) {
                f.put(featureColumns.get(i), x);
            }
        }
        final Map<String, String> a = new TreeMap<>();
        for (int i = 0; i < attributeValues.length; i++) {
            final String x = attributeValues[i].get(r.slot());
            if (x != null) {
                a.put(attributeColumns.get(i), x);
            }
        }
        return new Transaction(r.id(), r.time(), r.amount(), r.card(), r.merchant(), null, f, a);
    }

    static Label label(final Row r) {
        return new Label(r.id(), r.fraud(), r.labelTime());
    }

    /** Valid rows in event-time order (ties by line). */
    List<Row> rows() {
        return byTime;
    }

    /** Valid rows in label-time order (ties by transaction time, then line). */
    List<Row> rowsByLabelTime() {
        final Row[] copy = byTime.toArray(new Row[0]);
        Arrays.sort(copy, LabelSchedule.ORDER);
        return List.of(copy);
    }

    /** This data without the feature columns named: their values are no longer held. */
    public ReplayData withoutFeatures(final Collection<String> columns) {
        final List<String> kept = new ArrayList<>();
        final List<FeatureColumn> keptValues = new ArrayList<>();
        for (int i = 0; i < featureColumns.size(); i++) {
            if (!columns.contains(featureColumns.get(i))) {
                kept.add(featureColumns.get(i));
                keptValues.add(featureValues[i]);
            }
        }
        return new ReplayData(byTime, skipped, List.copyOf(kept), attributeColumns,
                dateColumns.stream().filter(kept::contains).toList(), keptValues.toArray(new FeatureColumn[0]),
                attributeValues, nonNumericFeatureValues);
    }

    /** The first {@code n} valid rows by event time, with this data's columns (a slice to measure on). */
    public ReplayData head(final int n) {
        return new ReplayData(byTime.subList(0, Math.min(n, byTime.size())), skipped, featureColumns,
                attributeColumns, dateColumns, featureValues, attributeValues, nonNumericFeatureValues);
    }

    public int size() {
        return byTime.size();
    }

    public long frauds() {
        return byTime.stream().filter(Row::fraud).count();
    }

    public List<Skipped> skipped() {
        return skipped;
    }

    public List<String> featureColumns() {
        return featureColumns;
    }

    public List<String> attributeColumns() {
        return attributeColumns;
    }

    /** The feature columns read from dates: days from each value to the transaction's time. */
    public List<String> dateColumns() {
        return dateColumns;
    }

    /** Feature column {@code column}'s value in a row (NaN: missing). */
    double feature(final Row r, final int column) {
        return featureValues[column].get(r.slot());
    }

    /** Attribute column {@code column}'s value in a row (null: missing). */
    String attribute(final Row r, final int column) {
        return attributeValues[column].get(r.slot());
    }

    /** Non-numeric values met in numeric feature columns (read as missing). */
    public long nonNumericFeatureValues() {
        return nonNumericFeatureValues;
    }
}
