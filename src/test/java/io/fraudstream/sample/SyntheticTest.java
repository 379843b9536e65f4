package io.fraudstream.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.FeatureVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticTest {
    // minority: a tight cluster far from the majority, and two points on the boundary inside the majority
    private static final double[][] SAFE = {{10, 10}, {10.5, 10}, {10, 10.5}, {10.5, 10.5}, {10.2, 10.3}};
    private static final double[][] BORDER = {{1, 1}, {1.2, 0.9}};
    private static final double[][] MAJORITY = {{0, 0}, {0.5, 0}, {0, 0.5}, {0.5, 0.5}, {1.5, 1.5}, {1, 0},
        {0, 1}, {2, 2}, {1.5, 0.5}, {0.5, 1.5}};

    @Test
    void smotePointsLieOnSegmentsBetweenAMinorityExampleAndOneOfItsMinorityNeighbours() {
        final List<Example> minority = ReservoirTest.points(true, concat(SAFE, BORDER));
        final List<Example> made = Synthetic.generate(Synthetic.Method.SMOTE, minority,
                ReservoirTest.points(false, MAJORITY), 40, 3, 1);
        assertThat(made).hasSize(40).allMatch(Example::fraud);
        for (Example s : made) {
            assertThat(onSomeSegment(s.x().values(), concat(SAFE, BORDER), concat(SAFE, BORDER))).as("%s", s.x()).isTrue();
        }
        assertThat(Synthetic.generate(Synthetic.Method.SMOTE, minority, List.of(), 40, 3, 1))
                .isEqualTo(Synthetic.generate(Synthetic.Method.SMOTE, minority, List.of(), 40, 3, 1));
    }

    @Test
    void mixupPairsAnyTwoMinorityExamplesAtBetaDistributedPositions() {
        final List<Example> minority = ReservoirTest.points(true, concat(SAFE, BORDER));
        final List<Example> made = Synthetic.generate(Synthetic.Method.MIXUP, minority,
                ReservoirTest.points(false, MAJORITY), 2000, 3, 4);
        assertThat(made).hasSize(2000).allMatch(Example::fraud);
        int between = 0;
        for (Example s : made) {
            assertThat(onSomeSegment(s.x().values(), concat(SAFE, BORDER), concat(SAFE, BORDER))).as("%s", s.x()).isTrue();
            // partners are not neighbours: segments from the boundary pair to the far cluster are used too
            between += s.x().values()[0] > 2 && s.x().values()[0] < 9.5 ? 1 : 0;
        }
        assertThat(between).isGreaterThan(50);
        assertThat(Synthetic.generate(Synthetic.Method.MIXUP, minority, List.of(), 40, 3, 1))
                .isEqualTo(Synthetic.generate(Synthetic.Method.MIXUP, minority, List.of(), 40, 3, 1));
        // Beta(0.4, 0.4): mean 1/2, variance 1/(4(2·0.4 + 1)) = 0.139, mass at both ends
        final SplittableRandom random = new SplittableRandom(7);
        final double[] draws = new double[100_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = Synthetic.beta(Synthetic.MIXUP_ALPHA, random);
        }
        final double mean = Arrays.stream(draws).average().orElseThrow();
        final double variance = Arrays.stream(draws).map(d -> (d - mean) * (d - mean)).average().orElseThrow();
        assertThat(mean).isBetween(0.49, 0.51);
        assertThat(variance).isBetween(0.134, 0.144);
        assertThat(Arrays.stream(draws).filter(d -> d < 0.1 || d > 0.9).count())
                .as("more at the ends than a uniform's 20%").isGreaterThan(35_000);
    }

    @Test
    void aSyntheticExampleIsAsNewAsItsNewerParent() {
        // old frauds near x = 0, fresh ones near x = 10: a point between them must not look old (the trees fit
        // only mature examples; an interpolated time let fresh frauds in without the fresh legitimate ones)
        final long fresh = 10 * 86_400_000L;
        final List<Example> minority = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            minority.add(new Example(new FeatureVector(new String[] {"x", "y"}, new double[] {i * 0.1, i}), true, 0, 10));
            minority.add(new Example(new FeatureVector(new String[] {"x", "y"}, new double[] {10 + i * 0.1, i}), true,
                    fresh, 10));
        }
        for (Synthetic.Method method : List.of(Synthetic.Method.SMOTE, Synthetic.Method.MIXUP)) {
            final List<Example> made = Synthetic.generate(method, minority, List.of(), 400, 7, 5);
            assertThat(made).as("%s", method).allMatch(e -> e.time() == 0 || e.time() == fresh)
                    .anyMatch(e -> e.x().values()[0] > 1 && e.x().values()[0] < 9)
                    .filteredOn(e -> e.x().values()[0] > 1 && e.x().values()[0] < 9).allMatch(e -> e.time() == fresh);
        }
    }

    @Test
    void borderlineSmoteAndAdasynSynthesiseWhereTheClassesMeet() {
        final List<Example> minority = ReservoirTest.points(true, concat(SAFE, BORDER));
        final List<Example> majority = ReservoirTest.points(false, MAJORITY);
        // Borderline-SMOTE: only the two boundary points are in danger (most, not all, neighbours majority), so
        // every synthetic example starts from one of them; plain SMOTE also starts from the safe cluster
        final List<Example> borderline = Synthetic.generate(Synthetic.Method.BORDERLINE, minority, majority, 30, 3, 2);
        assertThat(borderline).hasSize(30);
        for (Example s : borderline) {
            assertThat(onSomeSegment(s.x().values(), BORDER, concat(SAFE, BORDER))).as("%s", s.x()).isTrue();
        }
        assertThat(Synthetic.generate(Synthetic.Method.SMOTE, minority, majority, 30, 3, 2))
                .anyMatch(s -> !onSomeSegment(s.x().values(), BORDER, concat(SAFE, BORDER)));
        // ADASYN: the safe cluster has no majority neighbour, so it gets no share: all start at the boundary
        final List<Example> adasyn = Synthetic.generate(Synthetic.Method.ADASYN, minority, majority, 30, 3, 3);
        assertThat(adasyn).hasSize(30);
        for (Example s : adasyn) {
            assertThat(onSomeSegment(s.x().values(), BORDER, concat(SAFE, BORDER))).as("%s", s.x()).isTrue();
        }
    }

    @Test
    void tomekCleaningDropsExactlyTheMajorityExamplesLinkedToAMinorityOne() {
        final List<Example> minority = ReservoirTest.points(true, new double[][] {{0, 0}, {10, 10}});
        // (0.1, 0) and (0, 0) are each other's nearest: a Tomek link; (3, 3)'s nearest is (3.2, 3)
        final List<Example> majority = ReservoirTest.points(false,
                new double[][] {{0.1, 0}, {3, 3}, {3.2, 3}, {6, 6}});
        final List<Example> kept = Synthetic.withoutTomekLinks(minority, majority);
        assertThat(kept).hasSize(3).noneMatch(e -> e.x().values()[0] == 0.1);
    }

    /** Whether p lies on a segment from one of {@code starts} to another of {@code ends} (within rounding). */
    private static boolean onSomeSegment(final double[] p, final double[][] starts, final double[][] ends) {
        for (double[] a : starts) {
            for (double[] b : ends) {
                if (a[0] == b[0] && a[1] == b[1]) {
                    continue;
                }
                final double dx = b[0] - a[0];
                final double dy = b[1] - a[1];
                final double u = Math.abs(dx) > Math.abs(dy) ? (p[0] - a[0]) / dx : (p[1] - a[1]) / dy;
                if (u >= -1e-9 && u <= 1 + 1e-9 && Math.abs(a[0] + u * dx - p[0]) < 1e-9
                        && Math.abs(a[1] + u * dy - p[1]) < 1e-9) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double[][] concat(final double[][] a, final double[][] b) {
        final double[][] out = new double[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
