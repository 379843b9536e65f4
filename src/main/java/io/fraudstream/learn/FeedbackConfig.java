package io.fraudstream.learn;

/**
 * How alerted outcomes are learnt from: which are alert feedback, and how many of them {@link FeedbackWindow} keeps
 * apart from the delayed labels (how much a feedback model weighs is the trees' {@link TreeConfig#feedbackWeight});
 * and how readily the legitimate reservoir takes false alarms (legitimate outcomes alerted when scored, whenever
 * their label came), the legitimate examples nearest the decision boundary: hard negatives, which a uniform
 * thinning keeps as rarely as they occur (on the Handbook's data, most of the legitimate transactions ranked among
 * the frauds were at terminals whose compromise had just ended, a few a day among ten thousand).
 *
 * @param examples     feedback examples kept: the most recent by transaction time
 * @param withinMillis an outcome is feedback when its transaction was alerted and a label came within this much
 *                     event time of it (an investigation's answer, not a chargeback's, the window's end or the
 *                     pending horizon's)
 * @param falseAlarmAdmission time-biased reservoirs: the probability that a false alarm is considered for the
 *                     legitimate reservoir, in (0, 1] (the other legitimate outcomes are thinned by the
 *                     reservoir's own admission)
 */
public record FeedbackConfig(int examples, long withinMillis, double falseAlarmAdmission) {
    /** Fewest feedback examples of each class a feedback model is fitted to: fewer, and it keeps out. */
    public static final int MIN_PER_CLASS = 20;

    public FeedbackConfig {
        if (examples < 1 || withinMillis <= 0 || !(falseAlarmAdmission > 0 && falseAlarmAdmission <= 1)) {
            throw new IllegalArgumentException("examples >= 1, within > 0, false-alarm admission in (0, 1]");
        }
    }

    /** Every false alarm considered for the legitimate reservoir, the default. */
    public FeedbackConfig(final int examples, final long withinMillis) {
        this(examples, withinMillis, 1);
    }

    public static FeedbackConfig defaults() {
        return new FeedbackConfig(2000, 3 * 86_400_000L);
    }
}
