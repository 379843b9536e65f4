package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels come in label-time order, an investigation brings one forward (never back), and the cut sees it. */
class LabelScheduleTest {
    private static ReplayData.Row row(final int line, final long time, final long labelTime) {
        return new ReplayData.Row(line, line, "t" + line, time, 10, "c", "m", line % 2 == 0, labelTime, line);
    }

    /** The time of the {@code n}-th label ahead (of the last when fewer remain), as a segment of that many cuts. */
    private static long cut(final LabelSchedule s, final int n) {
        final List<ReplayData.Row> segment = s.segment(n, new SegmentSpan(Duration.ofDays(60)));
        return segment.isEmpty() ? Long.MIN_VALUE : segment.get(segment.size() - 1).labelTime();
    }

    private static List<String> drain(final LabelSchedule s) {
        final List<String> ids = new ArrayList<>();
        while (s.hasNext()) {
            final ReplayData.Row r = s.next();
            ids.add(r.id() + "@" + r.labelTime());
        }
        return ids;
    }

    @Test
    void withoutInvestigationsTheDataLabelsComeInTheirOrder() {
        final LabelSchedule s = new LabelSchedule(List.of(row(1, 0, 100), row(2, 10, 200), row(3, 20, 300)));
        assertThat(cut(s, 2)).isEqualTo(200);
        assertThat(cut(s, 9)).as("fewer remain: the last").isEqualTo(300);
        assertThat(drain(s)).containsExactly("t1@100", "t2@200", "t3@300");
        assertThat(cut(s, 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anInvestigationBringsALabelForwardOnceAndItsOwnIsSkipped() {
        final ReplayData.Row late = row(3, 20, 300);
        final LabelSchedule s = new LabelSchedule(List.of(row(1, 0, 100), row(2, 10, 200), late));
        s.investigate(late, 150);
        s.investigate(late, 120); // the transaction is labelled once
        assertThat(cut(s, 2)).isEqualTo(150);
        assertThat(cut(s, 3)).isEqualTo(200);
        assertThat(drain(s)).containsExactly("t1@100", "t3@150", "t2@200");
        assertThat(s.broughtForward()).isEqualTo(1);
    }

    @Test
    void anInvestigationLaterThanTheDataLabelChangesNothing() {
        final ReplayData.Row early = row(1, 0, 100);
        final LabelSchedule s = new LabelSchedule(List.of(early, row(2, 10, 200)));
        s.investigate(early, 500);
        assertThat(drain(s)).containsExactly("t1@100", "t2@200");
        assertThat(s.broughtForward()).isZero();
    }

    @Test
    void tiesGoByTransactionTimeThenLine() {
        final ReplayData.Row second = row(4, 30, 400);
        final LabelSchedule s = new LabelSchedule(List.of(row(1, 0, 100), row(2, 40, 100), second));
        s.investigate(second, 100); // same label time as t2 but an earlier transaction: before it
        assertThat(drain(s)).containsExactly("t1@100", "t4@100", "t2@100");
    }
}
