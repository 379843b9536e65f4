package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.Reason;
import io.fraudstream.model.Calibration;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.model.TreeEnsemble;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.SamplingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The tree family on problems with a known answer: an interaction (XOR-like) at 1:100 that a linear model cannot
 * express, a split the trees must find exactly, determinism, a snapshot that scores identically after the JSON round
 * trip of the model topic, reason codes along the decision paths, Platt calibration recovering a known mapping, and
 * trees and logistic regression as challengers of each other in {@link Learning}.
 */
class GradientBoostedTreesTest {
    private static final String[] NAMES = {"x1", "x2", "n1", "n2", "n3"};
    /** The default trees, fitting the whole batch: these examples are seconds apart, none would be mature. */
    static final TreeConfig ALL = new TreeConfig(60, 4, 0.15, 1, 0.5, 32);

    /** Fraud is likely only where x1 and x2 are both large with the same sign (two opposite corners): ~1:110. */
    static Example xor(final Random random, final long time) {
        final double[] v = new double[NAMES.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = random.nextDouble() * 2 - 1;
        }
        final boolean fraud = random.nextDouble() < (v[0] * v[1] > 0.8 ? 0.8 : 0.0003);
        return new Example(new FeatureVector(NAMES.clone(), v), fraud, time, 10 + random.nextInt(500));
    }

