package io.fraudstream.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.event.Json;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads rows of a CSV file (with a header line; RFC 4180 quoting; fields separated by commas, or by the semicolons,
 * tabs or bars its header shows, see {@link #delimiter}) or a JSON Lines file, plain or gzip
 * (recognised by its magic bytes, whatever the file is called). Each row is a map column → text, in column
 * order; empty CSV fields and JSON nulls are absent. The format is taken from the extension ({@code .csv},
 * {@code .jsonl}, {@code .json}, {@code .ndjson}, optionally followed by {@code .gz}), else from the first
 * character.
 *
 * <p>Quotes. A quote opens a quoted field only where the field begins (after blanks at most), as RFC 4180 has it;
 * inside an unquoted field it is a character like any other. Real files hold {@code 27" monitor}: counting every
 * quote, as this reader once did, took such a row for the start of a field running on to the next stray quote,
 * and gluing line after line to it made reading quadratic (a 200 000-row file with one such row in its tenth line
 * did not finish in two minutes). A quoted field open for more than {@value #MAX_RECORD_CHARS} characters is an
 * unterminated one: its row is skipped with that reason.
 */
public final class RowReader implements Closeable, Iterator<RowReader.Row> {
    /** One row: its line number in the file (1-based, header included) and its values, or why it is unreadable. */
    public record Row(long line, Map<String, String> values, String error) {
    }

    static final int MAX_RECORD_CHARS = 1 << 20;
    private final BufferedReader in;
    private final boolean csv;
    /** The CSV file's field separator, from its header ({@link #delimiter}). */
    private final char delimiter;
    private final List<String> header;
    private long line;
    private Row next;

    private RowReader(final BufferedReader in, final boolean csv) throws IOException {
        this.in = in;
        this.csv = csv;
        if (csv) {
            final String first = in.readLine();
            if (first == null) {
                throw new IOException("empty file: no header line");
            }
            line = 1;
            final String headerLine = stripBom(first);
            delimiter = delimiter(headerLine);
            header = new ArrayList<>();
            for (String h : splitCsv(headerLine, delimiter)) {
                header.add(h.trim());
            }
        } else {
            delimiter = ',';
            header = List.of();
        }
        advance();
    }

    public static RowReader open(final Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        final boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        if (gzip) {
            raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        final BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
        boolean csv;
        if (name.endsWith(".csv")) {
            csv = true;
        } else if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            csv = false;
        } else {
            reader.mark(4);
            int c = reader.read();
            if (c == 0xFEFF) {
                c = reader.read();
            }
            reader.reset();
            csv = c != '{';
        }
        return new RowReader(reader, csv);
    }

    /** Column names of a CSV file (empty for JSON Lines, whose rows name their own fields). */
    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Row next() {
        final Row r = next;
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException("read failed after line " + line, e);
        }
        return r;
    }

    private void advance() throws IOException {
        next = null;
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return;
            }
            line++;
        } while (text.isBlank());
        final long at = line;
        if (csv) {
            // a quoted field may span lines
            if (endsInQuotes(text, false, delimiter)) {
                final StringBuilder record = new StringBuilder(text);
                boolean open = true;
                while (open) {
                    final String more = in.readLine();
                    if (more == null || record.length() + more.length() > MAX_RECORD_CHARS) {
                        next = new Row(at, Map.of(), more == null ? "unterminated quoted field"
                                : "quoted field open for more than " + MAX_RECORD_CHARS + " characters");
                        if (more != null) {
                            line++;
                        }
                        return;
                    }
                    line++;
                    record.append('\n').append(more);
                    open = endsInQuotes(more, true, delimiter);
                }
                text = record.toString();
            }
            final List<String> fields = splitCsv(text, delimiter);
            if (fields.size() != header.size()) {
                next = new Row(at, Map.of(), "expected " + header.size() + " fields, found " + fields.size());
                return;
            }
            final Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).isEmpty()) {
                    values.put(header.get(i), delimiter == ';' ? decimalPoint(fields.get(i)) : fields.get(i));
                }
            }
            next = new Row(at, values, null);
        } else {
            try {
                final JsonNode node = Json.MAPPER.readTree(text);
                if (node == null || !node.isObject()) {
                    next = new Row(at, Map.of(), "not a JSON object");
                    return;
                }
                final Map<String, String> values = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                    }
                });
                next = new Row(at, values, null);
            } catch (IOException e) {
                next = new Row(at, Map.of(), "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** Whether a quoted field is still open at the end of {@code s}, given whether it was at its start. */
    static boolean endsInQuotes(final String s, final boolean open, final char delimiter) {
        boolean quoted = open;
        boolean fieldStart = !open;
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == delimiter) {
                fieldStart = true;
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c != ' ' && c != '\t') {
                fieldStart = false;
            }
        }
        return quoted;
    }

    /**
     * Splits one CSV record; quotes at a field's start may enclose commas, newlines and doubled quotes (elsewhere a
     * quote is kept as it is, see {@link #endsInQuotes}).
     */
    static List<String> splitCsv(final String s, final char delimiter) {
        final List<String> out = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c != '\r') {
                field.append(c);
                fieldStart &= c == ' ' || c == '\t';
            }
        }
        out.add(field.toString());
        return out;
    }

    /**
     * The field separator a header line uses: of comma, semicolon, tab and bar, the one it holds most often outside
     * quotes (a comma when none or a tie). Spreadsheets in much of Europe write semicolons, with decimal commas.
     */
    static char delimiter(final String header) {
        final String candidates = ",;\t|";
        final int[] counts = new int[candidates.length()];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            final char c = header.charAt(i);
            quoted ^= c == '"';
            final int k = candidates.indexOf(c);
            if (!quoted && k >= 0) {
                counts[k]++;
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return candidates.charAt(best);
    }

    /** In a semicolon-separated file, a decimal comma read as a point ({@code 12,5} is 12.5); other text as it is. */
    static String decimalPoint(final String field) {
        final int comma = field.indexOf(',');
        if (comma < 0 || comma != field.lastIndexOf(',')) {
            return field;
        }
        final String number = field.substring(0, comma) + '.' + field.substring(comma + 1);
        return Decimals.isDecimal(number.trim()) ? number : field;
    }

    private static String stripBom(final String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
