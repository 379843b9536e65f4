package io.fraudstream.topology;

import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.metrics.FraudMeters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialized or processed to the dead-letter topic and carries on.
 * Kafka Streams' own dead-letter support (KIP-1034, {@code errors.dead.letter.queue.topic.name}) builds the
 * record, with the original key and value and the {@code __streams.errors.*} headers (exception, message,
 * source topic, partition, offset); this handler adds {@value #REASON_HEADER}, a stable reason code such as
 * {@code amount.negative}, and counts the rejection by reason.
 *
 * <p>It also handles records the producer could not write or serialize: the record that caused the write goes to
 * the dead-letter topic with reason {@code write.too-large} (a value over {@link EventSerdes#MAX_RECORD_BYTES}, refused
 * by the serializer before anything is sent) or {@code write.<ExceptionType>}, and processing resumes. Failing
 * instead would fail the task, and the replacement thread would meet the same record and fail again, for ever: one
 * record would stop every partition. Retriable errors are retried, as by default. Under exactly-once a write the
 * broker itself refuses still fails the task (the transaction is left in an error state, whatever the handler
 * answers): that is why oversized records are caught in the serializer.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler,
        ProductionExceptionHandler {
    public static final String REASON_HEADER = "fraudstream.reason";
    /** Streams config keys naming the input topics, to tell invalid transactions from invalid labels. */
    public static final String TRANSACTIONS_TOPIC_CONFIG = "fraudstream.internal.transactions.topic";
    public static final String LABELS_TOPIC_CONFIG = "fraudstream.internal.labels.topic";

    private final LogAndContinueExceptionHandler deserialization = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler processing = new LogAndContinueProcessingExceptionHandler();
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();
    private FraudMeters meters = FraudMeters.detached();
    private String transactionsTopic = "";
    private String labelsTopic = "";
    private String deadLetterTopic;

    @Override
    public void configure(final Map<String, ?> configs) {
        deserialization.configure(configs);
        processing.configure(configs);
        if (configs.get(FraudMeters.CONFIG_KEY) instanceof FraudMeters m) {
            meters = m;
        }
        if (configs.get(TRANSACTIONS_TOPIC_CONFIG) instanceof String t) {
            transactionsTopic = t;
        }
        if (configs.get(LABELS_TOPIC_CONFIG) instanceof String t) {
            labelsTopic = t;
        }
        if (configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG) instanceof String t) {
            deadLetterTopic = t;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context,
                                                                final ConsumerRecord<byte[], byte[]> record,
                                                                final Exception exception) {
        final String reason = reason(exception);
        log(context, reason, exception);
        if (transactionsTopic.equals(context.topic())) {
            meters.input().invalidTransaction(reason);
        } else if (labelsTopic.equals(context.topic())) {
            meters.input().invalidLabel(reason);
        } else { // an outcome someone else wrote
            meters.input().processingError(reason);
        }
        return DeserializationExceptionHandler.Response.resume(
                tag(deserialization.handleError(context, record, exception).deadLetterQueueRecords(), reason));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                                           final Exception exception) {
        final String reason = reason(exception);
        log(context, reason, exception);
        if (labelsTopic.equals(context.topic())) { // a label refused as it was processed (its key, its event time)
            meters.input().invalidLabel(reason);
        } else {
            meters.input().processingError(reason);
        }
        return ProcessingExceptionHandler.Response.resume(
                tag(processing.handleError(context, record, exception).deadLetterQueueRecords(), reason));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(final ErrorHandlerContext context,
                                                           final ProducerRecord<byte[], byte[]> record,
                                                           final Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        return refusedWrite(context, record, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandler.Response handleSerializationError(final ErrorHandlerContext context,
            final ProducerRecord record, final Exception exception, final SerializationExceptionOrigin origin) {
        return refusedWrite(context, record, exception);
    }

    private ProductionExceptionHandler.Response refusedWrite(final ErrorHandlerContext context,
                                                             final ProducerRecord<?, ?> record,
                                                             final Exception exception) {
        final String reason = exception.getCause() instanceof InvalidRecordException invalid ? invalid.reason()
                : "write." + exception.getClass().getSimpleName();
        log(context, reason + " writing to " + record.topic(), exception);
        meters.input().processingError(reason);
        return ProductionExceptionHandler.Response.resume(tag(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
                deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception), reason));
    }

    /** One line per dead letter, at most one a second; a flood is summarised by the count it suppressed. */
    private void log(final ErrorHandlerContext context, final String reason, final Exception exception) {
        final long now = System.nanoTime();
        final long last = lastLogged.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        final long suppressed = unlogged.getAndSet(0);
        final boolean expected = exception instanceof InvalidRecordException;
        final String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        if (expected) {
            LOG.warn("dead-lettered {} ({}): {}{}", where, reason, exception.getMessage(),
                    suppressed > 0 ? " (and " + suppressed + " more since the last message)" : "");
        } else {
            LOG.error("dead-lettered {} after an unexpected failure{}", where,
                    suppressed > 0 ? " (and " + suppressed + " more since the last message)" : "", exception);
        }
    }

    static String reason(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof InvalidRecordException invalid) {
                return invalid.reason();
            }
        }
        return "error." + exception.getClass().getSimpleName();
    }

    private static List<ProducerRecord<byte[], byte[]>> tag(final List<ProducerRecord<byte[], byte[]>> records,
                                                            final String reason) {
        for (ProducerRecord<byte[], byte[]> r : records) {
            r.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }
}
