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
        return transaction(InputLimits.DEFAULT);
    }

    /** Input transactions: a tombstone is rejected ({@code value.empty}), like any other invalid record. */
    public static Serde<Transaction> transaction(final InputLimits limits) {
        return validating(TransactionJson::write, data -> TransactionJson.parse(data, limits));
    }

    public static Serde<Label> label() {
        return label(InputLimits.DEFAULT);
    }

    /** Input labels: a tombstone is rejected ({@code value.empty}), like any other invalid record. */
    public static Serde<Label> label(final InputLimits limits) {
        return validating(LabelJson::write, data -> LabelJson.parse(data, limits));
    }

    public static Serde<Score> score() {
        return of(ScoreJson::write, ScoreJson::parse);
    }

    public static Serde<Alert> alert() {
        return of(ScoreJson::write, ScoreJson::parseAlert);
    }

    /** Jackson data binding, for the less hot records (model and metrics snapshots, JSON outcomes). */
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

    /**
     * Largest record value fraudstream writes to its internal topics and changelogs: under the 1 MiB a broker takes
     * by default (message.max.bytes 1 048 588), with room for the record's key, headers and batch overhead.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    /**
     * {@code serde} whose writer refuses a value over {@code maxBytes} with a {@link SerializationException} (its
     * cause an {@link InvalidRecordException}, reason {@code write.too-large}). Kafka Streams hands a serialization
     * failure to the production exception handler before anything is sent, and the record is dead-lettered; a
     * record the broker refused instead would leave the exactly-once transaction in an error state, fail the task,
     * and fail it again after every restart on the same record.
     */
    public static <T> Serde<T> bounded(final Serde<T> serde, final int maxBytes) {
        final Serializer<T> inner = serde.serializer();
        final Serializer<T> serializer = (topic, value) -> {
            final byte[] bytes = inner.serialize(topic, value);
            if (bytes != null && bytes.length > maxBytes) {
                throw new SerializationException("a record of " + bytes.length + " bytes for " + topic,
                        new InvalidRecordException("write.too-large", "its value would be " + bytes.length
                                + " bytes once written to " + topic + ", at most " + maxBytes + " are written"));
            }
            return bytes;
        };
        return Serdes.serdeFrom(serializer, serde.deserializer());
    }

    /** A serde whose reader also sees null values (tombstones), to reject them with a reason. */
    private static <T> Serde<T> validating(final Function<T, byte[]> write, final Function<byte[], T> read) {
        final Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        final Deserializer<T> deserializer = (topic, data) -> read.apply(data);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A serde of these codecs; a null value (tombstone) reads and writes as null. */
    public static <T> Serde<T> of(final Function<T, byte[]> write, final Function<byte[], T> read) {
        return validating(write, data -> data == null ? null : read.apply(data));
    }
}
