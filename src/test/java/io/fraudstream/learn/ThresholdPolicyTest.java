package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.model.CostMatrix;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {
    // six held-out outcomes, by score: fraud 100, legit, fraud 50, legit, fraud 10, legit
    private static final double[] SCORES = {0.4, 0.9, 0.1, 0.7, 0.3, 0.8};
    private static final boolean[] FRAUD = {false, true, false, true, true, false};
    private static final double[] AMOUNTS = {20, 100, 30, 50, 10, 40};

    @Test
    void theCostPolicyPicksTheCheapestCutByHand() {
        // review cost 5; alerting the top c costs 5c plus the missed frauds:
        // c=0: 160, 1: 65, 2: 70, 3: 25, 4: 30, 5: 25, 6: 30 → the first cheapest, c = 3, threshold 0.7
        final ThresholdPolicy.Choice c = policy(ThresholdPolicy.Kind.COST).choose(SCORES, FRAUD, AMOUNTS, 0.1, 1);
        assertThat(c.review()).isEqualTo(0.7);
        assertThat(c.cost()).isEqualTo(25);
        assertThat(c.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.recall()).isCloseTo(2.0 / 3, within(1e-12));
        // BLOCK: the lowest threshold at or above review with precision >= 0.9: only the top one (precision 1)
        assertThat(c.block()).isEqualTo(0.9);
    }

    @Test
    void precisionAndBudgetPoliciesByHand() {
        // precision of the top c: 1, 1/2, 2/3, 1/2, 3/5, 1/2 → the lowest threshold with >= 0.6 is c = 5 (0.3)
        assertThat(policy(ThresholdPolicy.Kind.PRECISION).choose(SCORES, FRAUD, AMOUNTS, 0.1, 1).review())
                .isEqualTo(0.3);
        // a holdout of 10% of one day: c alerts are 10c a day; a budget of 25 a day allows c = 2 (0.8)
        assertThat(policy(ThresholdPolicy.Kind.BUDGET).choose(SCORES, FRAUD, AMOUNTS, 0.1, 1).review())
                .isEqualTo(0.8);
        // fixed keeps the configured thresholds
        final ThresholdPolicy.Choice fixed = policy(ThresholdPolicy.Kind.FIXED).choose(SCORES, FRAUD, AMOUNTS, 0.1, 1);
        assertThat(fixed.review()).isEqualTo(0.5);
        assertThat(fixed.block()).isEqualTo(0.95);
        assertThat(fixed.precision()).isCloseTo(2.0 / 3, within(1e-12)); // alerts 0.9, 0.8, 0.7
    }

    @Test
    void tiedScoresAreAlertedTogether() {
        // the top two tie: a cut between them is not allowed, so the cost policy must take both or neither
        final double[] scores = {0.9, 0.9, 0.2};
        final boolean[] fraud = {true, false, false};
        final double[] amounts = {100, 1, 1};
        final ThresholdPolicy.Choice c = policy(ThresholdPolicy.Kind.COST).choose(scores, fraud, amounts, 0.1, 1);
        assertThat(c.review()).isEqualTo(0.9);
        assertThat(c.cost()).isEqualTo(10);
    }

    private static ThresholdPolicy policy(final ThresholdPolicy.Kind kind) {
        return new ThresholdPolicy(kind, 0.5, 0.95, 0.6, 25, 0.9, new CostMatrix(5, true, 0));
    }
}
