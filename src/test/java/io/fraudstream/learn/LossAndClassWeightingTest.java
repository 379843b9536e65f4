package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.model.Model;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossAndClassWeightingTest {
    private static double sigmoid(final double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void everyGradientMatchesFiniteDifferencesOfItsLossInTheLogit() {
        for (Loss loss : List.of(Loss.log(), Loss.focal(0, 0.5), Loss.focal(2, 0.25), Loss.focal(1, 0.75),
                Loss.focal(5, 0.5))) {
            for (double z = -8; z <= 8; z += 0.25) {
                for (boolean fraud : new boolean[] {true, false}) {
                    final double h = 1e-6;
                    final double numeric = (loss.value(sigmoid(z + h), fraud) - loss.value(sigmoid(z - h), fraud)) / (2 * h);
                    assertThat(loss.gradient(sigmoid(z), fraud)).as("%s z=%.2f fraud=%s", loss, z, fraud)
                            .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void focalLossWithoutFocusingIsHalfTheLogLossAndFocusingSilencesEasyExamples() {
        final Loss plain = Loss.focal(0, 0.5);
        assertThat(plain.value(0.3, true)).isCloseTo(0.5 * Loss.log().value(0.3, true), within(1e-12));
        assertThat(plain.gradient(0.3, false)).isCloseTo(0.5 * Loss.log().gradient(0.3, false), within(1e-12));
        // a legitimate transaction scored 0.01 is easy: gamma = 2 scales its gradient by far more than a hard one's
        final Loss focal = Loss.focal(2, 0.5);
        final double easy = focal.gradient(0.01, false) / Loss.log().gradient(0.01, false);
        final double hard = focal.gradient(0.6, false) / Loss.log().gradient(0.6, false);
        assertThat(easy).isLessThan(1e-3);
        assertThat(hard).isGreaterThan(100 * easy);
    }

    @Test
    void classWeightSchemesByHand() {
        // 10 frauds, 990 legitimate
        assertThat(ClassWeighting.NONE.weight(true, 10, 990, 0.99, 7, 100)).isEqualTo(1);
        assertThat(ClassWeighting.BALANCED.weight(true, 10, 990, 0.99, 7, 1000)).isCloseTo(50, within(1e-12));
        assertThat(ClassWeighting.BALANCED.weight(false, 10, 990, 0.99, 7, 1000)).isCloseTo(1000.0 / 1980, within(1e-12));
        assertThat(ClassWeighting.BALANCED.weight(true, 10, 990, 0.99, 7, 20)).isEqualTo(20); // capped
        assertThat(ClassWeighting.SQRT.weight(true, 10, 990, 0.99, 7, 1000)).isCloseTo(Math.sqrt(50), within(1e-12));
        assertThat(ClassWeighting.FIXED.weight(true, 10, 990, 0.99, 7, 100)).isEqualTo(7);
        assertThat(ClassWeighting.FIXED.weight(false, 10, 990, 0.99, 7, 100)).isEqualTo(1);
        final double wf = (1 - 0.99) / (1 - Math.pow(0.99, 10));
        final double wl = (1 - 0.99) / (1 - Math.pow(0.99, 990));
        assertThat(ClassWeighting.EFFECTIVE.weight(true, 10, 990, 0.99, 7, 1000))
                .isCloseTo(2 * wf / (wf + wl), within(1e-12));
        // beta near 1 tends to inverse frequency (ratio 99), beta near 0 to no weighting (ratio 1)
        final double near1 = ClassWeighting.EFFECTIVE.weight(true, 10, 990, 1 - 1e-9, 7, 1e9)
                / ClassWeighting.EFFECTIVE.weight(false, 10, 990, 1 - 1e-9, 7, 1e9);
        assertThat(near1).isCloseTo(99, within(0.01));
        assertThat(ClassWeighting.EFFECTIVE.weight(true, 10, 990, 1e-6, 7, 100)).isCloseTo(1, within(1e-5));
    }

    @Test
    void theFocalLossLearnerRanksFraudWellAndStaysNearTheTrueRateOnAverage() {
        final LearnerConfig focal = new LearnerConfig(0.2, 0, 1e-6, ClassWeighting.BALANCED, 100, 200_000, 1024,
                Loss.focal(2, 0.5), 0.9999, 10);
        final OnlineLogisticLearner l = new OnlineLogisticLearner(focal);
        final Random r = new Random(4);
        for (int i = 0; i < 40_000; i++) {
            final boolean fraud = r.nextDouble() < 0.01;
            l.update(new FeatureVector(new String[] {"x"},
                    new double[] {r.nextGaussian() + (fraud ? 2.5 : 0)}), fraud);
        }
        final Model m = new Model(l.snapshot(1, 0, 0, 0.2, 0.6, "test"));
        final double[] s = new double[20_000];
        final boolean[] y = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            y[i] = r.nextDouble() < 0.01;
            s[i] = m.score(new FeatureVector(new String[] {"x"},
                    new double[] {r.nextGaussian() + (y[i] ? 2.5 : 0)}));
        }
        // the Bayes-optimal ROC-AUC for a 2.5-sigma shift is about 0.96
        assertThat(Curves.rocAuc(s, y)).isGreaterThan(0.93);
    }
}
