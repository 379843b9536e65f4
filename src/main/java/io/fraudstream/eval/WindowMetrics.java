package io.fraudstream.eval;

/**
 * Metrics of one window of labelled outcomes. "Alerted" (decision REVIEW or BLOCK) is the positive
 * prediction. A metric that is undefined for the window (no alerts for precision, no fraud for recall,
 * a single class for PR-AUC) is NaN, never 0 or 1.
 *
 * @param count          outcomes in the window
 * @param positives      frauds among them
 * @param truePositives  alerted frauds
 * @param falsePositives alerted legitimate transactions
 * @param precision      TP / (TP + FP)
 * @param recall         TP / (TP + FN)
 * @param prAuc          average precision of the scores (step-wise, as scikit-learn's average_precision_score)
 */
public record WindowMetrics(int count, int positives, int truePositives, int falsePositives, double precision,
                            double recall, double prAuc) {
    public static final WindowMetrics EMPTY = new WindowMetrics(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
}
