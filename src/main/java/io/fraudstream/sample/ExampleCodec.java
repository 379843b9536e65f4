package io.fraudstream.sample;

import io.fraudstream.event.FeatureVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * An {@link Example} in a reservoir or holdout slot of the learner's changelogged stores, prefixed by a tag (a
 * reservoir slot's priority, a held-out example's label time): the tag, the label, the event time, the amount, then
 * the features by name ({@code DataOutputStream}'s layout). Held-out examples written by the versions whose drift
 * test read the holdout end with one more byte (how the transaction was decided when scored), which is ignored. It
 * sits beside the learning core, which writes its own state without knowing about stores (see docs/how-it-works.md,
 * "Stored formats").
 */
public final class ExampleCodec {
    private ExampleCodec() {
    }

    public static byte[] encode(final Example e, final double tag) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + e.x().size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(tag);
            out.writeBoolean(e.fraud());
            out.writeLong(e.time());
            out.writeDouble(e.amount());
            write(e.x(), out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** The tag written by {@link #encode}. */
    public static double tag(final byte[] stored) {
        return ByteBuffer.wrap(stored).getDouble();
    }

    /** The example written by {@link #encode}. */
    public static Example decode(final byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            in.readDouble();
            final boolean fraud = in.readBoolean();
            final long time = in.readLong();
            final double amount = in.readDouble();
            return new Example(read(in), fraud, time, amount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(final FeatureVector x, final DataOutput out) throws IOException {
        final String[] names = x.names();
        final double[] values = x.values();
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(names[i]);
            out.writeDouble(values[i]);
        }
    }

    private static FeatureVector read(final DataInput in) throws IOException {
        final int n = in.readInt();
        final String[] names = new String[n];
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.readUTF().intern(); // a few dozen distinct names shared by every stored example
            values[i] = in.readDouble();
        }
        return new FeatureVector(names, values);
    }
}
