package io.fraudstream.it;

import io.fraudstream.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit extension: one embedded broker per test class ({@code @RegisterExtension static final EmbeddedBroker}). */
final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(final ExtensionContext context) {
        broker = EmbeddedKafkaBroker.start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker and starts it again on the same address and data (see EmbeddedKafkaBroker#restart). */
    void restart(final Duration downFor, final boolean kill) {
        broker.restart(downFor, kill);
    }
}
