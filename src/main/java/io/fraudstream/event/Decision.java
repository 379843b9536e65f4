package io.fraudstream.event;

/** What to do with a scored transaction. Everything but {@link #APPROVE} is also sent to the alerts topic. */
public enum Decision {
    APPROVE, REVIEW, BLOCK;

    /** The decision for a score given the review and block thresholds (review &lt;= block). */
    public static Decision of(final double score, final double reviewThreshold, final double blockThreshold) {
        if (score >= blockThreshold) {
            return BLOCK;
        }
        return score >= reviewThreshold ? REVIEW : APPROVE;
    }
}
