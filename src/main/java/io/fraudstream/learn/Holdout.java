package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.feature.FeatureVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The last {@code capacity} held-out labelled examples, in their natural class distribution: never trained on,
 * never resampled. A challenger model is compared with the champion on them (PR-AUC, i.e. average precision)
 * before it may replace it. Which outcomes are held out is decided by their transaction id alone, so the choice
 * is the same on every run and every instance.
 */
public final class Holdout {
    private final FeatureVector[] examples;
    private final boolean[] labels;
    private long total;

    public Holdout(final int capacity) {
        this.examples = new FeatureVector[capacity];
        this.labels = new boolean[capacity];
    }

    /** Whether the outcome of this transaction is held out: about {@code percent}% of transactions. */
    public static boolean isHeldOut(final String transactionId, final int percent) {
        final int h = transactionId.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), 100) < percent;
    }

    /** Adds an example, replacing the oldest when full; returns its slot. */
    public int add(final FeatureVector x, final boolean fraud) {
        final int slot = (int) (total++ % examples.length);
        examples[slot] = x;
        labels[slot] = fraud;
        return slot;
    }

    /** Puts back an example read from the store (slots in any order; {@code count} = examples added so far). */
    private void restore(final int slot, final FeatureVector x, final boolean fraud, final long count) {
        examples[slot] = x;
        labels[slot] = fraud;
        total = Math.max(total, count);
    }

    public long total() {
        return total;
    }

    /** Frauds among the held-out examples. */
    public int frauds() {
        int f = 0;
        for (int i = 0; i < size(); i++) {
            f += labels[i] ? 1 : 0;
        }
        return f;
    }

    public int size() {
        return (int) Math.min(total, examples.length);
    }

    /** PR-AUC of a model's scores on the held-out examples; NaN unless both classes are there. */
    public double averagePrecision(final Model model) {
        final int n = size();
        final double[] s = new double[n];
        final boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = model.score(examples[i]);
            y[i] = labels[i];
        }
        return Curves.averagePrecision(s, y);
    }

    /** Store encoding of one held-out example, with the running count it was added at. */
    public static byte[] encode(final long count, final FeatureVector x, final boolean fraud) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + x.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(count);
            out.writeBoolean(fraud);
            out.writeInt(x.size());
            for (int i = 0; i < x.size(); i++) {
                out.writeUTF(x.names()[i]);
                out.writeDouble(x.values()[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores one stored example into this holdout at {@code slot}. */
    public void restore(final int slot, final byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            final long count = in.readLong();
            final boolean fraud = in.readBoolean();
            final int n = in.readInt();
            final String[] names = new String[n];
            final double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                names[i] = in.readUTF();
                values[i] = in.readDouble();
            }
            restore(slot, new FeatureVector(names, values), fraud, count + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
