package io.fraudstream.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
