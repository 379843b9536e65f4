package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.feature.FeatureVector;
import io.fraudstream.sample.SamplingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Learning restored from what it wrote to its stores continues exactly as if it had never stopped. */
class LearningRestartTest {
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"logistic", "logistic,trees"})
    void aRestoredLearnerKeepsItsReservoirsHoldoutAndModelsAndPublishesTheSameVersions(final String families) {
        final Learning.Config config = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), true).withFamilies(List.of(families.split(",")))
                // a holdout that fills (4 000 held out of 40 000) and judges transactions a day older than the newest
                // label: eviction and maturity are part of what must survive
                .withGate(new Learning.Gate(10, 1500, 0.02, 5, true, 86_400_000L));
        final ModelSnapshot prior = ModelSnapshot.prior(0.01, 0.2, 0.6, "test");
        final Map<String, byte[]> state = new HashMap<>();
        final Map<Integer, byte[]> holdout = new HashMap<>();
        final Learning.Sink sink = new Learning.Sink() {
            @Override
            public void state(final String key, final byte[] value) {
                state.put(key, value);
            }

            @Override
            public void holdout(final int slot, final byte[] value) {
                holdout.put(slot, value);
            }
        };
        final Learning original = new Learning(config, prior);
        final Random random = new Random(3);
        final List<LabelledOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            outcomes.add(outcome(i, random));
        }
        for (LabelledOutcome o : outcomes.subList(0, 22_500)) {
            original.observe(o, sink);
        }
        assertThat(original.version()).isGreaterThanOrEqualTo(3);

        final Learning restored = new Learning(config, prior);
        state.forEach(restored::restore);
        holdout.forEach(restored::restoreHoldout);
        restored.restored();
        assertThat(restored.version()).isEqualTo(original.version());
        assertThat(restored.champion().snapshot()).isEqualTo(original.champion().snapshot());
        assertThat(restored.fraudReservoir().examples()).isEqualTo(original.fraudReservoir().examples());
        assertThat(restored.legitReservoir().examples()).isEqualTo(original.legitReservoir().examples());
        assertThat(restored.holdout().size()).isEqualTo(original.holdout().size()).isEqualTo(1500);
        assertThat(restored.holdout().clock()).isEqualTo(original.holdout().clock());
        assertThat(restored.holdout().mature(86_400_000L).examples())
                .containsExactly(original.holdout().mature(86_400_000L).examples());

        int rounds = 0;
        for (LabelledOutcome o : outcomes.subList(22_500, outcomes.size())) {
            final var a = original.observe(o, Learning.Sink.NONE);
            final var b = restored.observe(o, Learning.Sink.NONE);
            assertThat(b.map(Learning.Round::challenger)).isEqualTo(a.map(Learning.Round::challenger));
            rounds += a.isPresent() ? 1 : 0;
        }
        assertThat(rounds).isEqualTo(4); // at 25 000, 30 000, 35 000 and 40 000 outcomes
        assertThat(restored.champion().snapshot().holdoutPrAuc()).as("the mature holdout judged").isNotNull();
        assertThat(restored.champion().snapshot()).isEqualTo(original.champion().snapshot());
    }

    @Test
    void aRoundAlsoRunsOnceTheIntervalOfEventTimeHasPassed() {
        final Learning.Config c = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final Learning.Config daily = new Learning.Config(c.learner(), c.sampling(), c.reservoirKind(),
                c.fraudReservoir(), c.legitReservoir(), c.reservoirHalfLifeMillis(), c.legitAdmission(), c.thresholds(),
                c.costWeights(),
                c.gate(), Integer.MAX_VALUE, 86_400_000L, c.seed());
        final Learning learning = new Learning(daily, ModelSnapshot.prior(0.01, 0.2, 0.6, "test"));
        final Random random = new Random(5);
        final List<Long> roundsAt = new ArrayList<>();
        for (int i = 0; i < 24 * 5; i++) { // one outcome an hour for five days
            final LabelledOutcome o = outcome(i * 60, random); // outcome(i) is i minutes after the start
            if (learning.observe(o, Learning.Sink.NONE).isPresent()) {
                roundsAt.add((o.eventTime() - 1_700_000_000_000L) / 3_600_000L);
            }
        }
        assertThat(roundsAt).containsExactly(24L, 48L, 72L, 96L);
    }

    private static LabelledOutcome outcome(final int i, final Random random) {
        final boolean fraud = random.nextDouble() < 0.01;
        final double x = random.nextGaussian() + (fraud ? 2 : 0);
        final FeatureVector v = new FeatureVector(new String[] {"x", "noise"}, new double[] {x, random.nextGaussian()});
        final long time = 1_700_000_000_000L + i * 60_000L;
        return new LabelledOutcome("t" + i, time, time + 1000, fraud, LabelledOutcome.SOURCE_LABEL,
                5 + random.nextDouble() * 200, null, null, 0.01, Decision.APPROVE, 0, v);
    }
}
