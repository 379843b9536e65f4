package io.fraudstream.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.event.FeatureVector;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
    @Test
    void theCurriculumMovesFromBalancedTowardsTheNaturalDistribution() {
        // p_fraud = (1 − α)/2 + α·N_f/N with N_f = 10, N = 1000
        assertThat(BatchSampler.curriculum(0, 10, 990)[0]).isEqualTo(0.5);
        assertThat(BatchSampler.curriculum(1, 10, 990)[0]).isCloseTo(0.01, within(1e-12));
        assertThat(BatchSampler.curriculum(0.5, 10, 990)[0]).isCloseTo(0.255, within(1e-12));
        final SamplingConfig linear = config(SamplingConfig.Mode.CURRICULUM, SamplingConfig.Schedule.LINEAR, 0.8);
        assertThat(linear.alpha(0)).isZero();
        assertThat(linear.alpha(5)).isEqualTo(0.5);
        assertThat(linear.alpha(9)).isEqualTo(0.8); // capped
        final SamplingConfig exp = config(SamplingConfig.Mode.CURRICULUM, SamplingConfig.Schedule.EXPONENTIAL, 1);
        assertThat(exp.alpha(10)).isCloseTo(1 - Math.exp(-1), within(1e-12));
    }

    @Test
    void performanceOversamplesTheWorstClassAndUndersamplesOnlyAWellClassifiedMajority() {
        // fraud recall 0.2 < legit recall 0.99: fraud × (1 + 0.8); legit 0.99 >= 0.95: × max(0.25, 0.01/0.05)
        final double[] p = BatchSampler.performance(new double[] {0.3, 0.7}, 0.2, 0.99, 1, 0.95);
        final double f = 0.3 * 1.8;
        final double l = 0.7 * 0.25;
        assertThat(p[0]).isCloseTo(f / (f + l), within(1e-12));
        // a majority that is not yet well classified keeps its share; only the fraud boost applies
        final double[] q = BatchSampler.performance(new double[] {0.3, 0.7}, 0.2, 0.9, 1, 0.95);
        assertThat(q[0]).isCloseTo(0.54 / (0.54 + 0.7), within(1e-12));
        // legit recall lower than fraud recall: the majority is the one boosted
        final double[] r = BatchSampler.performance(new double[] {0.5, 0.5}, 0.9, 0.8, 1, 0.95);
        assertThat(r[1]).isCloseTo(0.6 / 1.1, within(1e-12));
        assertThat(BatchSampler.performance(new double[] {0.5, 0.5}, Double.NaN, 0.9, 1, 0.95)).containsExactly(0.5, 0.5);
    }

    @Test
    void batchesHaveTheScheduledMixAndAreDeterministic() {
        final Reservoir fraud = filled(true, 300, 1);
        final Reservoir legit = filled(false, 5000, 2);
        final BatchSampler curriculum = new BatchSampler(config(SamplingConfig.Mode.CURRICULUM,
                SamplingConfig.Schedule.LINEAR, 1), 3);
        final BatchSampler.Batch first = curriculum.draw(0, fraud, legit, Double.NaN, Double.NaN);
        assertThat(first.examples()).hasSize(1000);
        assertThat(first.fraudShare()).isEqualTo(0.5); // balanced: 500 frauds from 300, with repetition
        assertThat(first.examples()).isEqualTo(curriculum.draw(0, fraud, legit, Double.NaN, Double.NaN).examples());
        final BatchSampler.Batch last = curriculum.draw(10, fraud, legit, Double.NaN, Double.NaN);
        assertThat(last.fraudShare()).isCloseTo(300.0 / 5300, within(0.001)); // natural, from the streams' counts

        final BatchSampler under = new BatchSampler(config(SamplingConfig.Mode.UNDERSAMPLE,
                SamplingConfig.Schedule.LINEAR, 1), 3);
        final BatchSampler.Batch u = under.draw(0, fraud, legit, Double.NaN, Double.NaN);
        assertThat(u.frauds()).isEqualTo(300);
        assertThat(u.examples()).hasSize(600).doesNotHaveDuplicates();

        final BatchSampler smote = new BatchSampler(new SamplingConfig(SamplingConfig.Mode.OVERSAMPLE, 1000, 1, 0,
                SamplingConfig.Schedule.LINEAR, 10, 1, 1, 0.95, Synthetic.Method.SMOTE, 5, false), 3);
        final BatchSampler.Batch s = smote.draw(0, fraud, legit, Double.NaN, Double.NaN);
        assertThat(s.frauds()).isEqualTo(500);
        assertThat(s.synthetic()).isEqualTo(200); // the 200 frauds the reservoir lacks are synthesised
    }

    private static SamplingConfig config(final SamplingConfig.Mode mode, final SamplingConfig.Schedule schedule,
                                         final double cap) {
        return new SamplingConfig(mode, 1000, 1, 0, schedule, 10, cap, 1, 0.95, Synthetic.Method.NONE, 5, false);
    }

    private static Reservoir filled(final boolean fraud, final int n, final long seed) {
        final Reservoir r = new Reservoir(Reservoir.Kind.UNIFORM, n, seed, 0);
        for (int i = 0; i < n; i++) {
            r.offer(new Example(new FeatureVector(new String[] {"x"}, new double[] {i + (fraud ? 0.5 : 0)}), fraud,
                    i, 1));
        }
        return r;
    }
}
