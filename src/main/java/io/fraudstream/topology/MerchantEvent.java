package io.fraudstream.topology;

import io.fraudstream.event.InvalidRecordException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the merchant-count task receives, keyed by merchant: a scored transaction at {@code time}, or a fraud label
 * for one of the merchant's transactions at {@code time}. On its repartition topics it is 9 bytes (a kind byte and
 * the time), not a JSON transaction.
 *
 * @param fraud whether it is a fraud label (else a scored transaction)
 * @param time  the event time of the transaction it counts
 */
record MerchantEvent(boolean fraud, long time) {
    private static final int BYTES = 9;

    static MerchantEvent transaction(final long time) {
        return new MerchantEvent(false, time);
    }

    static MerchantEvent fraudAt(final long time) {
        return new MerchantEvent(true, time);
    }

    static Serde<MerchantEvent> serde() {
        final Serializer<MerchantEvent> write = (topic, e) -> e == null ? null
                : ByteBuffer.allocate(BYTES).put((byte) (e.fraud ? 1 : 0)).putLong(e.time).array();
        final Deserializer<MerchantEvent> read = (topic, bytes) -> {
            if (bytes == null || bytes.length != BYTES) {
                throw new InvalidRecordException("merchant.event.malformed", "a merchant event is " + BYTES
                        + " bytes, not " + (bytes == null ? "a tombstone" : bytes.length));
            }
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            return new MerchantEvent(b.get() == 1, b.getLong());
        };
        return Serdes.serdeFrom(write, read);
    }
}
