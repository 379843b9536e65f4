package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which numeric columns a replay takes for clocks, and that leaving them out keeps every other column's values. */
class ClocksTest {
    @TempDir
    Path dir;

    /**
     * A Sparkov-like file written out of time order: pandas' unnamed index and Unix seconds (clocks), whole hours
     * since the start (a clock in steps), beside columns that are not: a flag switched on once, an amount-like
     * value that grows with time but falls now and then, a constant, an index shuffled before it was written, and
     * a clock missing from most rows.
     */
    @Test
    void columnsThatOnlyRiseWithTimeAreClocksAndNothingElseIs() throws IOException {
        final int n = 5_000;
        final Path p = dir.resolve("clocks.csv");
        final Random random = new Random(9);
        final int[] order = random.ints(0, n).distinct().limit(n).toArray();
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write(",time,amount,fraud,unix_time,hours,switched,growing,constant,shuffled,sparse_clock\n");
            for (int k = 0; k < n; k++) {
                final int i = order[k]; // the file's rows out of time order: the replay sorts them
                final long seconds = 1_600_000_000L + i * 60L;
                w.write(i + "," + seconds + ",10," + (i % 97 == 0 ? 1 : 0) + "," + seconds + "," + (i * 60 / 3_600)
                        + "," + (i > n / 2 ? 1 : 0) + "," + (i + (i % 50 == 0 ? -40 : 0)) + ",7,"
                        + random.nextInt(n) + "," + (i % 3 == 0 ? String.valueOf(i) : "") + "\n");
            }
        }
        final ReplayData data = ReplayData.load(p, new ColumnMapping("id", "time", TimeFormat.EPOCH_SECONDS,
                "fraud", "amount", "card", "merchant", Duration.ofDays(1), null, Set.of()));
        assertThat(data.featureColumns()).containsExactly("", "unix_time", "hours", "switched", "growing",
                "constant", "shuffled", "sparse_clock");

        final List<String> clocks = Clocks.find(data);
        assertThat(clocks).containsExactly("", "unix_time", "hours");

        final ReplayData kept = data.withoutFeatures(clocks);
        assertThat(kept.featureColumns()).containsExactly("switched", "growing", "constant", "shuffled",
                "sparse_clock");
        for (ReplayData.Row r : data.rows()) {
            final var all = data.transaction(r).features();
            final var left = kept.transaction(r).features();
            assertThat(left).doesNotContainKeys("", "unix_time", "hours");
            all.keySet().removeAll(clocks);
            assertThat(left).isEqualTo(all);
        }
    }
}
