package io.fraudstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The complete layout scores every row as the pointer walk does, to the bit, whatever the trees' shapes. */
class CompleteTreesTest {
    private static final int WIDTH = 5;

    @Test
    void everyRowEndsOnTheLeafThePointerWalkReaches() {
        final Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            final TreeEnsemble ensemble = randomEnsemble(random, 1 + random.nextInt(8), random.nextInt(6));
            final CompleteTrees complete = CompleteTrees.of(ensemble);
            assertThat(complete).isNotNull();
            final int rows = 1 + random.nextInt(CompleteTrees.BLOCK);
            final double[] x = new double[rows * WIDTH];
            for (int i = 0; i < x.length; i++) { // thresholds are multiples of 0.25: ties, missing and infinite values too
                final int kind = random.nextInt(10);
                x[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.NEGATIVE_INFINITY : random.nextInt(9) * 0.25 - 1;
            }
            final double[] margin = new double[rows];
            complete.margins(x, WIDTH, rows, margin);
            for (int r = 0; r < rows; r++) {
                final double[] row = Arrays.copyOfRange(x, r * WIDTH, (r + 1) * WIDTH);
                assertThat(Double.doubleToRawLongBits(margin[r]))
                        .as("trial %d row %d", trial, r)
                        .isEqualTo(Double.doubleToRawLongBits(ensemble.margin(row)));
            }
        }
    }

    @Test
    void ensemblesDeeperThanTheLimitAreLeftToTheWalk() {
        final TreeEnsemble deep = randomEnsemble(new Random(3), 1, CompleteTrees.MAX_DEPTH + 1, true);
        assertThat(CompleteTrees.of(deep)).isNull();
        assertThat(CompleteTrees.of(randomEnsemble(new Random(3), 1, CompleteTrees.MAX_DEPTH, true))).isNotNull();
    }

    @Test
    void anEnsembleOfLeavesAddsTheirValues() {
        final TreeEnsemble leaves = randomEnsemble(new Random(5), 4, 0);
        final double[] margin = new double[3];
        CompleteTrees.of(leaves).margins(new double[0], 0, 3, margin);
        assertThat(margin).containsOnly(leaves.margin(new double[0]));
    }

    private static TreeEnsemble randomEnsemble(final Random random, final int trees, final int maxDepth) {
        return randomEnsemble(random, trees, maxDepth, false);
    }

    /** Trees whose leaves sit at random depths up to {@code maxDepth} (exactly there along one path if {@code full}). */
    private static TreeEnsemble randomEnsemble(final Random random, final int trees, final int maxDepth,
                                               final boolean full) {
        final Nodes nodes = new Nodes();
        final int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            roots[t] = nodes.grow(random, maxDepth, full);
        }
        return nodes.ensemble(roots);
    }

    /** Nodes in pre-order (children follow their parent, as the record requires). */
    private static final class Nodes {
        private final List<double[]> rows = new ArrayList<>(); // feature, threshold, left, right, value

        int grow(final Random random, final int depthLeft, final boolean full) {
            final int n = rows.size();
            final double value = random.nextGaussian() * 0.3;
            rows.add(new double[] {-1, 0, -1, -1, value});
            if (depthLeft > 0 && (full || random.nextInt(4) > 0)) {
                final double[] node = rows.get(n);
                node[0] = random.nextInt(WIDTH);
                node[1] = random.nextInt(9) * 0.25 - 1;
                node[2] = grow(random, depthLeft - 1, full);
                node[3] = grow(random, depthLeft - 1, false);
            }
            return n;
        }

        TreeEnsemble ensemble(final int[] roots) {
            final int n = rows.size();
            final int[] feature = new int[n];
            final double[] threshold = new double[n];
            final int[] left = new int[n];
            final int[] right = new int[n];
            final double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                final double[] r = rows.get(i);
                feature[i] = (int) r[0];
                threshold[i] = r[1];
                left[i] = (int) r[2];
                right[i] = (int) r[3];
                value[i] = r[4];
            }
            return new TreeEnsemble(roots, feature, threshold, left, right, value);
        }
    }
}
