package io.fraudstream.it;

import io.fraudstream.kafka.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for integration tests: what any other program would use. */
final class Clients {
    private Clients() {
    }

    static KafkaProducer<String, byte[]> producer(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a loaded 2-core machine (broker, application and test on it) must not expire a test's records
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Waits until every partition of the topics (created by someone else, e.g. an application in another process)
     * has a leader that serves it, so that what a test produces next is not sent into a topic still being created.
     */
    static void awaitLeaders(final String bootstrap, final Duration timeout, final String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicAdmin.awaitLeaders(admin, List.of(topics), timeout);
        } catch (ExecutionException e) {
            throw new AssertionError("topics " + List.of(topics) + " not served", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static KafkaConsumer<String, byte[]> readCommitted(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads a topic (read_committed, from the beginning) until {@code done} holds for what was read, or times out. */
    static List<ConsumerRecord<String, byte[]>> readUntil(final KafkaConsumer<String, byte[]> consumer, final String topic,
                                                         final Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                         final Duration timeout) {
        final List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        if (consumer.subscription().isEmpty()) {
            consumer.subscribe(List.of(topic));
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(out) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    static Map<String, String> noOverrides() {
        return Map.of();
    }
}
