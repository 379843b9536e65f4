package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serdes for every message fraudstream reads or writes. The input serdes validate: a bad record
 * throws {@link InvalidRecordException}, which the dead-letter handler turns into a DLQ record with the reason.
 */
public final class EventSerdes {
    private EventSerdes() {
    }

    public static Serde<Transaction> transaction() {
        return of(TransactionJson::write, TransactionJson::parse);
    }

    public static Serde<Label> label() {
        return of(LabelJson::write, LabelJson::parse);
    }

    public static Serde<Score> score() {
        return of(ScoreJson::write, ScoreJson::parse);
    }

    /** Jackson data binding, for internal records and the less hot public ones (outcomes, model snapshots). */
    public static <T> Serde<T> json(final Class<T> type) {
        return of(value -> {
            try {
                return Json.MAPPER.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + type.getSimpleName(), e);
            }
        }, data -> {
            try {
                return Json.MAPPER.readValue(data, type);
            } catch (IOException e) {
                throw new InvalidRecordException("json.malformed",
                        "not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        });
    }

    public static <T> Serde<T> of(final Function<T, byte[]> write, final Function<byte[], T> read) {
        final Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        final Deserializer<T> deserializer = (topic, data) -> data == null ? null : read.apply(data);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
