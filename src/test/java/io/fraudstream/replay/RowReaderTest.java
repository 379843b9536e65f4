package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowReaderTest {
    @TempDir
    Path dir;

    private static List<RowReader.Row> readAll(final Path file) throws IOException {
        final List<RowReader.Row> rows = new ArrayList<>();
        try (RowReader r = RowReader.open(file)) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    private Path gzip(final String name, final String text) throws IOException {
        final Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void csvWithQuotesBomBlankLinesAndEmptyFields() throws IOException {
        final Path p = Files.writeString(dir.resolve("t.csv"), "\uFEFFid,note,amount\r\n"
                + "1,\"a, b\",10\r\n\r\n2,\"say \"\"hi\"\"\",\n3,\"two\nlines\",7\n");
        final List<RowReader.Row> rows = readAll(p);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).values()).containsEntry("id", "1").containsEntry("note", "a, b").containsEntry("amount", "10");
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(1).values()).containsEntry("note", "say \"hi\"").doesNotContainKey("amount");
        assertThat(rows.get(1).line()).isEqualTo(4); // the blank line 3 is skipped, numbering is kept
        assertThat(rows.get(2).values()).containsEntry("note", "two\nlines");
        assertThat(rows.get(2).line()).isEqualTo(5);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsACharacterAndSwallowsNoRow() throws IOException {
        final StringBuilder csv = new StringBuilder("id,item,amount\n1,Samsung 27\" monitor,10\n2, \"a, b\",5\n");
        for (int i = 3; i < 200_000; i++) {
            csv.append(i).append(",book,").append(i).append('\n');
        }
        csv.append("200000,9\" nails,1\n");
        final List<RowReader.Row> rows = readAll(Files.writeString(dir.resolve("inches.csv"), csv));
        assertThat(rows).hasSize(200_000).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(rows.get(0).values()).containsEntry("item", "Samsung 27\" monitor");
        assertThat(rows.get(1).values()).containsEntry("item", " a, b"); // quoted after a blank
        assertThat(rows.get(2).values()).containsEntry("id", "3").containsEntry("item", "book");
        assertThat(rows.get(199_999).values()).containsEntry("item", "9\" nails");
    }

    @Test
    void aQuotedFieldLeftOpenIsSkippedAfterItsBoundAndReadingGoesOn() throws IOException {
        final StringBuilder csv = new StringBuilder("id,note\n1,\"never closed\n");
        final String filler = "x".repeat(1000) + "\n";
        csv.append(filler.repeat(RowReader.MAX_RECORD_CHARS / filler.length() + 1));
        csv.append("2,fine\n3,also fine\n");
        final List<RowReader.Row> rows = readAll(Files.writeString(dir.resolve("open.csv"), csv));
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).error()).isEqualTo("quoted field open for more than " + RowReader.MAX_RECORD_CHARS
                + " characters");
        assertThat(rows.get(rows.size() - 2).values()).containsEntry("id", "2").containsEntry("note", "fine");
        assertThat(rows.get(rows.size() - 1).values()).containsEntry("id", "3");
        assertThat(rows.get(rows.size() - 1).line()).isEqualTo(2L + RowReader.MAX_RECORD_CHARS / filler.length() + 1 + 2);
    }

    @Test
    void semicolonsTabsAndBarsSeparateFieldsWhenTheHeaderSaysSo() throws IOException {
        final List<RowReader.Row> semicolons = readAll(Files.writeString(dir.resolve("eu.csv"),
                "id;betrag;notiz;\"a;b\"\n1;12,50;\"x; y\";1,2,3\n2;-0,5;1.234;7\n"));
        assertThat(semicolons).extracting(RowReader.Row::values).containsExactly(
                Map.of("id", "1", "betrag", "12.50", "notiz", "x; y", "a;b", "1,2,3"),
                Map.of("id", "2", "betrag", "-0.5", "notiz", "1.234", "a;b", "7"));
        final List<RowReader.Row> tabs = readAll(Files.writeString(dir.resolve("t.csv"),
                "id\tamount\tnote\n1\t12,5\ta, b\n"));
        assertThat(tabs.get(0).values()).containsExactly(Map.entry("id", "1"), Map.entry("amount", "12,5"),
                Map.entry("note", "a, b")); // a decimal comma only where semicolons separate
        assertThat(readAll(Files.writeString(dir.resolve("bars.csv"), "id|amount\n1|5\n")).get(0).values())
                .containsEntry("amount", "5");
        assertThat(RowReader.delimiter("\"a,b;c\";d")).isEqualTo(';'); // not inside quotes
        assertThat(RowReader.delimiter("a;b,c")).isEqualTo(','); // a tie: the comma
        assertThat(RowReader.delimiter("amount")).isEqualTo(',');
    }

    @Test
    void aCsvRowWithTheWrongNumberOfFieldsIsAnErrorNamingItsLine() throws IOException {
        final Path p = Files.writeString(dir.resolve("t.csv"), "id,amount\n1,5\n2,6,7\n3,8\n");
        final List<RowReader.Row> rows = readAll(p);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).error()).isEqualTo("expected 2 fields, found 3");
        assertThat(rows.get(2).values()).containsEntry("id", "3");
    }

    @Test
    void jsonLinesPlainAndGzipWhateverTheFileIsCalled() throws IOException {
        final String text = "{\"id\":\"a\",\"amount\":1.5,\"gone\":null,\"flag\":true}\n{broken\n[1,2]\n{\"id\":\"b\"}\n";
        for (Path p : List.of(Files.writeString(dir.resolve("t.jsonl"), text), gzip("t.jsonl.gz", text),
                gzip("no-extension", text))) {
            final List<RowReader.Row> rows = readAll(p);
            assertThat(rows).as(p.toString()).hasSize(4);
            assertThat(rows.get(0).values()).containsEntry("id", "a").containsEntry("amount", "1.5")
                    .containsEntry("flag", "true").doesNotContainKey("gone");
            assertThat(rows.get(1).error()).startsWith("malformed JSON");
            assertThat(rows.get(1).line()).isEqualTo(2);
            assertThat(rows.get(2).error()).isEqualTo("not a JSON object");
            assertThat(rows.get(3).values()).containsEntry("id", "b");
        }
    }

    @Test
    void gzipCsvIsRecognisedByItsMagicBytes() throws IOException {
        final List<RowReader.Row> rows = readAll(gzip("data.csv", "Time,Amount,Class\n0,1.5,0\n"));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.values())
                .containsEntry("Time", "0").containsEntry("Amount", "1.5").containsEntry("Class", "0"));
    }
}
