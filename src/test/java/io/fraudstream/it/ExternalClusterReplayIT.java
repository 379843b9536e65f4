package io.fraudstream.it;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The replay contract on a cluster of your own ({@code -Dfraudstream.it.bootstrap=host:9092}); topics get a random suffix. */
@EnabledIfSystemProperty(named = "fraudstream.it.bootstrap", matches = ".+")
class ExternalClusterReplayIT extends ReplayContract {
    @Override
    String bootstrapServers() {
        return System.getProperty("fraudstream.it.bootstrap");
    }
}
