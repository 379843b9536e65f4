package io.fraudstream.stage;

/**
 * What the merchant-count task receives, keyed by merchant: a scored transaction at {@code time}, or a fraud label
 * for one of the merchant's transactions at {@code time}. On its repartition topics it is 9 bytes
 * ({@code codec.MerchantEventCodec}), not a JSON transaction.
 *
 * @param fraud whether it is a fraud label (else a scored transaction)
 * @param time  the event time of the transaction it counts
 */
public record MerchantEvent(boolean fraud, long time) {
    public static MerchantEvent transaction(final long time) {
        return new MerchantEvent(false, time);
    }

    public static MerchantEvent fraudAt(final long time) {
        return new MerchantEvent(true, time);
    }
}
