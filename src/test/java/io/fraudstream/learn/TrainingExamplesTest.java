package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.SamplingConfig;
import org.junit.jupiter.api.Test;

/**
 * The legitimate reservoir takes false alarms (legitimate outcomes alerted when scored) at their own admission,
 * the other legitimate outcomes at the reservoir's (0.25 here), frauds always.
 */
class TrainingExamplesTest {
    private static final long DAY = 86_400_000L;

    /** Legitimate outcomes kept of 4 000, every fourth a false alarm, and how many of those were kept. */
    private static int[] kept(final double falseAlarmAdmission) {
        final LearningConfig base = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final TrainingExamples examples = new TrainingExamples(
                base.withFeedback(new FeedbackConfig(2000, 3 * DAY, falseAlarmAdmission)));
        for (int i = 0; i < 4000; i++) {
            final Decision decision = i % 4 == 0 ? Decision.REVIEW : Decision.APPROVE;
            final FeatureVector x = new FeatureVector(new String[] {"i"}, new double[] {i});
            final long time = i * 60_000L;
            examples.offer(new LabelledOutcome("t" + i, time, time + 7 * DAY, false, LabelledOutcome.SOURCE_LABEL,
                    10, null, null, 0.5, decision, 1, x), new Example(x, false, time, 10), StateSink.NONE);
        }
        int falseAlarms = 0;
        for (Example e : examples.legit.examples()) {
            falseAlarms += (int) e.x().values()[0] % 4 == 0 ? 1 : 0;
        }
        return new int[] {examples.legit.size(), falseAlarms};
    }

    @Test
    void falseAlarmsAreHardNegativesTheLegitimateReservoirKeepsAtTheirOwnAdmission() {
        final int[] every = kept(1);
        assertThat(every[1]).isEqualTo(1000); // every false alarm considered, and the reservoir has room
        assertThat(every[0] - every[1]).isBetween(660, 840); // the others thinned to a quarter: 750 expected, sd 24
        final int[] thinned = kept(0.25); // no preference: false alarms thinned as the rest
        assertThat(thinned[1]).isBetween(200, 300);
        assertThat(thinned[0]).isBetween(900, 1100);
    }
}