    static List<Example> sample(final int n, final long seed) {
        final Random random = new Random(seed);
        final List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(xor(random, i * 1000L));
        }
        return out;
    }

    static double averagePrecision(final Model m, final List<Example> test) {
        final double[] s = new double[test.size()];
        final boolean[] y = new boolean[test.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = m.score(test.get(i).x());
            y[i] = test.get(i).fraud();
        }
        return Curves.averagePrecision(s, y);
    }

    private static double[] ones(final int n) {
        final double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    private static Model fitted(final Learner learner, final List<Example> train) {
        for (Example e : train) {
            learner.update(e.x(), e.fraud(), 1);
        }
        learner.fit(train, ones(train.size()), 2, 1);
        return new Model(learner.snapshot(1, 0, 0, 0.2, 0.6, "s", 0));
    }

    @Test
    void aHoldoutScoredInBlocksGetsEveryRowsScoreToTheBit() {
        final Model model = fitted(new GradientBoostedTrees(ALL, LearnerConfig.defaults()), sample(5_000, 3));
        final List<Example> test = sample(3_000, 4);
        test.add(new Example(new FeatureVector(new String[] {"x2"}, new double[] {0.9}), false, 0, 1)); // missing
        final Holdout.Judged judged = new Holdout.Judged(test.toArray(new Example[0]));
        final double[] blocks = judged.logOdds(model);
        final double[] scores = judged.scores(model);
        for (int i = 0; i < test.size(); i++) {
            assertThat(blocks[i]).as("row %d", i).isEqualTo(model.logOdds(test.get(i).x()));
            assertThat(scores[i]).as("row %d", i).isEqualTo(model.score(test.get(i).x()));
        }
    }

    @Test
    void onAnInteractionAt1To100TreesBeatLogisticRegressionByAClearMargin() {
        final List<Example> train = sample(30_000, 1);
        final List<Example> test = sample(30_000, 2);
        final long frauds = train.stream().filter(Example::fraud).count();
        assertThat(frauds).isBetween(200L, 400L); // about 1:100
        final double trees = averagePrecision(fitted(new GradientBoostedTrees(ALL, LearnerConfig.defaults()), train), test);
        final double linear = averagePrecision(fitted(new OnlineLogisticLearner(LearnerConfig.defaults()), train), test);
        // measured: trees 0.80, logistic 0.12 (a linear score can rank one corner of the region, not both)
        assertThat(trees).as("trees %.4f vs logistic %.4f", trees, linear).isGreaterThan(linear + 0.4);
    }

    @Test
    void focalModulationAndClassWeightsReachTheTrees() {
        final List<Example> train = sample(30_000, 1);
        final List<Example> test = sample(30_000, 2);
        final LearnerConfig d = LearnerConfig.defaults();
        final LearnerConfig focal = new LearnerConfig(d.learningRate(), d.l1(), d.l2(), d.classWeighting(),
                d.maxClassWeight(), d.countHalfLife(), d.maxFeatures(), Loss.focal(2, 0.5), d.effectiveBeta(),
                d.fixedFraudWeight());
        final LearnerConfig balanced = new LearnerConfig(d.learningRate(), d.l1(), d.l2(), ClassWeighting.BALANCED,
                d.maxClassWeight(), d.countHalfLife(), d.maxFeatures(), d.loss(), d.effectiveBeta(),
                d.fixedFraudWeight());
        final Model plain = fitted(new GradientBoostedTrees(ALL, d), train);
        for (LearnerConfig c : List.of(focal, balanced)) {
            final Model m = fitted(new GradientBoostedTrees(ALL, c), train);
            assertThat(m.snapshot().trees()).as(c.toString()).isNotEqualTo(plain.snapshot().trees());
            assertThat(averagePrecision(m, test)).as(c.toString()).isGreaterThan(0.6); // still learns the interaction
        }
        // balanced class weights lift the fraud scores: the mean score of the frauds rises
        final Model up = fitted(new GradientBoostedTrees(ALL, balanced), train);
        final double plainMean = test.stream().filter(Example::fraud).mapToDouble(e -> plain.score(e.x())).average()
                .orElseThrow();
        final double upMean = test.stream().filter(Example::fraud).mapToDouble(e -> up.score(e.x())).average()
                .orElseThrow();
        assertThat(upMean).isGreaterThan(plainMean + 0.05);
    }

    @Test
    void onlyMatureExamplesAreFitted() {
        // the last week says small "a" is fraud (as if legitimate labels had not come yet); older examples, whose
        // labels are complete, say large "a" is: trees with a 7-day maturity follow the mature examples
        final Random random = new Random(12);
        final List<Example> data = new ArrayList<>();
        final long day = 86_400_000L;
        for (int i = 0; i < 4000; i++) {
            final boolean recent = i >= 2000;
            final double a = random.nextDouble();
            final boolean fraud = recent ? a < 0.2 : a > 0.8;
            data.add(new Example(new FeatureVector(new String[] {"a"}, new double[] {a}), fraud,
                    (recent ? 30 * day : 0) + i * 1000L, 1));
        }
        final FeatureVector small = new FeatureVector(new String[] {"a"}, new double[] {0.1});
        final FeatureVector large = new FeatureVector(new String[] {"a"}, new double[] {0.9});
        final GradientBoostedTrees mature = new GradientBoostedTrees(TreeConfig.defaults(), LearnerConfig.defaults());
        mature.fit(data, ones(data.size()), 1, 1);
        final Model m = new Model(mature.snapshot(1, 0, 0, 0.5, 0.9, "s", 0));
        assertThat(m.score(large)).isGreaterThan(m.score(small) * 10);
        final GradientBoostedTrees everything = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        everything.fit(data, ones(data.size()), 1, 1);
        final Model e = new Model(everything.snapshot(1, 0, 0, 0.5, 0.9, "s", 0));
        assertThat(e.score(small)).isGreaterThan(m.score(small) * 3); // the recent slice's story leaks in
    }

    @Test
    void theFirstTreeSplitsWhereTheClassesSeparateAndFittingIsDeterministic() {
        final Random random = new Random(3);
        final List<Example> data = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            final double a = random.nextDouble();
            final double noise = random.nextDouble();
            data.add(new Example(new FeatureVector(new String[] {"noise", "a"}, new double[] {noise, a}), a > 0.7,
                    i, 1));
        }
        final GradientBoostedTrees t = new GradientBoostedTrees(new TreeConfig(5, 2, 0.3, 1, 0.5, 64),
                LearnerConfig.defaults());
        t.fit(data, ones(data.size()), 1, 1);
        final ModelSnapshot s = t.snapshot(1, 0, 0, 0.5, 0.9, "s", 0);
        final TreeEnsemble e = s.trees();
        final int root = e.roots()[0];
        assertThat(s.features()[e.feature()[root]]).isEqualTo("a");
        assertThat(e.threshold()[root]).isBetween(0.68, 0.72); // the quantile edge at the class boundary
        final GradientBoostedTrees again = new GradientBoostedTrees(new TreeConfig(5, 2, 0.3, 1, 0.5, 64),
                LearnerConfig.defaults());
        again.fit(data, ones(data.size()), 1, 1);
        assertThat(again.snapshot(1, 0, 0, 0.5, 0.9, "s", 0)).isEqualTo(s);
        // and the separation is learnt: away from the boundary's bin, every fraud scores above every legitimate one
        final Model m = new Model(s);
        final double lowestFraud = data.stream().filter(x -> x.x().get("a") > 0.72).mapToDouble(x -> m.score(x.x()))
                .min().orElseThrow();
        final double highestLegit = data.stream().filter(x -> x.x().get("a") < 0.68).mapToDouble(x -> m.score(x.x()))
                .max().orElseThrow();
        assertThat(lowestFraud).isGreaterThan(highestLegit);
    }

    @Test
    void aSnapshotScoresIdenticallyAfterTheModelTopicRoundTripAndIsCompact() {
        final List<Example> train = sample(20_000, 4);
        final GradientBoostedTrees t = new GradientBoostedTrees(ALL, LearnerConfig.defaults());
        final Model before = fitted(t, train);
        final ModelSnapshot calibrated = before.snapshot().calibrated(new Calibration(0.8, -0.3));
        final Serde<ModelSnapshot> serde = EventSerdes.json(ModelSnapshot.class);
        final byte[] bytes = serde.serializer().serialize("model", calibrated);
        final ModelSnapshot read = serde.deserializer().deserialize("model", bytes);
        assertThat(read).isEqualTo(calibrated);
        final Model a = new Model(calibrated);
        final Model b = new Model(read);
        for (Example e : sample(2000, 5)) {
            assertThat(b.score(e.x())).isEqualTo(a.score(e.x()));
            assertThat(b.assess(e.x(), 3)).isEqualTo(a.assess(e.x(), 3));
        }
        // well under the model topic's 1 MB message limit
        assertThat(bytes.length).as("snapshot bytes").isLessThan(200_000);
        // and the learner's own state restores it exactly
        final GradientBoostedTrees restored = TreeLearnerCodec.decodeWhole(ModelFamily.TREES, ALL,
                LearnerConfig.defaults(), TreeLearnerCodec.encodeWhole(t));
        assertThat(restored.snapshot(1, 0, 0, 0.2, 0.6, "s", 0)).isEqualTo(before.snapshot());
        // as do its two stored parts: the class counts (every outcome) and the ensemble (every fit)
        final GradientBoostedTrees fromParts = TreeLearnerCodec.decode(ModelFamily.TREES, ALL, LearnerConfig.defaults(),
                TreeLearnerCodec.encodeUpdated(t), TreeLearnerCodec.encodeFitted(t));
        assertThat(fromParts.snapshot(1, 0, 0, 0.2, 0.6, "s", 0)).isEqualTo(before.snapshot());
        assertThat(TreeLearnerCodec.encodeWhole(fromParts)).isEqualTo(TreeLearnerCodec.encodeWhole(t));
    }

    @Test
    void reasonsOfATreeModelAreTheFeaturesOnItsDecisionPaths() {
        final Model m = fitted(new GradientBoostedTrees(ALL, LearnerConfig.defaults()), sample(30_000, 6));
        final FeatureVector inRegion = new FeatureVector(NAMES.clone(), new double[] {0.97, 0.97, 0, 0, 0});
        final Model.Assessment a = m.assess(inRegion, 3);
        assertThat(a.score()).isGreaterThan(m.score(new FeatureVector(NAMES.clone(), new double[] {0.97, -0.97, 0, 0,
                0})) * 5);
        assertThat(a.reasons()).isNotEmpty();
        assertThat(a.reasons().subList(0, 2)).extracting(Reason::feature)
                .containsExactlyInAnyOrder("x1", "x2");
        // contributions and the baseline add up to the log-odds
        final double[] contributions = new double[m.snapshot().features().length];
        final double[] dense = new double[contributions.length];
        for (int j = 0; j < dense.length; j++) {
            dense[j] = inRegion.get(m.snapshot().features()[j]);
        }
        final double margin = m.snapshot().trees().margin(dense, contributions);
        assertThat(margin).isCloseTo(m.snapshot().trees().margin(dense), within(1e-9));
        double baseline = 0;
        for (int root : m.snapshot().trees().roots()) {
            baseline += m.snapshot().trees().value()[root];
        }
        assertThat(baseline + Arrays.stream(contributions).sum()).isCloseTo(margin, within(1e-9));
    }

    @Test
    void plattScalingRecoversAKnownMapping() {
        final Random random = new Random(7);
        final int n = 40_000;
        final double[] m = new double[n];
        final boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextGaussian() * 2;
            y[i] = random.nextDouble() < Model.sigmoid(2 * m[i] - 1);
        }
        final Calibration c = Calibration.platt(m, y);
        assertThat(c.a()).isCloseTo(2, within(0.1));
        assertThat(c.b()).isCloseTo(-1, within(0.1));
        assertThat(c.apply(0.5)).isCloseTo(0.5, within(0.03)); // sigmoid(2 * 0.5 - 1)
        // one class only: nothing to fit
        assertThat(Calibration.platt(new double[] {1, 2}, new boolean[] {false, false})).isNull();
    }

    @Test
    void treesReplaceALinearChampionOnlyByWinningOnTheHoldout() {
        final LearningConfig base = ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false);
        final Learning learning = new Learning(base.withFamilies(List.of(ModelFamily.LOGISTIC,
                ModelFamily.TREES)), ModelSnapshot.prior(0.01, 0.5, 0.9, "s"));
        final Random random = new Random(8);
        final List<ModelFamily> promoted = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            final Example e = xor(random, i * 60_000L);
            learning.observe(new LabelledOutcome("t" + i, e.time(), e.time() + 1, e.fraud(),
                    "label", e.amount(), null, null, 0.01, Decision.APPROVE, 0, e.x()),
                    StateSink.NONE).filter(Learning.Round::promoted)
                    .ifPresent(r -> promoted.add(r.challenger().family()));
        }
        assertThat(promoted).isNotEmpty();
        // on an interaction the trees win and stay: the last promotions are all trees
        assertThat(promoted.subList(promoted.size() / 2, promoted.size())).containsOnly(ModelFamily.TREES);
        assertThat(learning.champion().snapshot().family()).isEqualTo(ModelFamily.TREES);
        assertThat(learning.champion().snapshot().calibration()).isNotNull();
        assertThat(averagePrecision(learning.champion(), sample(30_000, 9))).isGreaterThan(0.05);
    }
}
