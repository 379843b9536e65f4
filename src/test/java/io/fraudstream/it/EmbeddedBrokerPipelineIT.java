package io.fraudstream.it;

import io.fraudstream.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline contract on the embedded broker: a real KRaft broker in a child JVM, from Maven Central jars. */
class EmbeddedBrokerPipelineIT extends PipelineContract {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
