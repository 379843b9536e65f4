package io.fraudstream.eval;

import io.fraudstream.event.LabelledOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics of a set of labelled outcomes, from the score each transaction had at decision time. "Alerted"
 * (REVIEW or BLOCK) is the positive decision. Cost under the cost matrix: every alert costs {@code reviewCost}
 * (someone looks at it), every missed fraud costs its amount; savings = 1 − cost / (cost of approving everything,
 * i.e. the amount of all fraud). Card Precision@k for a day: the cards of that day ranked by their highest score,
 * the share of the top k that had a fraud that day (over min(k, cards that day)).
 *
 * @param outcomes   outcomes counted
 * @param frauds     frauds among them
 * @param prAuc      average precision
 * @param rocAuc     ROC-AUC
 * @param alerts     alerted outcomes
 * @param precision  precision of alerts (NaN without alerts)
 * @param recall     recall of alerts (NaN without fraud)
 * @param f1         harmonic mean of the two
 * @param cost       total cost
 * @param savings    1 − cost / amount of all fraud (NaN without fraud)
 * @param cardPrecisionAt100 mean over days of Card Precision@100 (days without a card: skipped)
 */
public record OutcomeMetrics(int outcomes, int frauds, double prAuc, double rocAuc, int alerts, double precision,
                             double recall, double f1, double cost, double savings, double cardPrecisionAt100) {
    public static final int CARD_K = 100;

    public static OutcomeMetrics of(final List<LabelledOutcome> outcomes, final double reviewCost) {
        final int n = outcomes.size();
        final double[] scores = new double[n];
        final boolean[] labels = new boolean[n];
        int frauds = 0;
        int alerts = 0;
        int tp = 0;
        double cost = 0;
        double fraudAmount = 0;
        for (int i = 0; i < n; i++) {
            final LabelledOutcome o = outcomes.get(i);
            scores[i] = o.score();
            labels[i] = o.fraud();
            frauds += o.fraud() ? 1 : 0;
            fraudAmount += o.fraud() ? o.amount() : 0;
            if (o.alerted()) {
                alerts++;
                tp += o.fraud() ? 1 : 0;
                cost += reviewCost;
            } else if (o.fraud()) {
                cost += o.amount();
            }
        }
        final double precision = alerts == 0 ? Double.NaN : (double) tp / alerts;
        final double recall = frauds == 0 ? Double.NaN : (double) tp / frauds;
        final double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : Double.NaN;
        final List<Double> daily = new ArrayList<>();
        byDay(outcomes).values().forEach(day -> {
            final double cp = cardPrecisionAtK(day, CARD_K);
            if (!Double.isNaN(cp)) {
                daily.add(cp);
            }
        });
        return new OutcomeMetrics(n, frauds, Curves.averagePrecision(scores, labels), Curves.rocAuc(scores, labels),
                alerts, precision, recall, f1, cost, fraudAmount > 0 ? 1 - cost / fraudAmount : Double.NaN,
                daily.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
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
