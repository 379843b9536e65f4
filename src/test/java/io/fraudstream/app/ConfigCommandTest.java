package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {
    @Test
    void everyValueWithWhereItCameFromAndSecretsMasked() {
        final List<String> lines = ConfigCommand.describe(
                Map.of("bootstrap.servers", "f:9092", "fraudstream.topics.partitions", "6", "security.protocol",
                        "SASL_SSL", "sasl.jaas.config", "ScramLoginModule required password=\"hunter2\";",
                        "ssl.truststore.password", "changeit"),
                Map.of("FRAUDSTREAM_MODEL_PRIOR", "0.01", "FRAUDSTREAM_SERVICE_HOST", "10.0.0.1",
                        "FRAUDSTREAM_KAFKA_CLIENT_ID", "c"),
                Map.of("fraudstream.http.port", "1234"));
        assertThat(lines).contains("fraudstream.topics.partitions = 6  (file)",
                "fraudstream.model.prior = 0.01  (environment FRAUDSTREAM_MODEL_PRIOR)",
                "fraudstream.http.port = 1234  (--set)", "fraudstream.pending.horizon = 60d  (default)",
                "client.id = c  (environment FRAUDSTREAM_KAFKA_CLIENT_ID)", "sasl.jaas.config = ******  (file)",
                "ssl.truststore.password = ******  (file)", "security.protocol = SASL_SSL  (file)",
                "application.id = fraudstream  (fraudstream default)");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2", "changeit")
                .contains("# ignoring the environment variable 'FRAUDSTREAM_SERVICE_HOST'");
    }

    @Test
    void aBadKeyFailsAsRunWould() {
        assertThatThrownBy(() -> ConfigCommand.describe(Map.of("bootstrap.servers", "b:1"), Map.of(),
                Map.of("fraudstream.topics.partitons", "2"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'fraudstream.topics.partitions'");
    }
}
