package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.CostMatrix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutcomeMetricsTest {
    private static final long DAY1 = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
    private static final long DAY2 = DAY1 + 86_400_000L;

    private static LabelledOutcome outcome(final String id, final long time, final String card, final double score,
                                           final boolean fraud, final double amount) {
        return new LabelledOutcome(id, time, time + 1000, fraud, LabelledOutcome.SOURCE_LABEL, amount, card, "m", score,
                Decision.of(score, 0.2, 0.6), 1, new FeatureVector(new String[0], new double[0]));
    }

    @Test
    void confusionCostSavingsAndCardPrecisionByHand() {
        final List<LabelledOutcome> o = List.of(
                outcome("1", DAY1, "A", 0.9, true, 100),  // alert, fraud: caught
                outcome("2", DAY1, "A", 0.1, true, 50),   // same card, missed: costs 50
                outcome("3", DAY1, "B", 0.3, false, 20),  // false alert: costs the review
                outcome("4", DAY1, "C", 0.05, false, 10),
                outcome("5", DAY2, "C", 0.7, true, 40),   // day 2: caught
                outcome("6", DAY2, "D", 0.01, false, 5));
        final WindowMetrics m = OutcomeMetrics.of(o, new CostMatrix(5, true, 0));
        assertThat(m.count()).isEqualTo(6);
        assertThat(m.positives()).isEqualTo(3);
        assertThat(m.alerts()).isEqualTo(3);
        assertThat(m.precision()).isEqualTo(2.0 / 3);
        assertThat(m.recall()).isEqualTo(2.0 / 3);
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-12));
        // TP 2, FP 1, TN 2, FN 1: MCC = (4 - 1) / sqrt(3 * 3 * 3 * 3), F2 = 5*2 / (5*2 + 4*1 + 1)
        assertThat(m.mcc()).isCloseTo(3.0 / 9, within(1e-12));
        assertThat(m.fBeta()).isCloseTo(10.0 / 15, within(1e-12));
        assertThat(m.specificity()).isEqualTo(2.0 / 3);
        assertThat(m.cost()).isEqualTo(3 * 5 + 50); // three reviews and one missed fraud
        assertThat(m.savings()).isCloseTo(1 - 65.0 / 190, within(1e-12));
        // day 1 cards by top score: A (0.9, fraud), B, C -> 1/3 with k = 100 capped at 3 cards; day 2: C (fraud), D
        assertThat(OutcomeMetrics.cardPrecisionAtK(o.subList(0, 4), 100)).isEqualTo(1.0 / 3);
        assertThat(OutcomeMetrics.cardPrecisionAtK(o.subList(0, 4), 1)).isEqualTo(1.0);
        assertThat(OutcomeMetrics.cardPrecisionAtK(o.subList(4, 6), 100)).isEqualTo(0.5);
        assertThat(m.cardPrecisionAtK()).isCloseTo((1.0 / 3 + 0.5) / 2, within(1e-12));
        assertThat(OutcomeMetrics.byDay(o)).hasSize(2);
    }

    @Test
    void undefinedMetricsAreNaNNeverZeroOrOne() {
        final WindowMetrics m = OutcomeMetrics.of(List.of(outcome("1", DAY1, "A", 0.1, false, 10)),
                new CostMatrix(5, true, 0));
        assertThat(m.prAuc()).isNaN();
        assertThat(m.rocAuc()).isNaN();
        assertThat(m.precision()).isNaN();
        assertThat(m.recall()).isNaN();
        assertThat(m.savings()).isNaN();
        assertThat(m.mcc()).isNaN();
        assertThat(m.f1()).isNaN();
    }

    @Test
    void rocAucAndCurvesMatchABruteForceReferenceWithTies() {
        final Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            final int n = 2 + r.nextInt(60);
            final double[] s = new double[n];
            final boolean[] l = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(8) / 8.0; // few distinct scores: many ties
                l[i] = r.nextDouble() < 0.3;
            }
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (l[i] && !l[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            final double expected = pairs == 0 ? Double.NaN : wins / pairs;
            assertThat(Curves.rocAuc(s, l)).as("trial %d", trial).isEqualTo(expected, within(1e-12));
            final List<Curves.Point> roc = Curves.rocCurve(s, l, 1000);
            final List<Curves.Point> pr = Curves.prCurve(s, l, 1000);
            if (pairs > 0) {
                assertThat(roc.get(0)).isEqualTo(new Curves.Point(0, 0));
                assertThat(roc.get(roc.size() - 1)).isEqualTo(new Curves.Point(1, 1));
                assertThat(pr.get(pr.size() - 1).x()).isEqualTo(1.0); // every fraud recalled at the lowest threshold
                // the trapezoids under the ROC curve are the AUC
                double area = 0;
                for (int k = 1; k < roc.size(); k++) {
                    area += (roc.get(k).x() - roc.get(k - 1).x()) * (roc.get(k).y() + roc.get(k - 1).y()) / 2;
                }
                assertThat(area).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void curvesAreThinnedToAtMostTheRequestedPoints() {
        final Random r = new Random(5);
        final int n = 5000;
        final double[] s = new double[n];
        final boolean[] l = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
            l[i] = i % 10 == 0;
        }
        final List<Curves.Point> roc = Curves.rocCurve(s, l, 100);
        assertThat(roc).hasSize(100);
        assertThat(roc.get(0)).isEqualTo(new Curves.Point(0, 0));
        assertThat(roc.get(99)).isEqualTo(new Curves.Point(1, 1));
        assertThat(new ArrayList<>(roc)).isSortedAccordingTo((a, b) -> Double.compare(a.x(), b.x()));
    }
}
