package io.fraudstream.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How {@code bench} sees a score: as a {@code read_committed} consumer of every partition of the scores topic, with
 * no group and no commits, so that a score counts only once its transaction has committed.
 */
public final class CommittedScores {
    private CommittedScores() {
    }

    /** A consumer assigned every partition of {@code topic}; the caller seeks where it starts. */
    public static KafkaConsumer<byte[], byte[]> consumer(final Map<String, Object> properties, final String topic) {
        final Map<String, Object> c = new HashMap<>(properties);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return consumer;
    }
}
