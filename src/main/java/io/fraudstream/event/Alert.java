package io.fraudstream.event;

/**
 * A REVIEW or BLOCK verdict as published on the alerts topic: the score with what an analyst needs to act on it
 * without a join — amount, card, merchant and the transaction's event time.
 *
 * @param score      the verdict, as on the scores topic
 * @param amount     the transaction's amount
 * @param cardId     its card, may be null
 * @param merchantId its merchant, may be null
 * @param eventTime  its event time, epoch milliseconds
 */
public record Alert(Score score, double amount, String cardId, String merchantId, long eventTime) {
    public static Alert of(final ScoredTransaction s) {
        return new Alert(s.verdict(), s.amount(), s.cardId(), s.merchantId(), s.eventTime());
    }
}
