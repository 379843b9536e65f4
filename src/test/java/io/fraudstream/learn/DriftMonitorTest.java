package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DriftMonitor}: which outcomes it reads and when (every fraud with a recorded decision, by transaction time,
 * once mature), its state across a restart, and the learner state written before it read every outcome.
 */
class DriftMonitorTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final DriftConfig CONFIG = DriftConfig.defaults();

    private static LabelledOutcome outcome(final long i, final long time, final long labelTime, final boolean fraud,
                                           final Decision decision) {
        return new LabelledOutcome("t" + i, time, labelTime, fraud, LabelledOutcome.SOURCE_LABEL, 10, null, null,
                0.5, decision, 1, FeatureVector.EMPTY);
    }

    /**
     * Twenty days of 20 frauds a day, half of them missed, labelled an hour later; then every fraud missed, each
     * labelled {@code delay} after it; each transaction with a legitimate one beside it. The days (from the start)
     * of the detections.
     */
    private static List<Double> run(final DriftMonitor m, final long delay, final Decision after) {
        final List<Double> detections = new ArrayList<>();
        final List<LabelledOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 60 * 20; i++) {
            final long time = i * DAY / 20;
            final boolean changed = time >= 20 * DAY;
            final Decision d = changed ? after : i % 2 == 0 ? Decision.APPROVE : Decision.BLOCK;
            outcomes.add(outcome(i, time, time + (changed ? delay : HOUR), true, d));
            outcomes.add(outcome(-i, time, time + HOUR, false, Decision.APPROVE));
        }
        outcomes.sort((a, b) -> Long.compare(a.labelTime(), b.labelTime())); // as labels arrive
        for (LabelledOutcome o : outcomes) {
            if (m.offered(o)) {
                detections.add((double) o.labelTime() / DAY);
            }
        }
        return detections;
    }

    @Test
    void aRiseOfTheMissRateIsDetectedOnceTheChangedTransactionsAreMature() {
        final List<Double> detected = run(new DriftMonitor(CONFIG, 7 * DAY), HOUR, Decision.APPROVE);
        // read when the changed day is 7 days old (day 27), in 6-hour buckets; (1 − 0.5 − 0.05) a value towards
        // λ = 15: 34 frauds, under 2 days (measured: day 29.04)
        assertThat(detected).isNotEmpty();
        assertThat(detected.get(0)).isBetween(28.0, 30.0);
        // the same with a maturity of 1 day: a week sooner
        assertThat(run(new DriftMonitor(CONFIG, DAY), HOUR, Decision.APPROVE).get(0)).isBetween(22.0, 24.0);
        // frauds caught (the rate falls), frauds whose decision was not recorded, detection off: nothing
        assertThat(run(new DriftMonitor(CONFIG, 7 * DAY), HOUR, Decision.REVIEW)).isEmpty();
        assertThat(run(new DriftMonitor(CONFIG, 7 * DAY), HOUR, null)).isEmpty();
        assertThat(run(new DriftMonitor(DriftConfig.off(), 7 * DAY), HOUR, Decision.APPROVE)).isEmpty();
        // missed frauds whose labels come later than the maturity find their transactions' buckets fed: not read
        assertThat(run(new DriftMonitor(CONFIG, 7 * DAY), 10 * DAY, Decision.APPROVE)).isEmpty();
        assertThat(run(new DriftMonitor(CONFIG, 7 * DAY), 6 * DAY, Decision.APPROVE)).isNotEmpty();
    }

    @Test
    void aRestoredMonitorContinuesAsTheOriginal() {
        final DriftMonitor original = new DriftMonitor(CONFIG, 2 * DAY);
        final DriftMonitor restored = new DriftMonitor(CONFIG, 2 * DAY);
        int detections = 0;
        for (int i = 0; i < 4000; i++) {
            final long time = i * HOUR / 4;
            final boolean missed = i > 2000 ? i % 5 != 0 : i % 3 == 0;
            final LabelledOutcome o = outcome(i, time, time + (i % 7) * HOUR, true,
                    missed ? Decision.APPROVE : Decision.BLOCK);
            if (i == 2500) {
                restored.restore(original.values());
            }
            final boolean d = original.offered(o);
            detections += d ? 1 : 0;
            if (i >= 2500) {
                assertThat(restored.offered(o)).isEqualTo(d);
            }
        }
        assertThat(detections).isPositive();
        assertThat(restored.values()).isEqualTo(original.values());
        assertThat(restored.detections()).isEqualTo(detections);
        // restored under another maturity: the count and the test carry on, the buckets' counts are dropped
        final DriftMonitor other = new DriftMonitor(CONFIG, 7 * DAY);
        other.restore(original.values());
        assertThat(other.detections()).isEqualTo(detections);
        final double[] o = other.values();
        assertThat(o).hasSize(3 + PageHinkley.STATE + 2 * 30); // 7 days of 6-hour buckets, and two partial ones
        assertThat(Arrays.copyOf(o, 3 + PageHinkley.STATE))
                .containsExactly(Arrays.copyOf(original.values(), 3 + PageHinkley.STATE));
        assertThat(Arrays.stream(o).skip(3 + PageHinkley.STATE).sum()).isZero();
    }

    @Test
    void aFormatSixStateKeepsItsDetectionsAndStartsTheTestAfresh() {
        final double[] drift = new DriftMonitor(CONFIG, 7 * DAY).values();
        drift[2] = 2;
        final LearningState state = new LearningState(7, 12, 3, 1_000L, false, 0, new double[6], 40, 4000,
                Map.of("logistic", new byte[] {1, 2, 3}), false, drift);
        final byte[] current = LearningStateCodec.encode(state);
        assertThat(current[0]).isEqualTo((byte) 7);
        assertThat(LearningStateCodec.decode(current).drift()).containsExactly(drift);
        // format 6 ended with seven numbers: when the test last looked, outcomes since, detections, the test's four
        final int head = current.length - 4 - drift.length * 8;
        final ByteBuffer format6 = ByteBuffer.allocate(head + 7 * 8);
        format6.put(current, 0, head);
        for (double d : new double[] {1e12, 400, 3, 60, 0.4, 7.5, -2}) {
            format6.putDouble(d);
        }
        format6.put(0, (byte) 6);
        final LearningState read = LearningStateCodec.decode(format6.array());
        assertThat(read.version()).isEqualTo(7);
        assertThat(read.learners().get("logistic")).containsExactly(1, 2, 3);
        final DriftMonitor m = new DriftMonitor(CONFIG, 7 * DAY);
        m.restore(read.drift());
        assertThat(m.detections()).isEqualTo(3);
        final double[] expected = new double[3 + PageHinkley.STATE + 2 * 30]; // nothing fed, no bucket counted
        expected[0] = Long.MIN_VALUE;
        expected[1] = Long.MIN_VALUE;
        expected[2] = 3;
        assertThat(m.values()).containsExactly(expected);
    }
}
