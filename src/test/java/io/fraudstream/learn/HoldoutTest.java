package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.feature.FeatureVector;
import io.fraudstream.sample.Example;
import org.junit.jupiter.api.Test;

class HoldoutTest {
    @Test
    void aboutTheConfiguredShareIsHeldOutAlwaysTheSameTransactions() {
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            held += Holdout.isHeldOut("tx-" + i, 10) ? 1 : 0;
        }
        assertThat(held).isBetween(9_500, 10_500);
        assertThat(Holdout.isHeldOut("tx-42", 10)).isEqualTo(Holdout.isHeldOut("tx-42", 10));
        assertThat(Holdout.isHeldOut("tx-42", 0)).isFalse();
    }

    @Test
    void keepsTheMostRecentExamplesSurvivesTheStoreAndScoresModelsByPrAuc() {
        final Holdout h = new Holdout(3);
        final byte[][] stored = new byte[3][];
        final FeatureVector[] x = {vector(1), vector(5), vector(2), vector(9)};
        final boolean[] y = {false, true, false, true};
        for (int i = 0; i < 4; i++) {
            final int slot = h.add(new Example(x[i], y[i], i * 86_400_000L, 10));
            stored[slot] = h.encoded(slot);
        }
        assertThat(h.size()).isEqualTo(3);
        final Holdout restored = new Holdout(3);
        for (int slot = 0; slot < 3; slot++) {
            restored.restore(slot, stored[slot]);
        }
        assertThat(restored.total()).isEqualTo(4);
        assertThat(restored.days()).isEqualTo(2.0); // days 1..3 remain
        // a model increasing in x ranks the two frauds (5, 9) above the legitimate 2: PR-AUC 1; the first example
        // (1, legitimate) was pushed out; a model decreasing in x ranks them last: PR-AUC (1/2 + 2/3) / 2
        final Model up = model(1);
        final Model down = model(-1);
        assertThat(restored.averagePrecision(up)).isEqualTo(1.0);
        assertThat(restored.averagePrecision(down)).isEqualTo(h.averagePrecision(down)).isEqualTo((0.5 + 2.0 / 3) / 2);
    }

    private static FeatureVector vector(final double v) {
        return new FeatureVector(new String[] {"x"}, new double[] {v});
    }

    private static Model model(final double weight) {
        return new Model(new ModelSnapshot(1, 0, 0, ModelSnapshot.LOGISTIC, new String[] {"x"},
                new double[] {weight}, new double[] {0}, new double[] {1}, 0, 0.2, 0.6, 0, 0, "test", null, null, null));
    }
}
