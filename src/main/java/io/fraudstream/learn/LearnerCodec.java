package io.fraudstream.learn;

import io.fraudstream.model.ModelFamily;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How {@link Learning} stores its learners, by family: the updated part, written with every outcome, and the fitted
 * part, written only when a fit or a reset changes it (none for the linear family, whose state is all updated). The
 * formats are {@link LinearLearnerCodec}'s and {@link TreeLearnerCodec}'s, which share the class counts' layout kept
 * here; the learners themselves only learn.
 */
final class LearnerCodec {
    private final LearnerConfig linear;
    private final TreeConfig trees;

    LearnerCodec(final LearnerConfig linear, final TreeConfig trees) {
        this.linear = linear;
        this.trees = trees;
    }

    /** What every outcome moves: all of a linear learner, a tree learner's class counts. */
    byte[] updated(final Learner l) {
        return l instanceof GradientBoostedTrees t ? TreeLearnerCodec.encodeUpdated(t)
                : LinearLearnerCodec.encode((OnlineLogisticLearner) l);
    }

    /** What only a fit or a reset changes (a tree ensemble); null when there is none. */
    byte[] fitted(final Learner l) {
        return l instanceof GradientBoostedTrees t ? TreeLearnerCodec.encodeFitted(t) : null;
    }

    /** A learner from its {@link #updated} and {@link #fitted} parts (null: nothing fitted yet). */
    Learner decode(final ModelFamily family, final byte[] updated, final byte[] fitted) {
        return family.trees() ? TreeLearnerCodec.decode(family, trees, linear, updated, fitted)
                : LinearLearnerCodec.decode(linear, updated);
    }

    /** A learner kept whole, as the learner state of format 4 kept each. */
    Learner decodeWhole(final ModelFamily family, final byte[] whole) {
        return family.trees() ? TreeLearnerCodec.decodeWhole(family, trees, linear, whole)
                : LinearLearnerCodec.decode(linear, whole);
    }

    /** Bytes {@link #writeCounts} writes: the decayed counts and the totals of each class. */
    static final int COUNTS_BYTES = 2 * Double.BYTES + 2 * Long.BYTES;

    /** As {@link #writeCounts(ClassCounts, DataOutput)}, into a buffer. */
    static void writeCounts(final ClassCounts c, final ByteBuffer out) {
        out.putDouble(c.fraud).putDouble(c.legit).putLong(c.seenFraud).putLong(c.seenLegit);
    }

    static void writeCounts(final ClassCounts c, final DataOutput out) throws IOException {
        out.writeDouble(c.fraud);
        out.writeDouble(c.legit);
        out.writeLong(c.seenFraud);
        out.writeLong(c.seenLegit);
    }

    static void readCounts(final ClassCounts c, final DataInput in) throws IOException {
        c.fraud = in.readDouble();
        c.legit = in.readDouble();
        c.seenFraud = in.readLong();
        c.seenLegit = in.readLong();
    }
}
