package io.fraudstream.replay;

import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.LabelledOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The part of the replay report an ML engineer checks before trusting the headline figures, all from the scores at
 * decision time against the labels (never resampled data):
 * <ul>
 *   <li>a reliability diagram: ten bins of the score, each bin's mean score against its observed fraud rate (a
 *   calibrated model lies on the diagonal);</li>
 *   <li>the score distribution of each class (share of the class per score bin);</li>
 *   <li>a threshold sweep: precision and recall, alerts per day and cost, had every transaction been alerted at
 *   or above each threshold;</li>
 *   <li>the confusion matrix of the decisions as they were taken (each model version's own thresholds);</li>
 *   <li>the daily volumes: transactions, frauds and alerts.</li>
 * </ul>
 * The cost is the report's: an alert costs the review cost, a missed fraud its amount.
 */
final class ScoreDiagnostics {
    static final List<String> TITLES = List.of("Reliability", "Score distribution by class",
            "Threshold sweep: precision and recall", "Threshold sweep: alerts per day", "Threshold sweep: cost",
            "Transactions per day", "Frauds and alerts per day");
    private static final int RELIABILITY_BINS = 10;
    private static final int HISTOGRAM_BINS = 50;
    private static final int THRESHOLDS = 200;

    private final List<LabelledOutcome> outcomes;
    private final WindowMetrics total;
    private final SortedMap<LocalDate, WindowMetrics> days;
    private final double reviewCost;

    /** {@code outcomes}, their metrics in {@code total} and per day in {@code days}, as the report computed them. */
    ScoreDiagnostics(final List<LabelledOutcome> outcomes, final WindowMetrics total,
                     final SortedMap<LocalDate, WindowMetrics> days, final double reviewCost) {
        this.outcomes = outcomes;
        this.total = total;
        this.days = days;
        this.reviewCost = reviewCost;
    }

    /** The section's HTML: its heading, the charts and the confusion matrix. */
    String html() {
        final StringBuilder b = new StringBuilder("<h2>Scores and thresholds</h2><div class=\"charts\">");
        b.append(reliability()).append(distributions());
        sweep(b);
        daily(b);
        b.append("</div>");
        b.append(String.format(Locale.ROOT, "<h3>Confusion matrix of the decisions taken</h3><table><tr><th></th>"
                        + "<th>alerted</th><th>approved</th></tr><tr><th>fraud</th><td>%,d</td><td>%,d</td></tr>"
                        + "<tr><th>legitimate</th><td>%,d</td><td>%,d</td></tr></table>",
                total.truePositives(), total.falseNegatives(), total.falsePositives(), total.trueNegatives()));
        return b.toString();
    }

    private String reliability() {
        final double[] sum = new double[RELIABILITY_BINS];
        final double[] frauds = new double[RELIABILITY_BINS];
        final double[] count = new double[RELIABILITY_BINS];
        for (LabelledOutcome o : outcomes) {
            final int k = Math.min(RELIABILITY_BINS - 1, (int) (o.score() * RELIABILITY_BINS));
            sum[k] += o.score();
            frauds[k] += o.fraud() ? 1 : 0;
            count[k]++;
        }
        final double[] mean = new double[RELIABILITY_BINS];
        final double[] rate = new double[RELIABILITY_BINS];
        for (int k = 0; k < RELIABILITY_BINS; k++) { // an empty bin breaks the line
            mean[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
            rate[k] = count[k] == 0 ? Double.NaN : frauds[k] / count[k];
        }
        return new SvgChart(TITLES.get(0) + ": observed fraud rate against mean score (" + RELIABILITY_BINS
                + " bins of the score)", "mean score", "observed fraud rate").xRange(0, 1).yRange(0, 1).diagonal()
                .add(new SvgChart.Series("bins", mean, rate, false)).render();
    }

    private String distributions() {
        final double[] x = new double[HISTOGRAM_BINS];
        final double[][] share = new double[2][HISTOGRAM_BINS];
        final long[] count = new long[2];
        for (LabelledOutcome o : outcomes) {
            final int c = o.fraud() ? 1 : 0;
            share[c][Math.min(HISTOGRAM_BINS - 1, (int) (o.score() * HISTOGRAM_BINS))]++;
            count[c]++;
        }
        for (int k = 0; k < HISTOGRAM_BINS; k++) {
            x[k] = (k + 0.5) / HISTOGRAM_BINS;
            for (int c = 0; c < 2; c++) {
                share[c][k] = count[c] == 0 ? Double.NaN : share[c][k] / count[c];
            }
        }
        return new SvgChart(TITLES.get(1) + " (share of the class per bin of width " + 1.0 / HISTOGRAM_BINS + ")",
                "score", "share of the class").xRange(0, 1)
                .add(new SvgChart.Series("legitimate", x, share[0], false))
                .add(new SvgChart.Series("fraud", x, share[1], false)).render();
    }

    /**
     * Precision, recall, alerts per day and cost at thresholds 0, 1/200, ..., 1 (scores at or above alerted): each
     * outcome counted once, under the highest threshold its score reaches, then summed from the top down.
     */
    private void sweep(final StringBuilder b) {
        final double[] alertsAt = new double[THRESHOLDS + 2];
        final double[] caughtAt = new double[THRESHOLDS + 2];
        final double[] caughtAmountAt = new double[THRESHOLDS + 2];
        for (LabelledOutcome o : outcomes) {
            final int k = highestThresholdReached(o.score());
            alertsAt[k]++;
            caughtAt[k] += o.fraud() ? 1 : 0;
            caughtAmountAt[k] += o.fraud() ? o.amount() : 0;
        }
        for (int k = THRESHOLDS - 1; k >= 0; k--) {
            alertsAt[k] += alertsAt[k + 1];
            caughtAt[k] += caughtAt[k + 1];
            caughtAmountAt[k] += caughtAmountAt[k + 1];
        }
        final double perDay = Math.max(1, days.size());
        final double[] t = new double[THRESHOLDS + 1];
        final double[][] y = new double[4][THRESHOLDS + 1];
        for (int k = 0; k <= THRESHOLDS; k++) {
            t[k] = (double) k / THRESHOLDS;
            y[0][k] = alertsAt[k] == 0 ? Double.NaN : caughtAt[k] / alertsAt[k];
            y[1][k] = caughtAt[0] == 0 ? Double.NaN : caughtAt[k] / caughtAt[0];
            y[2][k] = alertsAt[k] / perDay;
            y[3][k] = alertsAt[k] * reviewCost + (caughtAmountAt[0] - caughtAmountAt[k]);
        }
        b.append(new SvgChart(TITLES.get(2), "threshold", "value").xRange(0, 1).yRange(0, 1)
                .add(new SvgChart.Series("precision", t, y[0], false))
                .add(new SvgChart.Series("recall", t, y[1], false)).render());
        b.append(new SvgChart(TITLES.get(3), "threshold", "alerts per day").xRange(0, 1)
                .add(new SvgChart.Series("alerts per day", t, y[2], false)).render());
        b.append(new SvgChart(TITLES.get(4) + String.format(Locale.ROOT, " (an alert %s, a missed fraud its amount)",
                ReplayReport.f(reviewCost)), "threshold", "cost").xRange(0, 1)
                .add(new SvgChart.Series("cost", t, y[3], false)).render());
    }

    /** The largest k with k / 200 at or below {@code score} (exactly as the comparison, whatever the rounding). */
    private static int highestThresholdReached(final double score) {
        int k = Math.max(0, Math.min(THRESHOLDS, (int) (score * THRESHOLDS)));
        while (k < THRESHOLDS && score >= (double) (k + 1) / THRESHOLDS) {
            k++;
        }
        while (k > 0 && score < (double) k / THRESHOLDS) {
            k--;
        }
        return k;
    }

    /** Transactions, frauds and alerts per day, from the report's daily metrics. */
    private void daily(final StringBuilder b) {
        final double[] x = new double[days.size()];
        final double[][] y = new double[3][days.size()];
        int i = 0;
        for (Map.Entry<LocalDate, WindowMetrics> e : days.entrySet()) {
            x[i] = e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            y[0][i] = e.getValue().count();
            y[1][i] = e.getValue().positives();
            y[2][i] = e.getValue().alerts();
            i++;
        }
        b.append(new SvgChart(TITLES.get(5), "day", "transactions").timeAxis()
                .add(new SvgChart.Series("transactions", x, y[0], false)).render());
        b.append(new SvgChart(TITLES.get(6), "day", "count").timeAxis()
                .add(new SvgChart.Series("frauds", x, y[1], false))
                .add(new SvgChart.Series("alerts", x, y[2], false)).render());
    }
}
