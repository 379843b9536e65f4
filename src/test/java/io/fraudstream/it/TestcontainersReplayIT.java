package io.fraudstream.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The replay contract on an {@code apache/kafka} container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersReplayIT extends ReplayContract {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
