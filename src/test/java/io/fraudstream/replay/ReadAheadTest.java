package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows read ahead on their own thread are the reader's rows, in order, however many chunks they span; what waits
 * is bounded in values, and a reader that dies says so.
 */
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

    @Test
    void wideRowsWaitingAreBoundedByTheirValuesNotTheirCount() throws Exception {
        final Map<String, String> wide = IntStream.range(0, 400).boxed()
                .collect(Collectors.toMap(i -> "V" + i, i -> "1.0"));
        final AtomicInteger produced = new AtomicInteger();
        final Iterator<RowReader.Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < 1_000_000;
            }

            @Override
            public RowReader.Row next() {
                return new RowReader.Row(produced.incrementAndGet(), wide, null);
            }
        };
        try (ReadAhead reader = new ReadAhead(rows, () -> { })) {
            assertThat(reader.next().line()).isEqualTo(1);
            // the reader thread fills the hand-over and blocks: wait until it has stopped producing (however slow
            // the machine), then it holds 8 chunks waiting, one taken, one being filled: of some 100 rows of 400 values
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int seen = -1;
            while ((produced.get() < 500 || produced.get() != seen) && System.nanoTime() < deadline) {
                seen = produced.get();
                Thread.sleep(200);
            }
            assertThat(produced.get()).isBetween(500, 1100);
        }
    }

    @Test
    void anErrorOnTheReaderThreadReachesTheCallerInsteadOfLeavingItWaiting() {
        final Iterator<RowReader.Row> rows = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public RowReader.Row next() {
                if (++n > 3) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                return new RowReader.Row(n, Map.of("id", "x"), null);
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (ReadAhead reader = new ReadAhead(rows, () -> { })) {
                assertThatThrownBy(() -> reader.forEachRemaining(r -> { }))
                        .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("thrown by the test");
            }
        });
    }
}
