package io.fraudstream.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline contract on the embedded broker: a real KRaft broker in a child JVM, from Maven Central jars. */
class EmbeddedBrokerPipelineIT extends PipelineContract {
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
