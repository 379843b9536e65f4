package io.fraudstream.learn;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;

/**
 * The labelled examples {@link Learning}'s rounds train on: one reservoir per class, from which batches are drawn,
 * and the alert feedback kept apart ({@link FeedbackWindow}). Each slot an example takes is written through the
 * sink as it changes, under its collection's prefix, and read back by {@link #restore}.
 */
final class TrainingExamples {
    private static final String FRAUD_SLOT = "rf/";
    private static final String LEGIT_SLOT = "rl/";
    private static final String FEEDBACK_SLOT = "fb/";

    final Reservoir fraud;
    final Reservoir legit;
    final FeedbackWindow feedback;
    private final double falseAlarmAdmission;

    TrainingExamples(final LearningConfig config) {
        this.fraud = new Reservoir(config.reservoirKind(), config.fraudReservoir(), config.seed() ^ 0xF,
                config.reservoirHalfLifeMillis());
        this.legit = new Reservoir(config.reservoirKind(), config.legitReservoir(), config.seed() ^ 0x1,
                config.reservoirHalfLifeMillis(), config.legitAdmission());
        this.feedback = new FeedbackWindow(config.feedback());
        this.falseAlarmAdmission = config.feedback().falseAlarmAdmission();
    }

    /**
     * Offers {@code e}, the example of outcome {@code o}, to its class's reservoir (a false alarm at its own
     * admission: {@link FeedbackConfig#falseAlarmAdmission}) and, if feedback, the window.
     */
    void offer(final LabelledOutcome o, final Example e, final StateSink sink) {
        final Reservoir r = e.fraud() ? fraud : legit;
        final int slot = e.fraud() || !o.alerted() ? r.offer(e) : r.offer(e, falseAlarmAdmission);
        if (slot >= 0 && sink.keeps()) {
            sink.state((e.fraud() ? FRAUD_SLOT : LEGIT_SLOT) + slot, r.encoded(slot));
        }
        final int kept = feedback.isFeedback(o) ? feedback.offer(e) : -1;
        if (kept >= 0 && sink.keeps()) {
            sink.state(FEEDBACK_SLOT + kept, feedback.encoded(kept));
        }
    }

    /** Restores one stored entry if it is a slot of theirs (any other is not their business). */
    void restore(final String key, final byte[] value) {
        if (key.startsWith(FRAUD_SLOT)) {
            fraud.restore(Integer.parseInt(key.substring(FRAUD_SLOT.length())), value);
        } else if (key.startsWith(LEGIT_SLOT)) {
            legit.restore(Integer.parseInt(key.substring(LEGIT_SLOT.length())), value);
        } else if (key.startsWith(FEEDBACK_SLOT)) {
            feedback.restore(Integer.parseInt(key.substring(FEEDBACK_SLOT.length())), value);
        }
    }

    /** Completes a restore, with how many examples of each class the reservoirs had been offered. */
    void restored(final long fraudSeen, final long legitSeen) {
        fraud.restored(fraudSeen);
        legit.restored(legitSeen);
    }
}
