package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.sample.Example;

/**
 * The last {@code capacity} held-out labelled examples, in their natural class distribution: never trained on,
 * never resampled. A challenger model is compared with the champion on them (PR-AUC, i.e. average precision)
 * before it may replace it, and the thresholds are chosen on them. Which outcomes are held out is decided by their
 * transaction id alone, so the choice is the same on every run and every instance.
 */
public final class Holdout {
    private final Example[] examples;
    private long total;

    public Holdout(final int capacity) {
        this.examples = new Example[capacity];
    }

    /** Whether the outcome of this transaction is held out: about {@code percent}% of transactions. */
    public static boolean isHeldOut(final String transactionId, final int percent) {
        final int h = transactionId.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), 100) < percent;
    }

    /** Adds an example, replacing the oldest when full; returns its slot. */
    public int add(final Example e) {
        final int slot = (int) (total++ % examples.length);
        examples[slot] = e;
        return slot;
    }

    /** Store encoding of the example in a slot, with the running count it was added at. */
    public byte[] encoded(final int slot) {
        return examples[slot].encode(total - 1);
    }

    /** Restores one stored example into this holdout at {@code slot} (slots in any order). */
    public void restore(final int slot, final byte[] stored) {
        if (slot < examples.length) { // the holdout was made smaller since: slots past its end are dropped
            examples[slot] = Example.decode(stored);
            total = Math.max(total, (long) Example.tag(stored) + 1);
        }
    }

    public long total() {
        return total;
    }

    public int size() {
        return (int) Math.min(total, examples.length);
    }

    public Example get(final int i) {
        return examples[i];
    }

    /** Frauds among the held-out examples. */
    public int frauds() {
        int f = 0;
        for (int i = 0; i < size(); i++) {
            f += examples[i].fraud() ? 1 : 0;
        }
        return f;
    }

    /** Scores of a model on the held-out examples, in slot order. */
    public double[] scores(final Model model) {
        final double[] s = new double[size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = model.score(examples[i].x());
        }
        return s;
    }

    /** Labels of the held-out examples, in slot order. */
    public boolean[] labels() {
        final boolean[] y = new boolean[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples[i].fraud();
        }
        return y;
    }

    /** PR-AUC of a model's scores on the held-out examples; NaN unless both classes are there. */
    public double averagePrecision(final Model model) {
        return Curves.averagePrecision(scores(model), labels());
    }

    /** Event-time span of the held-out examples, in days (0 with fewer than two). */
    public double days() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size(); i++) {
            min = Math.min(min, examples[i].time());
            max = Math.max(max, examples[i].time());
        }
        return size() < 2 ? 0 : (max - min) / 86_400_000.0;
    }
}
