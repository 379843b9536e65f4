package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.SamplingConfig;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A round draws its batch when it runs, on its own thread, not when it starts on the stream thread: from copies of
 * the reservoirs (and of the recalls and the mean missed cost) as they were at its start. Outcomes learnt while it
 * waits change the live reservoirs and not its batch, so the models are those of a round drawn at its start.
 */
class RoundDrawTest {
    private static Learning learning() {
        return new Learning(ImbalancedDriftLearningTest.config(LearnerConfig.defaults(), SamplingConfig.defaults(),
                false), ModelSnapshot.prior(0.01, 0.2, 0.6, "test"));
    }

    /** Offers outcomes from {@code next[0]} on until one starts a round. */
    private static RetrainingRound untilARound(final Learning learning, final Random random, final int[] next) {
        Optional<RetrainingRound> job = Optional.empty();
        while (job.isEmpty()) {
            job = learning.offer(LearningRestartTest.outcome(next[0]++, random), StateSink.NONE);
        }
        return job.get();
    }

    @Test
    void aRoundDrawsWhenItRunsFromTheReservoirsAsTheyWereAtItsStart() {
        final Learning waited = learning();
        final Learning atOnce = learning();
        final int[] a = {0};
        final int[] b = {0};
        final RetrainingRound late = untilARound(waited, new Random(5), a);
        final RetrainingRound early = untilARound(atOnce, new Random(5), b);
        assertThat(late.batch()).as("nothing drawn on the thread that started it").isNull();
        final RetrainingRound.Trained atStart = early.call();
        final List<Example> drawnAtOnce = atStart.job().batch().examples();

        final int fraudsBefore = waited.fraudReservoir().size();
        final Random more = new Random(6);
        for (int k = 0; k < 3000; k++) { // learning goes on while the round waits for its thread
            waited.offer(LearningRestartTest.outcome(a[0]++, more), StateSink.NONE);
        }
        assertThat(waited.fraudReservoir().size()).as("the live reservoir moved on").isGreaterThan(fraudsBefore);
        final RetrainingRound.Trained trained = late.call();
        assertThat(trained.job().batch().examples()).isNotEmpty().isEqualTo(drawnAtOnce);
        assertThat(trained.snapshot().weights()).isEqualTo(atStart.snapshot().weights());
    }
}
