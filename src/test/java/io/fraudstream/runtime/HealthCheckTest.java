package io.fraudstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.metrics.FraudMeters;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FraudMeters meters = FraudMeters.detached();
    private final HealthCheck health = new HealthCheck(state::get, meters, now::get);

    @Test
    void readyWhileRunningNotWhileRebalancingAndNeitherInError() {
        assertThat(health.ready().ok()).isTrue();
        assertThat(health.ready().json()).contains("\"status\":\"UP\"", "\"problems\":[]");
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(health.live().ok()).isTrue();
        assertThat(health.ready().ok()).isFalse();
        state.set(KafkaStreams.State.ERROR);
        assertThat(health.live().ok()).isFalse();
        assertThat(health.ready().problems()).containsExactly("client ERROR");
    }

    @Test
    void aThreadThatKeepsDyingMakesItUnreadyUntilTheDeathsAgeOut() {
        health.threadDied();
        now.addAndGet(1_000);
        health.threadDied();
        assertThat(health.ready().ok()).as("two deaths").isTrue();
        now.addAndGet(1_000);
        health.threadDied();
        assertThat(health.ready().ok()).isFalse();
        assertThat(health.ready().problems()).singleElement().asString().contains("stream thread deaths");
        assertThat(health.live().ok()).as("a new thread may get past it: not a reason to kill the process").isTrue();
        now.addAndGet(HealthCheck.THREAD_DEATH_WINDOW_MILLIS);
        assertThat(health.ready().ok()).isTrue();
    }

    @Test
    void retrainingThatKeepsFailingMakesItUnreadyUntilARoundSucceeds() {
        for (int i = 0; i < HealthCheck.STUCK_ROUNDS; i++) {
            assertThat(health.ready().ok()).isTrue();
            meters.learner().roundFailed("timeout", 1_000);
        }
        assertThat(health.ready().ok()).isFalse();
        assertThat(health.ready().json()).contains("3 retraining rounds failed in a row");
        meters.learner().roundSucceeded();
        assertThat(health.ready().ok()).isTrue();
    }
}
