package io.fraudstream.learn;

import static io.fraudstream.learn.GradientBoostedTreesTest.ALL;
import static io.fraudstream.learn.GradientBoostedTreesTest.averagePrecision;
import static io.fraudstream.learn.GradientBoostedTreesTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.model.TreeEnsemble;
import io.fraudstream.sample.Example;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The balanced-trees family: how it deals a batch into bags, averages their models, and what it learns. */
class EasyEnsembleTest {
    private static final TreeConfig FOUR_BAGS = new TreeConfig(60, 4, 0.15, 1, 0.5, 32, 0, 4, 0);

    @Test
    void everyBagHoldsEveryFraudAndItsOwnSliceOfTheLegitimateExamples() {
        final Random random = new Random(1);
        final boolean[] fraud = new boolean[1003];
        int frauds = 0;
        for (int i = 0; i < fraud.length; i++) {
            fraud[i] = random.nextDouble() < 0.05;
            frauds += fraud[i] ? 1 : 0;
        }
        final int[][] bags = EasyEnsemble.bags(fraud, 4);
        assertThat(bags).hasNumberOfRows(4);
        final Set<Integer> legitSeen = new HashSet<>();
        for (int[] bag : bags) {
            final long inBag = Arrays.stream(bag).filter(i -> fraud[i]).count();
            assertThat(inBag).isEqualTo(frauds);
            final int legit = bag.length - frauds;
            assertThat(legit).isBetween((fraud.length - frauds) / 4, (fraud.length - frauds) / 4 + 1);
            for (int i : bag) {
                if (!fraud[i]) {
                    assertThat(legitSeen.add(i)).as("legitimate example %d in two bags", i).isTrue();
                }
            }
        }
        assertThat(legitSeen).hasSize(fraud.length - frauds);
    }

    @Test
    void theAverageScoresTheMeanLogOddsOfItsModelsWithTheSameReasons() {
        final GradientBoostedTrees a = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        final GradientBoostedTrees b = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        fit(a, sample(5_000, 1));
        fit(b, sample(5_000, 2));
        final TreeEnsemble mean = EasyEnsemble.average(List.of(a.trees, b.trees), new double[] {0.5, 0.5});
        assertThat(mean.trees()).isEqualTo(a.trees.trees() + b.trees.trees());
        final Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            final double[] x = {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1, 0, 0, 0};
            final double[] contributions = new double[5];
            assertThat(mean.margin(x)).isCloseTo((a.trees.margin(x) + b.trees.margin(x)) / 2, within(1e-12));
            assertThat(mean.margin(x, contributions)).isCloseTo(mean.margin(x), within(1e-12));
        }
    }

    @Test
    void aBalancedEnsembleRanksAsWellAsOneModelAndEstimatesTheFraudRateUncalibrated() {
        final List<Example> train = sample(30_000, 1);
        final List<Example> test = sample(30_000, 2);
        final GradientBoostedTrees balanced = new GradientBoostedTrees(ModelFamily.BALANCED_TREES, FOUR_BAGS,
                LearnerConfig.defaults());
        final Model bagged = fit(balanced, train);
        final Model single = fit(new GradientBoostedTrees(ALL, LearnerConfig.defaults()), train);
        assertThat(bagged.snapshot().family()).isEqualTo(ModelFamily.BALANCED_TREES);
        assertThat(bagged.snapshot().trees().trees()).isEqualTo(4 * 60);
        final double apBagged = averagePrecision(bagged, test);
        final double apSingle = averagePrecision(single, test);
        // measured: 0.80 both (the interaction is learnt by either; the bags' gain is variance, on noisier data)
        assertThat(apBagged).as("bagged %.4f vs single %.4f", apBagged, apSingle).isGreaterThan(apSingle - 0.03);
        // each bag saw a quarter of the legitimate examples (fraud odds × 4): the mean log-odds take that off,
        // so the mean score is the test set's fraud rate within a factor of 1.5, not four times it
        final double rate = test.stream().filter(Example::fraud).count() / (double) test.size();
        final double meanScore = test.stream().mapToDouble(e -> bagged.score(e.x())).average().orElseThrow();
        assertThat(meanScore / rate).isBetween(1 / 1.5, 1.5);
        // and it is stored as its family: the codec gives back a learner of the same family and the same model
        final GradientBoostedTrees restored = TreeLearnerCodec.decode(ModelFamily.BALANCED_TREES, FOUR_BAGS,
                LearnerConfig.defaults(), TreeLearnerCodec.encodeUpdated(balanced),
                TreeLearnerCodec.encodeFitted(balanced));
        assertThat(restored.family()).isEqualTo(ModelFamily.BALANCED_TREES);
        assertThat(restored.snapshot(1, 0, 0, 0.2, 0.6, "s", 0)).isEqualTo(bagged.snapshot());
        assertThat(balanced.copy().family()).isEqualTo(ModelFamily.BALANCED_TREES);
    }

    private static Model fit(final GradientBoostedTrees learner, final List<Example> train) {
        for (Example e : train) {
            learner.update(e.x(), e.fraud(), 1);
        }
        final double[] ones = new double[train.size()];
        Arrays.fill(ones, 1);
        learner.fit(train, ones, 1, 1);
        return new Model(learner.snapshot(1, 0, 0, 0.2, 0.6, "s", 0));
    }
}
