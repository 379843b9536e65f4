package io.fraudstream.learn;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.ExampleCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert feedback kept apart from the delayed labels: the outcomes of transactions that were alerted when scored
 * and whose label came within {@link FeedbackConfig#withinMillis} — an investigator's answer, fraud or not — the
 * {@code examples} most recent by transaction time.
 *
 * <p>Design (Dal Pozzolo et al., "Credit card fraud detection: a realistic modeling and a novel learning strategy",
 * IEEE TNNLS 29(8), 2018). Feedback is recent, and both of its classes are known at once, so a model may be fitted
 * to it without waiting for the delayed labels to mature; but it is a biased sample (only what was alerted), so it
 * is fitted apart and aggregated with the model of the delayed labels, not pooled with them. Which outcome is
 * feedback is read from the outcome itself (its decision and label delay), so any label source works unchanged.
 *
 * <p>Which slot an example takes, the most recent kept, is {@link RecentSlots}'s, as for the {@link Holdout}: it
 * depends on the examples' times alone, so a restore needs the slots alone. Each changed slot is written by the
 * caller ({@link #encoded}).
 */
final class FeedbackWindow {
    private final long withinMillis;
    private final Example[] examples;
    private final RecentSlots slots;

    FeedbackWindow(final FeedbackConfig config) {
        this.withinMillis = config.withinMillis();
        this.examples = new Example[config.examples()];
        this.slots = new RecentSlots(config.examples());
    }

    /**
     * Whether {@code o} is alert feedback: a label that came (not a horizon outcome, taken as legitimate for want of
     * one), for an alerted transaction, within the window.
     */
    boolean isFeedback(final LabelledOutcome o) {
        return o.alerted() && LabelledOutcome.SOURCE_LABEL.equals(o.source()) && o.labelDelay() <= withinMillis;
    }

    /** Keeps {@code e} if it is among the most recent: the slot it took, or −1. */
    int offer(final Example e) {
        final int slot = slots.take(e.time());
        if (slot >= 0) {
            examples[slot] = e;
        }
        return slot;
    }

    /**
     * A copy of the examples kept, in slot order (which slot an example takes depends on the contents alone, so a
     * restored window gives the same list), for a round to fit to while outcomes go on.
     */
    List<Example> examples() {
        final List<Example> out = new ArrayList<>(slots.size());
        for (Example e : examples) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    byte[] encoded(final int slot) {
        return ExampleCodec.encode(examples[slot], 0);
    }

    /** Puts back a stored slot (any order; a slot beyond the configured size is dropped). */
    void restore(final int slot, final byte[] stored) {
        if (slot >= 0 && slot < examples.length) {
            examples[slot] = ExampleCodec.decode(stored);
            slots.restore(slot, examples[slot].time());
        }
    }
}
