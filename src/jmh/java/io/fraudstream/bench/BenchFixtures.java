package io.fraudstream.bench;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.LearningConfig;
import io.fraudstream.learn.PromotionGate;
import io.fraudstream.learn.StateSink;
import io.fraudstream.learn.ThresholdPolicy;
import io.fraudstream.model.CostMatrix;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Data the learning benchmarks share: 4 096 labelled 40-feature vectors and a Learning with full reservoirs. */
final class BenchFixtures {
    static final int DIM = 40;
    static final long T0 = 1_700_000_000_000L;

    final FeatureVector[] vectors = new FeatureVector[4096];
    final boolean[] labels = new boolean[vectors.length];

    /** 10% fraud; frauds shifted by +1 on the first five features. */
    BenchFixtures() {
        final Random random = new Random(1);
        final String[] names = new String[DIM];
        for (int j = 0; j < DIM; j++) {
            names[j] = "f" + j;
        }
        for (int i = 0; i < vectors.length; i++) {
            labels[i] = random.nextDouble() < 0.1;
            final double[] v = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                v[j] = random.nextGaussian() + (labels[i] && j < 5 ? 1 : 0);
            }
            vectors[i] = new FeatureVector(names, v);
        }
    }

    /**
     * {@code n} fresh examples (seconds apart) of {@link #DIM} features: 10% fraud, shifted on the first five
     * features, and more so where the sixth and seventh agree in sign (an interaction only trees capture).
     */
    static List<Example> interactions(final int n, final long seed) {
        final Random random = new Random(seed);
        final String[] names = new String[DIM];
        for (int j = 0; j < DIM; j++) {
            names[j] = "f" + j;
        }
        final List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final boolean fraud = random.nextDouble() < 0.1;
            final double[] v = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                v[j] = random.nextGaussian() + (fraud && j < 5 ? 0.5 : 0);
            }
            if (fraud && random.nextBoolean()) {
                v[6] = Math.copySign(v[6], v[5]);
            }
            out.add(new Example(new FeatureVector(names, v), fraud, T0 + i * 1000L, 50));
        }
        return out;
    }

    /** The benchmarks' learning configuration: reservoirs of {@code reservoir} legitimate and a tenth as many frauds. */
    static LearningConfig config(final int reservoir) {
        return new LearningConfig(LearnerConfig.defaults(), SamplingConfig.defaults(), Reservoir.Kind.TIME_BIASED,
                Math.max(1, reservoir / 10), reservoir, 30 * 86_400_000L, 1,
                new ThresholdPolicy(ThresholdPolicy.Kind.COST, 0.2, 0.6, 0.5, 1000, 0.9, CostMatrix.defaults()),
                true, new PromotionGate(10, 5000, 0.02, 30), Integer.MAX_VALUE, 0, 1);
    }

    /**
     * A Learning whose reservoirs and holdout (10% of outcomes, the last 5 000 of them) are full; {@code time[0]}
     * receives the event time after the last outcome.
     */
    Learning filled(final LearningConfig config, final int reservoir, final long[] time) {
        return filled(config, reservoir, Math.max(reservoir * 11 / 10 + 1, 60_000), time);
    }

    /** As above, after {@code outcomes} outcomes (a tenth of them held out). */
    Learning filled(final LearningConfig config, final int reservoir, final int outcomes, final long[] time) {
        final Learning learning = new Learning(config, ModelSnapshot.prior(0.01, 0.2, 0.6, "bench"));
        for (int i = 0; i < outcomes; i++) {
            final boolean fraud = i % 11 == 0 && i / 11 < reservoir / 10 || labels[i % labels.length] && i % 7 == 0;
            final long t = T0 + i * 1000L;
            learning.observe(new LabelledOutcome("o" + i, t, t, fraud, LabelledOutcome.SOURCE_LABEL, 50, null, null,
                    0.01, Decision.APPROVE, 0, vectors[i % vectors.length]), StateSink.NONE);
        }
        time[0] = T0 + outcomes * 1000L;
        return learning;
    }
}
