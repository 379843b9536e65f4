package io.fraudstream.learn;

/**
 * When a challenger may replace the champion: the share of outcomes held out to judge on, how many of them are kept,
 * the PR-AUC margin a challenger may fall short by, how many held-out frauds a judgement needs, whether candidates are
 * Platt-calibrated on the holdout, and how old a held-out outcome must be before its label counts as final.
 */
public record PromotionGate(int holdoutPercent, int holdoutSize, double margin, int minFrauds, boolean calibrate,
                            long maturityMillis) {
    /**
     * A gate that Platt-calibrates every candidate on the whole holdout, for streams whose labels come at once
     * (no maturity wait).
     */
    public PromotionGate(final int holdoutPercent, final int holdoutSize, final double margin, final int minFrauds) {
        this(holdoutPercent, holdoutSize, margin, minFrauds, true, 0);
    }
}
