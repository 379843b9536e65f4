package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows read ahead on their own thread are the reader's rows, in order, however many chunks they span. */
class ReadAheadTest {
    @TempDir
    Path dir;

    @Test
    void givesEveryRowOfTheReaderInOrderAcrossChunksIncludingBadOnes() throws Exception {
        final StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i % 3000 == 7 ? "broken\n" : i + "," + i * 1.5 + "\n");
        }
        final Path file = dir.resolve("rows.csv");
        Files.writeString(file, csv);
        final List<RowReader.Row> direct = new ArrayList<>();
        try (RowReader reader = RowReader.open(file)) {
            reader.forEachRemaining(direct::add);
        }
        final List<RowReader.Row> ahead = new ArrayList<>();
        try (ReadAhead reader = new ReadAhead(RowReader.open(file))) {
            reader.forEachRemaining(ahead::add);
            assertThat(reader.hasNext()).isFalse();
        }
        assertThat(ahead).hasSize(10_000).isEqualTo(direct);
        assertThat(ahead).filteredOn(r -> r.error() != null).hasSize(4);
    }

    @Test
    void closingEarlyStopsTheReaderThread() throws Exception {
        final Path file = dir.resolve("many.csv");
        Files.writeString(file, "id\n" + "1\n".repeat(200_000));
        final ReadAhead reader = new ReadAhead(RowReader.open(file));
        assertThat(reader.next().values()).containsEntry("id", "1");
        reader.close();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("fraudstream-replay-read"))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("fraudstream-replay-read"));
    }
}
