package io.fraudstream.app;

import io.fraudstream.config.Key;
import io.fraudstream.kafka.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.Optional;

/** The Kafka cluster a command runs against: the one named by {@code --bootstrap-servers}, or an embedded broker. */
final class Cluster implements AutoCloseable {
    private final EmbeddedKafkaBroker embedded;
    private final String bootstrapServers;

    private Cluster(final EmbeddedKafkaBroker embedded, final String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    static Cluster open(final String bootstrapServers) {
        if (bootstrapServers != null) {
            return new Cluster(null, bootstrapServers);
        }
        System.out.println("Starting an embedded Kafka broker...");
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        return new Cluster(broker, broker.bootstrapServers());
    }

    /** No cluster: for the in-process replay, whose settings still name an address that nothing dials. */
    static Cluster none() {
        return new Cluster(null, "127.0.0.1:9092");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded broker's process; none for a real cluster. */
    Optional<ProcessHandle> brokerProcess() {
        return Optional.ofNullable(embedded).map(EmbeddedKafkaBroker::process);
    }

    /** Settings a single embedded broker needs (replication factor 1); none for a real cluster. */
    Map<String, String> settings() {
        return embedded == null ? Map.of() : Map.of(Key.TOPICS_REPLICATION_FACTOR.key(), "1");
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
