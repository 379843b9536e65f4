package io.fraudstream.event;

/**
 * The truth about a transaction, known late (investigation, chargeback).
 *
 * @param transactionId id of the labelled transaction; the record key must equal it
 * @param fraud         whether the transaction was fraudulent
 * @param timestamp     when the label became known, epoch milliseconds
 */
public record Label(String transactionId, boolean fraud, long timestamp) {
}
