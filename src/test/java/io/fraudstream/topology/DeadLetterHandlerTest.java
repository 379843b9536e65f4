package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.metrics.FraudMeters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {
    @Test
    void buildsADeadLetterRecordWithTheOriginalBytesAndTheReasonAndCountsIt() {
        final FraudMeters meters = FraudMeters.detached();
        final DeadLetterHandler handler = new DeadLetterHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq",
                FraudMeters.CONFIG_KEY, meters, DeadLetterHandler.TRANSACTIONS_TOPIC_CONFIG, "transactions"));
        final byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        final byte[] value = "{\"amount\":-1}".getBytes(StandardCharsets.UTF_8);
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("transactions", 2, 41L, key, value);
        final DeserializationExceptionHandler.Response response = handler.handleError(context(key, value), record,
                new InvalidRecordException("amount.negative", "amount: must be >= 0, was -1.0"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        final List<ProducerRecord<byte[], byte[]>> dead = response.deadLetterQueueRecords();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).topic()).isEqualTo("dlq");
        assertThat(dead.get(0).key()).isEqualTo(key);
        assertThat(dead.get(0).value()).isEqualTo(value);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterHandler.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("amount.negative");
        assertThat(new String(dead.get(0).headers().lastHeader("__streams.errors.message").value(),
                StandardCharsets.UTF_8)).isEqualTo("amount: must be >= 0, was -1.0");
        assertThat(meters.registry().get("fraud.transactions.invalid").tag("reason", "amount.negative").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aWriteTheBrokerRefusesDeadLettersItsSourceRecordAndResumesAndRetriableErrorsAreRetried() {
        final FraudMeters meters = FraudMeters.detached();
        final DeadLetterHandler handler = new DeadLetterHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq",
                FraudMeters.CONFIG_KEY, meters));
        final byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        final byte[] value = "{\"id\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        final ProducerRecord<byte[], byte[]> write = new ProducerRecord<>("scores", new byte[2_000_000]);
        final ProductionExceptionHandler.Response refused = handler.handleError(context(key, value), write,
                new RecordTooLargeException("too large"));
        assertThat(refused.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(refused.deadLetterQueueRecords()).hasSize(1);
        final ProducerRecord<byte[], byte[]> dead = refused.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("dlq");
        assertThat(dead.value()).isEqualTo(value); // the source record, not the refused write
        assertThat(new String(dead.headers().lastHeader(DeadLetterHandler.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("write.RecordTooLargeException");
        assertThat(meters.registry().get("fraud.processing.errors").tag("reason", "write.RecordTooLargeException")
                .counter().count()).isEqualTo(1.0);

        assertThat(handler.handleError(context(key, value), write, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);

        // a record too large to write is refused by its bounded serializer, before anything is sent
        final Serde<String> bounded = EventSerdes.bounded(
                Serdes.String(), 10);
        assertThat(bounded.serializer().serialize("t", "short")).hasSize(5);
        final Exception tooLarge = Assertions.catchException(
                () -> bounded.serializer().serialize("t", "far too long a value"));
        final ProductionExceptionHandler.Response refusedEarly = handler.handleSerializationError(context(key, value),
                new ProducerRecord<>("t", "far too long a value"), tooLarge,
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(refusedEarly.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(new String(refusedEarly.deadLetterQueueRecords().get(0).headers()
                .lastHeader(DeadLetterHandler.REASON_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("write.too-large");
    }

    @Test
    void unexpectedExceptionsGetAReasonNamedAfterTheirType() {
        assertThat(DeadLetterHandler.reason(new IllegalStateException("boom"))).isEqualTo("error.IllegalStateException");
        assertThat(DeadLetterHandler.reason(new RuntimeException(new InvalidRecordException("x.y", "m"))))
                .isEqualTo("x.y");
    }

    private static ErrorHandlerContext context(final byte[] key, final byte[] value) {
        return new ErrorHandlerContext() {
            public String topic() {
                return "transactions";
            }

            public int partition() {
                return 2;
            }

            public long offset() {
                return 41;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "transactions-source";
            }

            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return key;
            }

            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}
