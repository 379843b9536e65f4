package io.fraudstream.replay;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.ModelSnapshot;
import java.util.List;
import java.util.Locale;

/**
 * A way to run historical data through fraudstream's stages under the segment protocol: events (transactions at
 * their time, labels at their time plus their delay) are walked in event-time order and cut into segments that end
 * at every {@code fraudstream.model.publish.every}-th label, and sooner where the pending horizon says so
 * ({@link SegmentSpan}). A segment's transactions are scored, then its labels
 * are learnt and the round they start ends, and the model it publishes is installed, before the next segment's
 * transactions are scored: each transaction is scored by exactly the model a live system would have had at its time.
 *
 * <p>Two engines: {@link InProcessReplay} drives the stage cores in one process with in-memory state (the default),
 * {@link KafkaReplay} the real topology on a real broker (the reference). On the same data and settings they give
 * the same outcomes and the same models.
 */
public interface ReplayEngine {
    /** The engines by their {@code --engine} name. */
    enum Kind {
        INPROCESS, KAFKA;

        public static Kind of(final String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What a replay produced: outcomes in learning order, every model version published (by version), the drifts
     * the learner detected, the labels a simulated investigation brought forward ({@link LabelSchedule}), the wall
     * time and where it went.
     */
    record Result(List<LabelledOutcome> outcomes, List<ModelSnapshot> models, long driftDetections,
                  long investigatedLabels, double seconds, Timing timing) {
        public Result(final List<LabelledOutcome> outcomes, final List<ModelSnapshot> models, final double seconds) {
            this(outcomes, models, 0, 0, seconds, null);
        }
    }

    /**
     * Seconds the replay thread spent on transactions (validation, features, scores) and on labels (the join, online
     * learning), how long the retraining rounds ran and how much of that the replay thread waited for them (the rest
     * overlapped the next segment's features).
     */
    record Timing(double transactions, double labels, double rounds, double roundsWaited, int roundCount) {
    }

    Result run() throws InterruptedException;
}
