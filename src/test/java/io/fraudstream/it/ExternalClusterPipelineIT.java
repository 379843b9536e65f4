package io.fraudstream.it;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The pipeline contract on a cluster of your own: {@code mvn verify -Dfraudstream.it.bootstrap=host:9092}.
 * Topics and application ids carry a random suffix, so runs never collide. Skipped without the property.
 */
@EnabledIfSystemProperty(named = "fraudstream.it.bootstrap", matches = ".+")
class ExternalClusterPipelineIT extends PipelineContract {
    @Override
    String bootstrapServers() {
        return System.getProperty("fraudstream.it.bootstrap");
    }
}
