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
 * Reads rows of a CSV file (with a header line; RFC 4180 quoting) or a JSON Lines file, plain or gzip
 * (recognised by its magic bytes, whatever the file is called). Each row is a map column → text, in column
 * order; empty CSV fields and JSON nulls are absent. The format is taken from the extension ({@code .csv},
 * {@code .jsonl}, {@code .json}, {@code .ndjson}, optionally followed by {@code .gz}), else from the first
 * character.
 */
public final class RowReader implements Closeable, Iterator<RowReader.Row> {
    /** One row: its line number in the file (1-based, header included) and its values, or why it is unreadable. */
    public record Row(long line, Map<String, String> values, String error) {
    }

    private final BufferedReader in;
    private final boolean csv;
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
            header = new ArrayList<>();
            for (String h : splitCsv(stripBom(first))) {
                header.add(h.trim());
            }
        } else {
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
            while (countQuotes(text) % 2 == 1) {
                final String more = in.readLine();
                if (more == null) {
                    next = new Row(at, Map.of(), "unterminated quoted field");
                    return;
                }
                line++;
                text = text + "\n" + more;
            }
            final List<String> fields = splitCsv(text);
            if (fields.size() != header.size()) {
                next = new Row(at, Map.of(), "expected " + header.size() + " fields, found " + fields.size());
                return;
            }
            final Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).isEmpty()) {
                    values.put(header.get(i), fields.get(i));
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

    private static int countQuotes(final String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == '"' ? 1 : 0;
        }
        return n;
    }

    /** Splits one CSV record; quotes may enclose commas, newlines and doubled quotes. */
    static List<String> splitCsv(final String s) {
        final List<String> out = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
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
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static String stripBom(final String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
