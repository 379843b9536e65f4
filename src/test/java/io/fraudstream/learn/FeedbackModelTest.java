package io.fraudstream.learn;

import static io.fraudstream.learn.GradientBoostedTreesTest.averagePrecision;
import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.sample.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A model of the alert feedback, aggregated with the delayed labels' (Dal Pozzolo et al. 2018): it brings in a fraud
 * pattern the mature batch has not seen yet, and keeps out when the feedback is too thin to fit.
 */
class FeedbackModelTest {
    private static final TreeConfig NONE = new TreeConfig(40, 3, 0.15, 1, 0.5, 32, 0, 4, 0);
    private static final TreeConfig HALF = new TreeConfig(40, 3, 0.15, 1, 0.5, 32, 0, 4, 0.5);

    /** Old frauds stand out by {@code a}, new ones by {@code b}; legitimate ones by neither. */
    private static Example example(final Random random, final boolean fraud, final boolean newPattern,
                                   final double legitShift) {
        final double a = random.nextGaussian() + (fraud && !newPattern ? 3 : fraud ? 0 : legitShift);
        final double b = random.nextGaussian() + (fraud && newPattern ? 3 : fraud ? 0 : legitShift);
        return new Example(new FeatureVector(new String[] {"a", "b", "noise"},
                new double[] {a, b, random.nextGaussian()}), fraud, 0, 10);
    }

    /** The mature history: 1% frauds, all of the old pattern. */
    private static List<Example> batch(final Random random) {
        final List<Example> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            out.add(example(random, random.nextDouble() < 0.01, false, 0));
        }
        return out;
    }

    /** Recent alerts, answered by investigators: new-pattern frauds and the legitimate ones alerted with them. */
    private static List<Example> feedback(final Random random, final int frauds, final int legit) {
        final List<Example> out = new ArrayList<>();
        for (int i = 0; i < frauds; i++) {
            out.add(example(random, true, true, 0));
        }
        for (int i = 0; i < legit; i++) {
            out.add(example(random, false, false, 1)); // alerted: somewhat unusual, yet legitimate
        }
        return out;
    }

    /** Today's traffic: 1% frauds, all of the new pattern. */
    private static List<Example> today(final Random random) {
        final List<Example> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            final boolean fraud = random.nextDouble() < 0.01;
            out.add(example(random, fraud, fraud, 0));
        }
        return out;
    }

    private static Model fit(final TreeConfig config, final List<Example> batch, final List<Example> feedback) {
        final GradientBoostedTrees learner = new GradientBoostedTrees(ModelFamily.BALANCED_TREES, config,
                LearnerConfig.defaults());
        for (Example e : batch) {
            learner.update(e.x(), e.fraud(), 1);
        }
        final double[] ones = new double[batch.size()];
        Arrays.fill(ones, 1);
        learner.fit(batch, ones, feedback, 1, 1);
        return new Model(learner.snapshot(1, 0, 0, 0.2, 0.6, "s", 0));
    }

    @Test
    void theFeedbackModelCatchesAPatternTheDelayedLabelsHaveNotShownYet() {
        final List<Example> batch = batch(new Random(1));
        final List<Example> feedback = feedback(new Random(2), 150, 300);
        final List<Example> test = today(new Random(3));
        final double pooledOut = averagePrecision(fit(NONE, batch, feedback), test);
        final Model aggregated = fit(HALF, batch, feedback);
        final double withFeedback = averagePrecision(aggregated, test);
        assertThat(aggregated.snapshot().trees().trees()).isEqualTo(4 * 40 + 40);
        // measured: 0.008 without (it never saw b), 0.275 with
        assertThat(withFeedback).as("with %.3f, without %.3f", withFeedback, pooledOut).isGreaterThan(pooledOut + 0.2);
    }

    @Test
    void tooLittleFeedbackOfAClassFitsNoFeedbackModel() {
        final List<Example> batch = batch(new Random(1));
        final Model none = fit(NONE, batch, List.of());
        assertThat(fit(HALF, batch, feedback(new Random(2), FeedbackConfig.MIN_PER_CLASS - 1, 300)).snapshot())
                .isEqualTo(none.snapshot());
        assertThat(fit(NONE, batch, feedback(new Random(2), 150, 300)).snapshot()).as("weight 0: none")
                .isEqualTo(none.snapshot());
    }
}
