package io.fraudstream.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The replay contract on the embedded broker. */
class EmbeddedBrokerReplayIT extends ReplayContract {
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }
}
