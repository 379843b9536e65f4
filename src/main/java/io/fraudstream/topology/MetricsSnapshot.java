package io.fraudstream.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.eval.WindowMetrics;

/**
 * The JSON published on the metrics topic: one record per window, label maturity and model per interval, keyed
 * {@code window/labels/model}. Undefined metrics (NaN) are written as null.
 *
 * @param window           window name, e.g. {@code last10000} or {@code 24h}
 * @param labels           {@code known} (labels known now) or {@code mature} (transactions older than the maturity age)
 * @param model            {@code champion} (scores at decision time) or {@code challenger} (the latest candidate)
 * @param time             wall-clock time of the snapshot, epoch ms
 * @param totalOutcomes    labelled outcomes evaluated since the application first started
 * @param outcomes         outcomes in the window
 * @param frauds           frauds in the window
 * @param truePositives    alerted frauds
 * @param falsePositives   alerted legitimate transactions
 * @param trueNegatives    approved legitimate transactions
 * @param falseNegatives   approved frauds
 * @param precision        precision of alerts
 * @param recall           recall of alerts
 * @param f1               F1
 * @param fBeta            F-beta (beta: {@code fraudstream.metrics.beta})
 * @param mcc              Matthews correlation coefficient
 * @param specificity      specificity
 * @param balancedAccuracy balanced accuracy
 * @param prAuc            average precision
 * @param rocAuc           ROC-AUC
 * @param alertRate        share of outcomes alerted
 * @param cost             total cost of the decisions
 * @param savings          1 − cost / cost of approving everything
 * @param cardPrecisionAtK mean daily Card Precision@k (k: {@code fraudstream.metrics.card.k})
 * @param sampledOneIn     the window holds one card in this many: 1 unless a mature window went over to a sample
 *                         ({@code fraudstream.metrics.mature.max-pending}); its counts and cost are then the sample's
 * @param modelVersion     null for a whole window; else the window's outcomes scored by this model version only
 *                         (key {@code window/known/champion/v<version>})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricsSnapshot(String window, String labels, String model, long time, long totalOutcomes, int outcomes,
                              int frauds, int truePositives, int falsePositives, int trueNegatives, int falseNegatives,
                              Double precision, Double recall, Double f1, Double fBeta, Double mcc, Double specificity,
                              Double balancedAccuracy, Double prAuc, Double rocAuc, Double alertRate, Double cost,
                              Double savings, Double cardPrecisionAtK, long sampledOneIn, Long modelVersion) {
    static MetricsSnapshot of(final RollingEvaluator.View v, final long time, final long total, final WindowMetrics m) {
        return of(v, time, total, m, null);
    }

    /** The metrics of a view's outcomes scored by one model version. */
    static MetricsSnapshot of(final RollingEvaluator.View v, final long time, final long total, final WindowMetrics m,
                              final Long modelVersion) {
        return new MetricsSnapshot(v.window(), v.labels(), v.model(), time, total, m.count(), m.positives(),
                m.truePositives(), m.falsePositives(), m.trueNegatives(), m.falseNegatives(), orNull(m.precision()),
                orNull(m.recall()), orNull(m.f1()), orNull(m.fBeta()), orNull(m.mcc()), orNull(m.specificity()),
                orNull(m.balancedAccuracy()), orNull(m.prAuc()), orNull(m.rocAuc()), orNull(m.alertRate()),
                orNull(m.cost()), orNull(m.savings()), orNull(m.cardPrecisionAtK()), v.sampledOneIn(),
                modelVersion);
    }

    private static Double orNull(final double v) {
        return Double.isNaN(v) ? null : v;
    }
}
