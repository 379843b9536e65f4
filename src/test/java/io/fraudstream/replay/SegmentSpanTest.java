package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.app.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay's segment never reaches past a horizon from the transactions of its labels. */
class SegmentSpanTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** 60 days, whose expiry interval is an hour. */
    private static final Duration HORIZON = Duration.ofDays(60);
    @TempDir
    Path dir;

    @Test
    void aSegmentEndsBeforeALabelAHorizonPastTheEarliestTransactionOfItsLabels() {
        final List<ReplayData.Row> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // a transaction every 10 days, each labelled a day later
            labels.add(row(i, i * 10 * DAY, i * 10 * DAY + DAY));
        }
        // a 60-day horizon less an hour: labels at days 1, 11, ..., 51 from the transaction at day 0, not 61
        assertThat(SegmentSpan.count(labels, 0, 1000, HORIZON)).isEqualTo(6);
        assertThat(SegmentSpan.count(labels, 6, 1000, HORIZON)).isEqualTo(6);
        assertThat(SegmentSpan.count(labels, 18, 1000, HORIZON)).isEqualTo(2);
        assertThat(SegmentSpan.count(labels, 0, 4, HORIZON)).isEqualTo(4); // the publication first
        // a label past the horizon binds nothing: its transaction is the horizon's anyway; the first is always taken
        final List<ReplayData.Row> late = List.of(row(0, 0, 90 * DAY), row(1, 80 * DAY, 91 * DAY),
                row(2, 0, 200 * DAY));
        assertThat(SegmentSpan.count(late, 0, 1000, HORIZON)).isEqualTo(2);
        assertThat(SegmentSpan.count(late, 2, 1000, HORIZON)).isEqualTo(1);
    }

    /**
     * One transaction every five days for four years, each labelled a day later: the publication's 10 000 labels
     * span all of them, and before the segments were cut by the horizon every transaction was scored before any
     * label joined, so all but the last 60 days' came out as the horizon's "legitimate".
     */
    @Test
    void sparseDataHasEveryLabelJoined() throws IOException {
        final StringBuilder csv = new StringBuilder("id,timestamp,amount,fraud\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i).append(',').append(1_600_000_000L + i * 5 * 86_400L).append(",10,")
                    .append(i % 10 == 0 ? 1 : 0).append('\n');
        }
        final Path input = Files.writeString(dir.resolve("sparse.csv"), csv);
        final Path report = dir.resolve("report");
        assertThat(Main.execute("replay", "--input", input.toString(), "--time-format", "epoch-seconds",
                "--label-delay", "1d", "--report", report.toString())).isZero();
        final List<String> outcomes = Files.readAllLines(report.resolve("outcomes.csv"));
        assertThat(outcomes).hasSize(301);
        assertThat(outcomes.subList(1, 301)).allSatisfy(o -> assertThat(o).endsWith(",label"));
        assertThat(outcomes.stream().skip(1).filter(o -> o.split(",")[3].equals("1"))).hasSize(30);
    }

    private static ReplayData.Row row(final int line, final long time, final long labelTime) {
        return new ReplayData.Row(line, line, "t" + line, time, 10, "c", null, false, labelTime, line);
    }
}
