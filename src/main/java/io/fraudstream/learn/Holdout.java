package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.model.Model;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.ExampleCodec;

/**
 * Held-out labelled examples, never trained on, never resampled, on which a challenger is compared with the champion
 * (PR-AUC, i.e. average precision), calibrated, and its thresholds chosen. Which outcomes are held out is decided by
 * their transaction id alone, so the choice is the same on every run and every instance.
 *
 * <p><b>Judged by transaction time, once mature.</b> Labels arrive with class-dependent delays: an alerted fraud is
 * confirmed within hours, a legitimate transaction only after weeks without a chargeback. The last outcomes to
 * <i>arrive</i> are therefore recent frauds next to old legitimate transactions — not the natural distribution of any
 * period, and a model that merely recognises "recent" looks good on them (measured on the 28-day replay:
 * docs/how-it-works.md, "Learning"). So the holdout keeps the most recent
 * {@code capacity} held-out examples by <i>transaction</i> time, and judges only those whose transactions are at
 * least {@code maturity} older than the newest label seen: by then both classes' labels are in, so the judged set is
 * the natural distribution of a past period. Examples younger than that wait in the holdout until they mature; an
 * example older than everything kept when the holdout is full is dropped.
 *
 * <p>Memory: {@code capacity} examples (one feature vector each). Which slot an example takes, the most recent kept,
 * is {@link RecentSlots}'s: O(log capacity) when full.
 */
public final class Holdout {
    private final Example[] examples;
    /** Which slot each example takes, by transaction time. */
    private final RecentSlots slots;
    /** When each slot's label became known. */
    private final long[] labelTimes;
    /** The newest label time among the examples added or restored. */
    private long clock = Long.MIN_VALUE;

    public Holdout(final int capacity) {
        this.examples = new Example[capacity];
        this.slots = new RecentSlots(capacity);
        this.labelTimes = new long[capacity];
    }

    /** Whether the outcome of this transaction is held out: about {@code percent}% of transactions. */
    public static boolean isHeldOut(final String transactionId, final int percent) {
        final int h = transactionId.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), 100) < percent;
    }

    /**
     * Adds an example whose label became known at {@code labelTime}; when full, it replaces the example of the
     * oldest transaction. Returns its slot, or −1 when it is older than every example kept (dropped).
     */
    public int add(final Example e, final long labelTime) {
        clock = Math.max(clock, labelTime);
        final int slot = slots.take(e.time());
        if (slot >= 0) {
            examples[slot] = e;
            labelTimes[slot] = labelTime;
        }
        return slot;
    }

    /** Store encoding of the example in a slot, with its label time. */
    public byte[] encoded(final int slot) {
        return ExampleCodec.encode(examples[slot], labelTimes[slot]);
    }

    /** Restores one stored example into this holdout at {@code slot} (slots in any order). */
    public void restore(final int slot, final byte[] stored) {
        if (slot < examples.length) { // the holdout was made smaller since: slots past its end are dropped
            examples[slot] = ExampleCodec.decode(stored);
            slots.restore(slot, examples[slot].time());
            labelTimes[slot] = (long) ExampleCodec.tag(stored);
            clock = Math.max(clock, labelTimes[slot]);
        }
    }

    /** Examples kept, mature or not. */
    public int size() {
        return slots.size();
    }

    /** The newest label time seen, epoch ms (Long.MIN_VALUE before any). */
    public long clock() {
        return clock;
    }

    /** The kept examples whose transactions are at least {@code maturityMillis} older than the newest label. */
    public Judged mature(final long maturityMillis) {
        final long cut = clock - maturityMillis;
        final int size = slots.size();
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += slots.time(i) <= cut ? 1 : 0;
        }
        final Example[] judged = new Example[n];
        n = 0;
        for (int i = 0; i < size; i++) {
            if (slots.time(i) <= cut) {
                judged[n++] = examples[i];
            }
        }
        return new Judged(judged);
    }

    /** The examples a round judges on, in slot order. */
    public record Judged(Example[] examples) {
        /** Examples scored in one piece of work. */
        private static final int CHUNK = 1024;

        public int size() {
            return examples.length;
        }

        public int frauds() {
            int f = 0;
            for (Example e : examples) {
                f += e.fraud() ? 1 : 0;
            }
            return f;
        }

        /** Scores of a model on the examples (on every core: each score on its own). */
        public double[] scores(final Model model) {
            final double[] s = logOdds(model);
            for (int i = 0; i < s.length; i++) {
                s[i] = model.probability(s[i]);
            }
            return s;
        }

        /** Log-odds of a model on the examples (before any calibration; on every core). */
        public double[] logOdds(final Model model) {
            final double[] s = new double[examples.length];
            Cores.forEach(chunks(), (long) examples.length * 30, c ->
                    model.logOdds(i -> examples[i].x(), c * CHUNK, Math.min(s.length, (c + 1) * CHUNK), s));
            return s;
        }

        private int chunks() {
            return (examples.length + CHUNK - 1) / CHUNK;
        }

        public boolean[] labels() {
            final boolean[] y = new boolean[examples.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = examples[i].fraud();
            }
            return y;
        }

        public double[] amounts() {
            final double[] a = new double[examples.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = examples[i].amount();
            }
            return a;
        }

        /** PR-AUC of a model's scores; NaN unless both classes are there. */
        public double averagePrecision(final Model model) {
            return Curves.averagePrecision(scores(model), labels());
        }

        /** Event-time span of the examples, in days (0 with fewer than two). */
        public double days() {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Example e : examples) {
                min = Math.min(min, e.time());
                max = Math.max(max, e.time());
            }
            return examples.length < 2 ? 0 : (max - min) / 86_400_000.0;
        }
    }
}
