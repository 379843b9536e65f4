package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HoldoutTest {
    private static final long DAY = 86_400_000L;

    @Test
    void aboutTheConfiguredShareIsHeldOutAlwaysTheSameTransactions() {
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            held += Holdout.isHeldOut("tx-" + i, 10) ? 1 : 0;
        }
        assertThat(held).isBetween(9_500, 10_500);
        assertThat(Holdout.isHeldOut("tx-42", 10)).isEqualTo(Holdout.isHeldOut("tx-42", 10));
        assertThat(Holdout.isHeldOut("tx-42", 0)).isFalse();
    }

    @Test
    void judgesOnlyMatureTransactionsWhateverTheOrderTheirLabelsCameIn() {
        // the arrival order of a delayed-label stream: a fraud of day 9 labelled within hours, then legitimate
        // transactions of days 1..3 labelled a week later, a fraud of day 2 confirmed by chargeback on day 9
        final Holdout h = new Holdout(10);
        h.add(example(9, true, 9), 9 * DAY + 3_600_000);
        h.add(example(1, false, 1), 8 * DAY);
        h.add(example(5, true, 2), 9 * DAY);
        h.add(example(2, false, 3), 10 * DAY);
        assertThat(h.clock()).isEqualTo(10 * DAY);
        // mature after 7 days: transactions up to day 3 — the recent fraud is not judged yet
        final Holdout.Judged judged = h.mature(7 * DAY);
        assertThat(judged.size()).isEqualTo(3);
        assertThat(judged.frauds()).isEqualTo(1);
        assertThat(judged.days()).isEqualTo(2.0);
        // everything, with no maturity wait
        assertThat(h.mature(0).size()).isEqualTo(4);
        // a model increasing in x ranks the mature fraud (5) first: PR-AUC 1; decreasing: the fraud last of three
        assertThat(judged.averagePrecision(model(1))).isEqualTo(1.0);
        assertThat(judged.averagePrecision(model(-1))).isEqualTo(1.0 / 3);
    }

    @Test
    void aHeldOutExampleStoredWithTheDecisionByteOfEarlierVersionsStillRestores() {
        final Holdout h = new Holdout(1);
        h.add(example(1, true, 6), 10 * DAY);
        final byte[] current = h.encoded(0);
        final byte[] earlier = Arrays.copyOf(current, current.length + 1); // how it was decided: 1, alerted
        earlier[current.length] = 1;
        final Holdout restored = new Holdout(1);
        restored.restore(0, earlier);
        assertThat(restored.encoded(0)).isEqualTo(current);
        assertThat(restored.clock()).isEqualTo(10 * DAY);
    }

    @Test
    void whenFullTheOldestTransactionMakesRoomAndTheStoreRestoresIt() {
        final Holdout h = new Holdout(3);
        final byte[][] stored = new byte[3][];
        // transactions of days 5, 1, 7 arrive; then day 3 replaces day 1 (the oldest); then day 2 is older than
        // everything kept and is dropped
        final int[] days = {5, 1, 7, 3, 2};
        final int[] slots = new int[days.length];
        for (int i = 0; i < days.length; i++) {
            slots[i] = h.add(example(days[i], i % 2 == 0, days[i]), (10 + i) * DAY);
            if (slots[i] >= 0) {
                stored[slots[i]] = h.encoded(slots[i]);
            }
        }
        assertThat(slots).containsExactly(0, 1, 2, 1, -1);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.clock()).as("a dropped example still advances the clock").isEqualTo(14 * DAY);

        final Holdout restored = new Holdout(3);
        for (int slot = 2; slot >= 0; slot--) {
            restored.restore(slot, stored[slot]);
        }
        assertThat(restored.size()).isEqualTo(3);
        assertThat(restored.clock()).isEqualTo(13 * DAY); // the newest label among those kept
        assertThat(restored.mature(0).examples()).containsExactly(h.mature(0).examples());
        assertThat(restored.mature(0).days()).isEqualTo(4.0); // days 3..7
        // a smaller holdout keeps only the slots it has
        final Holdout smaller = new Holdout(2);
        for (int slot = 0; slot < 3; slot++) {
            smaller.restore(slot, stored[slot]);
        }
        assertThat(smaller.size()).isEqualTo(2);
    }

    private static Example example(final double x, final boolean fraud, final int day) {
        return new Example(new FeatureVector(new String[] {"x"}, new double[] {x}), fraud, day * DAY, 10);
    }

    private static Model model(final double weight) {
        return new Model(new ModelSnapshot(1, 0, 0, ModelFamily.LOGISTIC, new String[] {"x"},
                new double[] {weight}, new double[] {0}, new double[] {1}, 0, 0.2, 0.6, 0, 0, "test", null, null, null));
    }

    @Test
    void whenFullTheSlotReplacedIsTheFirstOldestAsAScanWouldFindIt() {
        final Holdout h = new Holdout(50);
        final long[] times = new long[50];
        final Random random = new Random(21);
        for (int i = 0; i < 5_000; i++) {
            final long time = random.nextInt(i / 10 + 5); // many ties, some older than everything kept
            int expected = -1;
            if (i < 50) {
                expected = i;
            } else {
                int oldest = 0;
                for (int k = 1; k < 50; k++) {
                    if (times[k] < times[oldest]) {
                        oldest = k;
                    }
                }
                expected = time < times[oldest] ? -1 : oldest;
            }
            final int slot = h.add(new Example(FeatureVector.EMPTY,
                    false, time, 1), time);
            assertThat(slot).as("example %d", i).isEqualTo(expected);
            if (slot >= 0) {
                times[slot] = time;
            }
        }
    }
}
