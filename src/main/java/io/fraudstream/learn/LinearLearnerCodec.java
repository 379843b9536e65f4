package io.fraudstream.learn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The byte format of an {@link OnlineLogisticLearner}'s state, for the changelogged learner store (format 2): the
 * intercept and its step history, the class counts, then per feature its name and seven numbers (weight, AdaGrad
 * history, cumulative L1 penalty cap and taken, Welford count, mean and M2). A learner made with a smaller
 * {@code learner.max.features} drops the newest features on reading.
 */
final class LinearLearnerCodec {
    private static final int FORMAT = 2;

    private LinearLearnerCodec() {
    }

    /** The learner's complete state: written with every outcome, so one exact-size buffer, names encoded once. */
    static byte[] encode(final OnlineLogisticLearner l) {
        // the layout is DataOutputStream's
        int length = 1 + 2 * Double.BYTES + LearnerCodec.COUNTS_BYTES + Integer.BYTES;
        for (int j = 0; j < l.size; j++) {
            length += l.encodedNames[j].length + 7 * Double.BYTES;
        }
        final ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) FORMAT).putDouble(l.bias).putDouble(l.biasGradSq);
        LearnerCodec.writeCounts(l.counts, out);
        out.putInt(l.size);
        for (int j = 0; j < l.size; j++) {
            out.put(l.encodedNames[j]).putDouble(l.weights[j]).putDouble(l.gradSq[j]).putDouble(l.penaltyCap[j])
                    .putDouble(l.penaltyTaken[j]).putDouble(l.count[j]).putDouble(l.mean[j]).putDouble(l.m2[j]);
        }
        return out.array();
    }

    /** A feature name as {@link DataOutputStream#writeUTF} writes it: the learner keeps each one encoded. */
    static byte[] utf(final String name) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + name.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A learner from what {@link #encode} wrote. */
    static OnlineLogisticLearner decode(final LearnerConfig config, final byte[] data) {
        final OnlineLogisticLearner l = new OnlineLogisticLearner(config);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            final int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown learner state format " + format);
            }
            l.bias = in.readDouble();
            l.biasGradSq = in.readDouble();
            LearnerCodec.readCounts(l.counts, in);
            final int n = in.readInt();
            for (int j = 0; j < n; j++) {
                final int slot = l.slotOf(in.readUTF());
                final double w = in.readDouble();
                final double g = in.readDouble();
                final double cap = in.readDouble();
                final double taken = in.readDouble();
                final double c = in.readDouble();
                final double mu = in.readDouble();
                final double s2 = in.readDouble();
                if (slot >= 0) { // a lowered maxFeatures drops the newest features
                    l.weights[slot] = w;
                    l.gradSq[slot] = g;
                    l.penaltyCap[slot] = cap;
                    l.penaltyTaken[slot] = taken;
                    l.count[slot] = c;
                    l.mean[slot] = mu;
                    l.m2[slot] = s2;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return l;
    }
}
