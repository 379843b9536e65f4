package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sim.SyntheticTransactions;
import java.time.Instant;
import java.util.Arrays;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo's stream, replayed prequentially without Kafka: score each transaction with the latest published
 * model, learn from its label when the label arrives (frauds after 2–8 s, legitimate ones after 4–12 s, as in
 * the demo), publish every 5 000 labels. Every window of the last 10 000 outcomes after warm-up must rank fraud
 * well.
 *
 * <p>Background: one demo run showed PR-AUC on the last 10 000 outcomes falling from 0.95 to 0.01 for four model
 * versions. The suspect was the hour of day, which barely moves over a short live run: standardised, its tiny
 * spread put every later transaction at the clip limit. Bounded features are now used as they are (and the next
 * demo runs showed no collapse), but this simulation did not reproduce the collapse with the old code either, so
 * the cause is not proven; the champion/challenger gate of the learning issue is the real safeguard.
 */
@Tag("statistical")
class DemoStreamPrequentialTest {
    private static final long START = Instant.parse("2026-11-24T11:24:00Z").toEpochMilli();

    private record Pending(long due, FeatureVector x, boolean fraud) {
    }

    @Test
    void noModelOfAShortLiveRunLearnsTimeAsFraud() {
        final SyntheticTransactions data = new SyntheticTransactions(42, 0.007, 5000);
        final FeatureExtractor extractor = new FeatureExtractor(32);
        final OnlineLogisticLearner learner = new OnlineLogisticLearner(LearnerConfig.defaults());
        final PriorityQueue<Pending> labels = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        Model model = null;
        final int window = 10_000;
        final double[] scores = new double[window];
        final boolean[] outcomes = new boolean[window];
        int learnt = 0;
        double worst = 1;
        for (int i = 0; i < 150_000; i++) { // 1 000 transactions a second for 150 s
            final long now = START + i;
            while (!labels.isEmpty() && labels.peek().due <= now) {
                final Pending p = labels.poll();
                learner.update(p.x, p.fraud);
                if (++learnt % 5000 == 0) {
                    model = new Model(learner.snapshot(learnt / 5000, 0, now, 0.2, 0.6, "test"));
                }
            }
            final boolean fraud = data.nextIsFraud();
            final FeatureVector x = extractor.extract(data.next("t" + i, now, fraud));
            scores[i % window] = model == null ? 0.005 : model.score(x);
            outcomes[i % window] = fraud;
            labels.add(new Pending(now + data.labelDelayMillis(fraud, 2000, 4000), x, fraud));
            if (i >= 40_000 && i % 5000 == 0) { // from the fourth model on, as the demo's windows fill
                worst = Math.min(worst, Curves.averagePrecision(scores, outcomes));
            }
        }
        assertThat(worst).isGreaterThan(0.6);
    }

    @Test
    void boundedFeaturesAreNotStandardised() {
        final OnlineLogisticLearner learner = new OnlineLogisticLearner(LearnerConfig.defaults());
        final FeatureExtractor extractor = new FeatureExtractor(32);
        final SyntheticTransactions data = new SyntheticTransactions(1, 0.01, 100);
        for (int i = 0; i < 1000; i++) {
            learner.update(extractor.extract(data.next("t" + i, START + i * 1000L, i % 50 == 0)), i % 50 == 0);
        }
        final ModelSnapshot s = learner.snapshot(1, 0, 0, 0.2, 0.6, "test");
        for (int j = 0; j < s.features().length; j++) {
            final boolean bounded = FeatureExtractor.BOUNDED.contains(s.features()[j]);
            if (bounded || s.features()[j].startsWith("a.")) {
                assertThat(s.means()[j]).as(s.features()[j]).isZero();
                assertThat(s.scales()[j]).as(s.features()[j]).isEqualTo(1.0);
            }
        }
        assertThat(s.features()).contains("hour.sin", "amount.log");
        final int amount = Arrays.asList(s.features()).indexOf("amount.log");
        assertThat(s.scales()[amount]).isNotEqualTo(1.0); // numeric features still are
    }
}
