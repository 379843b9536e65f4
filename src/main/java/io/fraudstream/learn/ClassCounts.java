package io.fraudstream.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a learner knows of the stream's classes: counts that decay with a half-life in outcomes (behind the class
 * weights and the fraud rate that corrects a batch's class mix) and the plain totals seen. Shared by both families.
 */
final class ClassCounts {
    private final double decay;
    private double fraud;
    private double legit;
    private long seenFraud;
    private long seenLegit;

    ClassCounts(final long halfLife) {
        this.decay = Math.pow(0.5, 1.0 / halfLife);
    }

    void observe(final boolean isFraud) {
        fraud = fraud * decay + (isFraud ? 1 : 0);
        legit = legit * decay + (isFraud ? 0 : 1);
        if (isFraud) {
            seenFraud++;
        } else {
            seenLegit++;
        }
    }

    /** This class's weight under the configured scheme, from the decayed counts. */
    double classWeight(final LearnerConfig config, final boolean isFraud) {
        return config.classWeight(isFraud, fraud, legit);
    }

    /** The decayed fraud share, NaN before any outcome. */
    double fraudRate() {
        return fraud + legit > 0 ? fraud / (fraud + legit) : Double.NaN;
    }

    long seenFraud() {
        return seenFraud;
    }

    long seenLegit() {
        return seenLegit;
    }

    /** Bytes {@link #write} writes. */
    static final int BYTES = 2 * Double.BYTES + 2 * Long.BYTES;

    /** As {@link #write(DataOutput)}, into a buffer. */
    void write(final ByteBuffer out) {
        out.putDouble(fraud).putDouble(legit).putLong(seenFraud).putLong(seenLegit);
    }

    void write(final DataOutput out) throws IOException {
        out.writeDouble(fraud);
        out.writeDouble(legit);
        out.writeLong(seenFraud);
        out.writeLong(seenLegit);
    }

    void read(final DataInput in) throws IOException {
        fraud = in.readDouble();
        legit = in.readDouble();
        seenFraud = in.readLong();
        seenLegit = in.readLong();
    }
}
