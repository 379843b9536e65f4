package io.fraudstream.learn;

/**
 * Which outcomes are alert feedback, and how many of them {@link FeedbackWindow} keeps apart from the delayed labels
 * (how much a feedback model weighs is the trees' {@link TreeConfig#feedbackWeight}).
 *
 * @param examples     feedback examples kept: the most recent by transaction time
 * @param withinMillis an outcome is feedback when its transaction was alerted and a label came within this much
 *                     event time of it (an investigation's answer, not a chargeback's, the window's end or the
 *                     pending horizon's)
 */
public record FeedbackConfig(int examples, long withinMillis) {
    /** Fewest feedback examples of each class a feedback model is fitted to: fewer, and it keeps out. */
    public static final int MIN_PER_CLASS = 20;

    public FeedbackConfig {
        if (examples < 1 || withinMillis <= 0) {
            throw new IllegalArgumentException("examples >= 1, within > 0");
        }
    }

    public static FeedbackConfig defaults() {
        return new FeedbackConfig(2000, 3 * 86_400_000L);
    }
}
