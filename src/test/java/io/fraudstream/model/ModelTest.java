package io.fraudstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Reason;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final Model MODEL = new Model(new ModelSnapshot(1, 0, 0, ModelFamily.LOGISTIC,
            new String[] {"a", "b", "c", "d", "e"}, new double[] {1, 2, -1, 0.5, 3}, new double[5],
            new double[] {1, 1, 1, 1, 1}, -4, 0.2, 0.6, 0, 0, "test", null, null, null));

    @Test
    void assessScoresExactlyAsScoreAndNamesTheLargestPositiveContributionsInOrder() {
        final FeatureVector x = new FeatureVector(new String[] {"a", "b", "c", "d", "unknown", "e"},
                new double[] {1, 1, 1, 1, 9, -1});
        final Model.Assessment a = MODEL.assess(x, 3);
        assertThat(a.score()).isEqualTo(MODEL.score(x));
        // contributions: a 1, b 2, c -1, d 0.5, e -3: the positive ones, largest first, at most three
        assertThat(a.reasons()).containsExactly(new Reason("b", 2), new Reason("a", 1), new Reason("d", 0.5));
        assertThat(MODEL.assess(x, 1).reasons()).containsExactly(new Reason("b", 2));
        // nothing pushes the score up: no reasons
        assertThat(MODEL.assess(new FeatureVector(new String[] {"c"}, new double[] {2}), 3).reasons()).isEmpty();
    }
}
