package io.fraudstream.learn;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.CostMatrix;
import io.fraudstream.sample.Example;
import java.util.function.ToDoubleFunction;

/**
 * What the decisions of late have been, as {@link Learning} needs them: per class, decayed counts of alerted frauds
 * and approved legitimate transactions (the recent recall each class had, which performance-driven sampling reads),
 * and the running mean of what a missed fraud costs (which normalises example-dependent cost weights). Six numbers,
 * kept in the learner's state ({@link LearningState}).
 */
final class RecentDecisions {
    /** Outcomes over which the recent recall per class halves its memory. */
    private static final double RECALL_HALF_LIFE = 5000;
    /** Cap on an example-dependent cost weight, relative to the mean missed-fraud cost. */
    private static final double MAX_COST_WEIGHT = 10;

    private final double decay = Math.pow(0.5, 1 / RECALL_HALF_LIFE);
    private final CostMatrix costs;
    private final boolean costWeights;
    private double fraudCaught;
    private double fraudSeen;
    private double legitPassed;
    private double legitSeen;
    private double missedCostSum;
    private double missedCostCount;

    RecentDecisions(final CostMatrix costs, final boolean costWeights) {
        this.costs = costs;
        this.costWeights = costWeights;
    }

    void record(final LabelledOutcome o) {
        fraudCaught *= decay;
        fraudSeen *= decay;
        legitPassed *= decay;
        legitSeen *= decay;
        if (o.fraud()) {
            fraudSeen++;
            fraudCaught += o.alerted() ? 1 : 0;
            missedCostSum += costs.missed(o.amount());
            missedCostCount++;
        } else {
            legitSeen++;
            legitPassed += o.alerted() ? 0 : 1;
        }
    }

    /** The recent share of frauds alerted on (NaN before any). */
    double fraudRecall() {
        return recall(fraudCaught, fraudSeen);
    }

    /** The recent share of legitimate transactions approved (NaN before any). */
    double legitRecall() {
        return recall(legitPassed, legitSeen);
    }

    /** An example's weight from what it costs: a fraud by what missing it costs, relative to the mean; else 1. */
    double costWeight(final Example e) {
        return costWeight(e, meanMissedCost());
    }

    /** {@link #costWeight} as it stands now, for a round that weighs its batch on its own thread later. */
    ToDoubleFunction<Example> costWeightNow() {
        final double mean = meanMissedCost();
        return e -> costWeight(e, mean);
    }

    /** The mean cost of a missed fraud so far; NaN before any fraud. */
    private double meanMissedCost() {
        return missedCostCount > 0 ? missedCostSum / missedCostCount : Double.NaN;
    }

    private double costWeight(final Example e, final double meanMissed) {
        if (!costWeights || !e.fraud()) {
            return 1;
        }
        final double missed = costs.missed(e.amount());
        final double mean = Double.isNaN(meanMissed) ? missed : meanMissed;
        return mean > 0 ? Math.min(MAX_COST_WEIGHT, Math.max(1 / MAX_COST_WEIGHT, missed / mean)) : 1;
    }

    /** The six numbers, in the order {@link #restore} takes them. */
    double[] values() {
        return new double[] {fraudCaught, fraudSeen, legitPassed, legitSeen, missedCostSum, missedCostCount};
    }

    void restore(final double[] v) {
        fraudCaught = v[0];
        fraudSeen = v[1];
        legitPassed = v[2];
        legitSeen = v[3];
        missedCostSum = v[4];
        missedCostCount = v[5];
    }

    private static double recall(final double hit, final double all) {
        return all > 1e-9 ? hit / all : Double.NaN;
    }
}
