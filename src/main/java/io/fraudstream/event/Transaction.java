package io.fraudstream.event;

import java.util.Map;

/**
 * A payment to be scored. Validated on parse: see {@link TransactionJson}.
 *
 * @param id          unique transaction id (required, non-empty)
 * @param timestamp   event time, epoch milliseconds (required; JSON accepts ISO-8601 or epoch millis)
 * @param amount      finite, non-negative amount (required)
 * @param cardId      card or customer id, may be null
 * @param merchantId  merchant or terminal id, may be null
 * @param currency    ISO currency code, may be null
 * @param features    numeric features computed upstream, never null (possibly empty), all finite
 * @param attributes  categorical attributes, never null (possibly empty)
 */
public record Transaction(String id, long timestamp, double amount, String cardId, String merchantId,
                          String currency, Map<String, Double> features, Map<String, String> attributes) {
    public Transaction {
        features = features == null ? Map.of() : features;
        attributes = attributes == null ? Map.of() : attributes;
    }

    /**
     * The record key the producer contract asks for: the card id (so that a card's transactions are scored in one
     * task, one hop from the topic), or the transaction's id when it has no card.
     */
    public String recordKey() {
        return cardId != null ? cardId : id;
    }
}
