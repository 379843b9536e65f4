package io.fraudstream.eval;

/**
 * Metrics of one window of labelled outcomes. "Alerted" (decision REVIEW or BLOCK) is the positive prediction.
 * A metric that is undefined for the window is NaN, never 0 or 1: every classification and ranking metric is NaN
 * while the window holds one class only (a precision of 0 over a day without fraud says nothing about the model);
 * precision is also NaN without alerts, MCC when a marginal of the confusion matrix is empty, savings without fraud.
 * Counts, alert rate and cost are always defined.
 *
 * @param count             outcomes in the window
 * @param positives         frauds among them
 * @param truePositives     alerted frauds
 * @param falsePositives    alerted legitimate outcomes
 * @param trueNegatives     approved legitimate outcomes
 * @param falseNegatives    approved frauds
 * @param precision         TP / (TP + FP)
 * @param recall            TP / (TP + FN)
 * @param f1                F1
 * @param fBeta             F-beta, (1 + β²) TP / ((1 + β²) TP + β² FN + FP)
 * @param mcc               Matthews correlation coefficient
 * @param specificity       TN / (TN + FP)
 * @param balancedAccuracy  (recall + specificity) / 2
 * @param prAuc             average precision of the scores (step-wise, as scikit-learn's average_precision_score)
 * @param rocAuc            ROC-AUC (Mann-Whitney; tied pairs count one half)
 * @param alertRate         alerts / outcomes
 * @param cost              total cost of the decisions under the cost matrix
 * @param savings           1 − cost / (cost of approving everything)
 * @param cardPrecisionAtK  mean over the window's UTC days of that day's Card Precision@k
 */
public record WindowMetrics(int count, int positives, int truePositives, int falsePositives, int trueNegatives,
                            int falseNegatives, double precision, double recall, double f1, double fBeta, double mcc,
                            double specificity, double balancedAccuracy, double prAuc, double rocAuc,
                            double alertRate, double cost, double savings, double cardPrecisionAtK) {
    public static final WindowMetrics EMPTY = of(0, 0, 0, 0, 1, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);

    /** The metrics of a confusion matrix, its ranking metrics, costs and Card Precision@k. */
    public static WindowMetrics of(final int tp, final int fp, final int tn, final int fn, final double beta,
                                   final double prAuc, final double rocAuc, final double cost,
                                   final double costOfApprovingAll, final double cardPrecisionAtK) {
        final int positives = tp + fn;
        final int negatives = tn + fp;
        final int count = positives + negatives;
        final boolean bothClasses = positives > 0 && negatives > 0;
        final double precision = !bothClasses || tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        final double recall = bothClasses ? (double) tp / positives : Double.NaN;
        final double specificity = bothClasses ? (double) tn / negatives : Double.NaN;
        final double b2 = beta * beta;
        final double f1 = bothClasses ? 2.0 * tp / (2.0 * tp + fn + fp) : Double.NaN;
        final double fBeta = bothClasses ? (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) : Double.NaN;
        final double marginals = (double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        final double mcc = marginals == 0 ? Double.NaN : ((double) tp * tn - (double) fp * fn) / Math.sqrt(marginals);
        return new WindowMetrics(count, positives, tp, fp, tn, fn, precision, recall, f1, fBeta, mcc, specificity,
                bothClasses ? (recall + specificity) / 2 : Double.NaN, bothClasses ? prAuc : Double.NaN,
                bothClasses ? rocAuc : Double.NaN, count == 0 ? Double.NaN : (double) (tp + fp) / count,
                cost, costOfApprovingAll > 0 ? 1 - cost / costOfApprovingAll : Double.NaN, cardPrecisionAtK);
    }

    public int alerts() {
        return truePositives + falsePositives;
    }
}
