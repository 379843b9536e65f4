package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.SamplingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Learning restored from what it wrote to its stores continues exactly as if it had never stopped. */
class LearningRestartTest {
    @ParameterizedTest
    @ValueSource(strings = {"logistic", "logistic,trees", "logistic,balanced-trees", "balanced-trees+feedback"})
    void aRestoredLearnerKeepsItsReservoirsHoldoutAndModelsAndPublishesTheSameVersions(final String run) {
        final String families = run.replace("+feedback", "");
        final TreeConfig t = TreeConfig.defaults();
        final TreeConfig trees = new TreeConfig(t.trees(), t.depth(), t.shrinkage(), t.l2(), t.minChildWeight(),
                t.bins(), t.maturityMillis(), t.bags(), run.endsWith("+feedback") ? 0.5 : 0);
        final LearningConfig config = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), true).withFamilies(Arrays.stream(families.split(",")).map(ModelFamily::named).toList())
                // a holdout that fills (4 000 held out of 40 000) and judges transactions a day older than the newest
                // label: eviction and maturity are part of what must survive
                .withGate(new PromotionGate(10, 1500, 0.02, 5, true, 86_400_000L))
                // with +feedback, a window of alert feedback that fills and is replaced, and a model fitted to it
                .withTrees(trees)
                .withFeedback(new FeedbackConfig(300, 86_400_000L));
        final ModelSnapshot prior = ModelSnapshot.prior(0.01, 0.2, 0.6, "test");
        final Stores stores = new Stores();
        final Learning original = new Learning(config, prior);
        final Random random = new Random(3);
        final List<LabelledOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            outcomes.add(outcome(i, random));
        }
        for (LabelledOutcome o : outcomes.subList(0, 22_500)) {
            original.observe(o, stores.sink);
        }
        assertThat(original.version()).isGreaterThanOrEqualTo(3);
        if (families.contains("trees")) {
            // what every outcome rewrites stays small: the fitted ensemble is written apart, by rounds only
            final String treeFamily = families.substring(families.indexOf(',') + 1);
            assertThat(stores.state.get(Learning.STATE_KEY).length).isLessThan(4096)
                    .isLessThan(stores.state.get("fitted/" + treeFamily).length / 4);
        }

        final Learning restored = stores.restore(config, prior);
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
            final var a = original.observe(o, StateSink.NONE);
            final var b = restored.observe(o, StateSink.NONE);
            assertThat(b.map(Learning.Round::challenger)).isEqualTo(a.map(Learning.Round::challenger));
            rounds += a.isPresent() ? 1 : 0;
        }
        assertThat(rounds).isEqualTo(4); // at 25 000, 30 000, 35 000 and 40 000 outcomes
        assertThat(restored.champion().snapshot().holdoutPrAuc()).as("the mature holdout judged").isNotNull();
        assertThat(restored.champion().snapshot()).isEqualTo(original.champion().snapshot());
        if (run.endsWith("+feedback")) {
            assertThat(restored.champion().snapshot().trees().trees()).as("the feedback model is in it")
                    .isEqualTo(trees.treesPerModel(ModelFamily.BALANCED_TREES)).isEqualTo((trees.bags() + 1) * trees.trees());
        }
    }

    @Test
    void aRoundAlsoRunsOnceTheIntervalOfEventTimeHasPassed() {
        final LearningConfig c = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final LearningConfig daily = new LearningConfig(c.learner(), c.sampling(), c.reservoirKind(),
                c.fraudReservoir(), c.legitReservoir(), c.reservoirHalfLifeMillis(), c.legitAdmission(), c.thresholds(),
                c.costWeights(),
                c.gate(), Integer.MAX_VALUE, 86_400_000L, c.seed());
        final Learning learning = new Learning(daily, ModelSnapshot.prior(0.01, 0.2, 0.6, "test"));
        final Random random = new Random(5);
        final List<Long> roundsAt = new ArrayList<>();
        for (int i = 0; i < 24 * 5; i++) { // one outcome an hour for five days
            final LabelledOutcome o = outcome(i * 60, random); // outcome(i) is i minutes after the start
            if (learning.observe(o, StateSink.NONE).isPresent()) {
                roundsAt.add((o.eventTime() - 1_700_000_000_000L) / 3_600_000L);
            }
        }
        assertThat(roundsAt).containsExactly(24L, 48L, 72L, 96L);
    }

    @Test
    void aRoundRunWhileOutcomesGoOnBeingLearntEndsExactlyAsOneRunAtOnce() throws Exception {
        final LearningConfig config = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), true).withFamilies(List.of(ModelFamily.LOGISTIC, ModelFamily.TREES))
                .withGate(new PromotionGate(10, 1500, 0.02, 5, true, 0));
        final ModelSnapshot prior = ModelSnapshot.prior(0.01, 0.2, 0.6, "test");
        final Random random = new Random(9);
        final List<LabelledOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 23_000; i++) {
            outcomes.add(outcome(i, random));
        }
        final Learning atOnce = new Learning(config, prior);
        final Stores atOnceStores = new Stores();
        final List<ModelSnapshot> atOnceModels = new ArrayList<>();
        for (LabelledOutcome o : outcomes) {
            atOnce.observe(o, atOnceStores.sink).filter(Learning.Round::promoted)
                    .ifPresent(r -> atOnceModels.add(r.challenger()));
        }
        // the same outcomes, each round on another thread while up to 3 000 more outcomes are learnt; its result
        // taken back at a point that varies from round to round
        final Learning beside = new Learning(config, prior);
        final Stores besideStores = new Stores();
        final List<ModelSnapshot> besideModels = new ArrayList<>();
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RetrainingRound.Trained> running = null;
            int caughtUp = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                final var job = beside.offer(outcomes.get(i), besideStores.sink);
                if (job.isPresent()) {
                    assertThat(beside.roundRunning()).isTrue();
                    running = thread.submit(job.get());
                    caughtUp = 1000 * (1 + i / 5000 % 3); // 1 000, 2 000 or 3 000 outcomes on
                } else if (running != null && --caughtUp == 0) {
                    beside.complete(running.get(), besideStores.sink).filter(Learning.Round::promoted)
                            .ifPresent(r -> besideModels.add(r.challenger()));
                    running = null;
                }
            }
        } finally {
            thread.shutdownNow();
        }
        assertThat(atOnceModels).hasSizeGreaterThanOrEqualTo(3);
        assertThat(besideModels).isEqualTo(atOnceModels);
        // the learners caught up on what came while their round ran: the same state, byte for byte
        assertThat(besideStores.state).containsOnlyKeys(atOnceStores.state.keySet());
        assertThat(besideStores.state.get(Learning.STATE_KEY)).isEqualTo(atOnceStores.state.get(Learning.STATE_KEY));
        assertThat(besideStores.state.get(Learning.CHAMPION_KEY))
                .isEqualTo(atOnceStores.state.get(Learning.CHAMPION_KEY));
        assertThat(besideStores.state.get("fitted/trees")).isEqualTo(atOnceStores.state.get("fitted/trees"));
    }

    @Test
    void aRoundARestartInterruptedRunsAgainFromTheState() {
        final LearningConfig config = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final ModelSnapshot prior = ModelSnapshot.prior(0.01, 0.2, 0.6, "test");
        final Stores stores = new Stores();
        final Learning crashed = new Learning(config, prior);
        final Random random = new Random(4);
        RetrainingRound lost = null;
        for (int i = 0; lost == null; i++) {
            lost = crashed.offer(outcome(i, random), stores.sink).orElse(null); // started, never completed
        }
        final Learning restarted = stores.restore(config, prior);
        assertThat(restarted.version()).isZero();
        final RetrainingRound again = restarted.startIfDue().orElseThrow();
        assertThat(restarted.startIfDue()).as("one round at a time").isEmpty();
        final Learning.Round round = restarted.complete(again.call(), stores.sink).orElseThrow();
        assertThat(round.promoted()).isTrue();
        assertThat(round.challenger().version()).isEqualTo(1);
        // it is the round the crash lost: same batch, same model
        assertThat(round.challenger()).isEqualTo(crashed.complete(lost.call(), StateSink.NONE).orElseThrow()
                .challenger());
        assertThat(restarted.startIfDue()).as("owed no more").isEmpty();
    }

    @Test
    void roundsThatFallDueWhileOneRunsAreOwedAndRunOneAfterAnother() {
        final Learning learning = new Learning(ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false), ModelSnapshot.prior(0.01, 0.2, 0.6, "test")); // a round per 5 000
        final Random random = new Random(8);
        final List<RetrainingRound> started = new ArrayList<>();
        for (int i = 0; i < 17_000; i++) {
            learning.offer(outcome(i, random), StateSink.NONE).ifPresent(started::add); // none completed
        }
        assertThat(started).hasSize(1); // one at a time
        assertThat(learning.owedRounds()).isEqualTo(2); // due at 10 000 and 15 000
        assertThat(learning.startIfDue()).as("not while one runs").isEmpty();
        final List<Long> versions = new ArrayList<>();
        RetrainingRound job = started.get(0);
        while (job != null) {
            learning.complete(job.call(), StateSink.NONE).ifPresent(r -> versions.add(r.challenger().version()));
            job = learning.startIfDue().orElse(null);
        }
        assertThat(versions).containsExactly(1L, 2L, 3L);
        assertThat(learning.owedRounds()).isZero();
        assertThat(learning.roundRunning()).isFalse();
    }

    @Test
    void aRoundOverTakenByARollbackIsDropped() {
        final LearningConfig config = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final Learning learning = new Learning(config, ModelSnapshot.prior(0.01, 0.2, 0.6, "test"));
        final Random random = new Random(6);
        RetrainingRound job = null;
        for (int i = 0; job == null; i++) {
            job = learning.offer(outcome(i, random), StateSink.NONE).orElse(null);
        }
        final RetrainingRound.Trained trained = job.call();
        final ModelSnapshot rollback = trained.snapshot().reissued(7, 0, 1);
        assertThat(learning.adopt(rollback, StateSink.NONE)).isTrue();
        assertThat(learning.complete(trained, StateSink.NONE)).isEmpty();
        assertThat(learning.version()).isEqualTo(7);
        assertThat(learning.champion().snapshot()).isEqualTo(rollback);
        assertThat(learning.roundRunning()).isFalse();
    }

    /** The learner's two stores, as maps, and a sink into them. */
    private static final class Stores {
        final Map<String, byte[]> state = new HashMap<>();
        final Map<Integer, byte[]> holdout = new HashMap<>();
        final StateSink sink = StateSink.of(state::put, holdout::put);

        /** A learner restored from what was written here, as the learner processor restores one at start. */
        Learning restore(final LearningConfig config, final ModelSnapshot prior) {
            final Learning learning = new Learning(config, prior);
            state.forEach(learning::restore);
            holdout.forEach(learning::restoreHoldout);
            learning.restored();
            return learning;
        }
    }

    static LabelledOutcome outcome(final int i, final Random random) {
        final boolean fraud = random.nextDouble() < 0.01;
        final double x = random.nextGaussian() + (fraud ? 2 : 0);
        final FeatureVector v = new FeatureVector(new String[] {"x", "noise"}, new double[] {x, random.nextGaussian()});
        final long time = 1_700_000_000_000L + i * 60_000L;
        return new LabelledOutcome("t" + i, time, time + 1000, fraud, LabelledOutcome.SOURCE_LABEL,
                5 + random.nextDouble() * 200, null, null, 0.01, x > 2.5 ? Decision.REVIEW : Decision.APPROVE, 0, v);
    }
}
