package io.fraudstream.codec;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.stage.MerchantEvent;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link MerchantEvent} on the merchant repartition topics: 9 bytes, a kind byte (1: a fraud label, 0: a scored
 * transaction) and the event time. Anything else is refused as {@code merchant.event.malformed}.
 */
public final class MerchantEventCodec {
    private static final int BYTES = 9;

    private MerchantEventCodec() {
    }

    public static Serde<MerchantEvent> serde() {
        final Serializer<MerchantEvent> write = (topic, e) -> e == null ? null
                : ByteBuffer.allocate(BYTES).put((byte) (e.fraud() ? 1 : 0)).putLong(e.time()).array();
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
