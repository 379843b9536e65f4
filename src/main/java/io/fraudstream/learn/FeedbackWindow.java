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
 * <p>A binary min-heap by transaction time over fixed slots: a newer example replaces the oldest; what it keeps
 * depends only on its contents, so a restore needs the slots alone. Each changed slot is written by the caller
 * ({@link #encoded}).
 */
final class FeedbackWindow {
    private final long withinMillis;
    private final Example[] examples;
    /** Slots in a min-heap by time (the first to go at the root). */
    private final int[] heap;
    private int size;

    FeedbackWindow(final FeedbackConfig config) {
        this.withinMillis = config.withinMillis();
        this.examples = new Example[config.examples()];
        this.heap = new int[config.examples()];
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
        if (size < examples.length) {
            examples[size] = e;
            heap[size] = size;
            up(size);
            return size++;
        }
        final int oldest = heap[0];
        if (e.time() <= examples[oldest].time()) {
            return -1;
        }
        examples[oldest] = e;
        down(0);
        return oldest;
    }

    /**
     * A copy of the examples kept, in slot order (which slot an example takes depends on the contents alone, so a
     * restored window gives the same list), for a round to fit to while outcomes go on.
     */
    List<Example> examples() {
        final List<Example> out = new ArrayList<>(size);
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
        if (slot < 0 || slot >= examples.length) {
            return;
        }
        if (examples[slot] == null) {
            heap[size++] = slot;
        }
        examples[slot] = ExampleCodec.decode(stored);
    }

    /** Completes a restore: the slots' heap order from their times. */
    void restored() {
        for (int i = size / 2 - 1; i >= 0; i--) {
            down(i);
        }
    }

    private void up(final int at) {
        int i = at;
        while (i > 0 && older(heap[i], heap[(i - 1) / 2])) {
            swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private void down(final int at) {
        int i = at;
        while (true) {
            final int l = 2 * i + 1;
            final int r = l + 1;
            int least = i;
            if (l < size && older(heap[l], heap[least])) {
                least = l;
            }
            if (r < size && older(heap[r], heap[least])) {
                least = r;
            }
            if (least == i) {
                return;
            }
            swap(i, least);
            i = least;
        }
    }

    /** Older by transaction time, ties by slot: a total order, so the slot replaced is the same after a restore. */
    private boolean older(final int a, final int b) {
        final long ta = examples[a].time();
        final long tb = examples[b].time();
        return ta < tb || ta == tb && a < b;
    }

    private void swap(final int i, final int j) {
        final int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
