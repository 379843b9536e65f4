package io.fraudstream.eval;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.CostMatrix;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics of a set of labelled outcomes (a replay's, or one of its days), from the score each transaction had at
 * decision time: the same {@link WindowMetrics} as the rolling windows of the live evaluator, by the same code
 * ({@link CardPrecision}, the cost matrix), but for PR-AUC and ROC-AUC: a fixed set is ranked once by sorting
 * ({@link Curves}), where a window that slides keeps its scores' counts in a {@link RankedScores} (the two agree,
 * to rounding, as a test holds them; that structure, then a tree, took most of a long replay's report time).
 */
public final class OutcomeMetrics {
    /** k of the Card Precision@k in replay reports. */
    public static final int CARD_K = 100;

    private OutcomeMetrics() {
    }

    /** Every metric of these outcomes; F-beta with beta 2. */
    public static WindowMetrics of(final List<LabelledOutcome> outcomes, final CostMatrix costs) {
        final double[] scores = new double[outcomes.size()];
        final boolean[] labels = new boolean[outcomes.size()];
        int i = 0;
        final CardPrecision cards = new CardPrecision(CARD_K);
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        double cost = 0;
        double approveAll = 0;
        for (LabelledOutcome o : outcomes) {
            scores[i] = o.score();
            labels[i++] = o.fraud();
            cards.add(o.eventTime(), o.cardId(), o.score(), o.fraud());
            cost += costs.cost(o.fraud(), o.alerted(), o.amount());
            approveAll += costs.cost(o.fraud(), false, o.amount());
            if (o.alerted()) {
                tp += o.fraud() ? 1 : 0;
                fp += o.fraud() ? 0 : 1;
            } else {
                fn += o.fraud() ? 1 : 0;
                tn += o.fraud() ? 0 : 1;
            }
        }
        return WindowMetrics.of(tp, fp, tn, fn, 2, Curves.averagePrecision(scores, labels),
                Curves.rocAuc(scores, labels), cost, approveAll, cards.meanDaily());
    }

    /** Outcomes grouped by the UTC day of their transaction, in day order. */
    public static Map<LocalDate, List<LabelledOutcome>> byDay(final List<LabelledOutcome> outcomes) {
        final Map<LocalDate, List<LabelledOutcome>> days = new TreeMap<>();
        for (LabelledOutcome o : outcomes) {
            days.computeIfAbsent(LocalDate.ofInstant(Instant.ofEpochMilli(o.eventTime()), ZoneOffset.UTC),
                    d -> new ArrayList<>()).add(o);
        }
        return days;
    }

    /** Card Precision@k of one day's outcomes; NaN when no outcome names a card. */
    public static double cardPrecisionAtK(final List<LabelledOutcome> day, final int k) {
        final CardPrecision cp = new CardPrecision(k);
        day.forEach(o -> cp.add(o.eventTime(), o.cardId(), o.score(), o.fraud()));
        return cp.meanDaily();
    }
}
