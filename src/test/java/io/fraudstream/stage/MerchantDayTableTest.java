package io.fraudstream.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MerchantDayTableTest {
    @Test
    void daysAreCopiesAndDaysBeyondTheRetentionAreDropped() {
        final MerchantDayTable table = new MerchantDayTable(10);
        final int[] day = table.get("m", 100);
        day[3] = 7;
        assertThat(table.get("m", 100)[3]).isZero(); // nothing stored until put
        table.put("m", 100, day, 100); // the table takes the array: the writer never touches it after a put
        assertThat(table.get("m", 100)[3]).isEqualTo(7);
        table.get("m", 100)[3] = 8; // a get is a copy, as a window store's decoded bytes are
        assertThat(table.get("m", 100)[3]).isEqualTo(7);
        table.put("m", 105, new int[48], 100);
        final MerchantFeatures.Days days = table.fetch("m", 100, 105);
        assertThat(days.starts()).containsExactly(100, 105);
        assertThat(days.counters()[0][3]).isEqualTo(7);
        assertThat(table.fetch("m", 101, 104).starts()).isEmpty();
        assertThat(table.fetch("m", 101, 200).starts()).containsExactly(105);
        table.put("m", 120, new int[48], 100); // day 100 is 20 behind
        assertThat(table.fetch("m", 0, 200).starts()).containsExactly(120);
        table.put("m", 50, new int[48], 100); // older than the retention: dropped, as a window store drops it
        assertThat(table.fetch("m", 0, 200).starts()).containsExactly(120);
        assertThat(table.fetch("other", 0, 200).starts()).isEmpty();
    }

    @Test
    void anIdleMerchantIsForgottenOnceItsLastDayIsBeyondTheRetention() {
        final MerchantDayTable table = new MerchantDayTable(100);
        table.put("idle", 0, new int[48], 0);
        table.put("busy", 0, new int[48], 0);
        for (long day = 10; day <= 300; day += 10) {
            table.put("other", day, new int[48], 0);
            if (day == 250) {
                table.put("busy", day, new int[48], 0);
            }
        }
        // a window store would have dropped day 0 of both; the idle merchant is gone, the busy one keeps day 250
        assertThat(table.fetch("idle", 0, 300).starts()).isEmpty();
        assertThat(table.fetch("busy", 0, 300).starts()).containsExactly(250);
    }

    @Test
    void daysWithFewEventsShareOneArrayAndBusierDaysKeepTheirOwn() {
        final MerchantDayTable table = new MerchantDayTable(1_000);
        for (String merchant : new String[] {"a", "b"}) {
            final int[] quiet = new int[48];
            quiet[5] = 2;
            quiet[29] = 1;
            table.put(merchant, 100, quiet, 0);
            final int[] busy = new int[48];
            busy[5] = 4;
            table.put(merchant, 200, busy, 0);
        }
        final MerchantFeatures.Days a = table.fetch("a", 0, 300);
        final MerchantFeatures.Days b = table.fetch("b", 0, 300);
        assertThat(a.counters()[0]).isSameAs(b.counters()[0]);
        assertThat(a.counters()[0][5]).isEqualTo(2);
        assertThat(a.counters()[0][29]).isEqualTo(1);
        assertThat(a.counters()[1]).isNotSameAs(b.counters()[1]).isEqualTo(b.counters()[1]);
        final int[] changed = table.get("a", 100); // a copy: the shared array is never written
        changed[5]++;
        table.put("a", 100, changed, 0);
        assertThat(table.fetch("b", 100, 100).counters()[0][5]).isEqualTo(2);
        assertThat(table.fetch("a", 100, 100).counters()[0][5]).isEqualTo(3);
    }

    @Test
    void theHistoryStartIsTheEarliestAnyWriterReported() {
        final MerchantDayTable table = new MerchantDayTable(1_000);
        assertThat(table.since()).isEqualTo(Long.MAX_VALUE);
        table.put("a", 100, new int[48], 150);
        table.put("b", 100, new int[48], 120);
        table.put("a", 100, new int[48], 170);
        assertThat(table.since()).isEqualTo(120);
    }

    @Test
    void aReaderAlwaysSeesWholeVersionsWhileTheWriterChangesThem() throws InterruptedException {
        final MerchantDayTable table = new MerchantDayTable(Long.MAX_VALUE / 4);
        final AtomicReference<String> broken = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            for (int i = 0; i < 200_000 && broken.get() == null; i++) {
                final MerchantFeatures.Days d = table.fetch("m", 0, Long.MAX_VALUE / 4);
                for (int k = 0; k < d.starts().length; k++) {
                    // the writer puts day n with every counter n: a torn version would mix them
                    if (d.counters()[k][0] != d.starts()[k] || d.counters()[k][47] != d.starts()[k]
                            || k > 0 && d.starts()[k] <= d.starts()[k - 1]) {
                        broken.set("day " + d.starts()[k]);
                    }
                }
            }
        });
        reader.start();
        for (int n = 1; n <= 2_000; n++) {
            final int[] counters = new int[48];
            Arrays.fill(counters, n);
            table.put("m", n, counters, 0);
        }
        reader.join();
        assertThat(broken.get()).isNull();
        assertThat(table.fetch("m", 0, 5_000).starts()).hasSize(2_000);
    }
}
