package io.fraudstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.learn.LearnerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code LearnerConfig.defaults()}, which tests and benchmarks build learners from, is the logistic learner the keys
 * ship: a default changed in one place only (the L2 penalty is in both) would have the tests measure a learner
 * nobody runs. ({@code TreeConfig.defaults()} and {@code SamplingConfig.defaults()} are, by their headers, the fixed
 * configurations the learning tests were tuned with, not the shipped ones.)
 */
class DefaultsAgreeTest {
    @Test
    void theLearnersDefaultsAreTheKeysDefaults() {
        final Settings shipped = Settings.from(Map.of("bootstrap.servers", "127.0.0.1:9"));
        assertThat(LearnerConfig.defaults()).isEqualTo(shipped.learner());
    }
}
