package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.SamplingConfig;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A round that failed (it threw, or ran past its time limit) is abandoned without changing any model, owed again,
 * held back while its caller backs off, and then runs and publishes as usual: learning never freezes on it.
 */
class AbandonedRoundTest {
    @Test
    void anAbandonedRoundIsOwedHeldDuringTheBackoffAndThenRunsAndPublishes() {
        final Learning learning = new Learning(ImbalancedDriftLearningTest.config(LearnerConfig.defaults(),
                SamplingConfig.defaults(), false), ModelSnapshot.prior(0.01, 0.2, 0.6, "test"));
        final Random random = new Random(3);
        Optional<RetrainingRound> job = Optional.empty();
        int i = 0;
        while (job.isEmpty()) {
            job = learning.offer(LearningRestartTest.outcome(i++, random), StateSink.NONE);
        }
        assertThat(learning.roundRunning()).isTrue();
        learning.abandon(job.get(), StateSink.NONE);
        assertThat(learning.roundRunning()).isFalse();
        assertThat(learning.version()).isZero();
        assertThat(learning.owedRounds()).isEqualTo(1);

        learning.holdRounds(true);
        assertThat(learning.startIfDue()).isEmpty();
        for (int k = 0; k < 100; k++) { // online learning goes on while held
            assertThat(learning.offer(LearningRestartTest.outcome(i++, random), StateSink.NONE)).isEmpty();
        }
        learning.holdRounds(false);
        final RetrainingRound retry = learning.startIfDue().orElseThrow();
        final Learning.Round round = learning.complete(retry.call(), StateSink.NONE).orElseThrow();
        assertThat(round.promoted()).isTrue();
        assertThat(learning.version()).isEqualTo(1);
        assertThat(learning.owedRounds()).isZero();
        // abandoning a round that is no longer the one running changes nothing
        learning.abandon(retry, StateSink.NONE);
        assertThat(learning.owedRounds()).isZero();
    }
}
