package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fraudstream.TestDirs;
import io.fraudstream.config.Settings;
import io.fraudstream.metrics.FraudMeters;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Creating the Kafka Streams client from fraudstream's configuration logs no warning about that configuration: an
 * operator reads start-up warnings as things to fix. (Kafka's partition assignor builds a configuration of its own
 * from the main consumer's keys; without the consumer-prefixed copy of the global handler's key it warned that the
 * handler was off.) Nothing connects: the client is never started.
 */
class StartupWarningsTest {
    @Test
    void theStreamsClientIsCreatedWithoutConfigurationWarnings() {
        final Logger config = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
        final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        config.addAppender(warnings);
        try {
            final Settings settings = Settings.from(Map.of("bootstrap.servers", "127.0.0.1:1",
                    "state.dir", TestDirs.create("startup-warnings").toString()));
            final FraudMeters meters = FraudMeters.detached();
            try (KafkaStreams streams = new KafkaStreams(FraudTopology.build(settings, meters),
                    FraudTopology.streamsConfig(settings, meters))) {
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
                streams.close(Duration.ZERO);
            }
        } finally {
            config.detachAppender(warnings);
        }
        assertThat(warnings.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
