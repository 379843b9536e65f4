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
 * the features by name ({@code DataOutputStream}'s layout), and for a held-out example one more byte: how it was
 * decided when scored ({@link #NOT_KNOWN}, or 0 approved, 1 alerted; absent in what older versions wrote). It sits
 * beside the learning core, which writes its own
 * state without knowing about stores (see docs/how-it-works.md, "Stored formats").
 */
public final class ExampleCodec {
    /** No decision was recorded with the example. */
    public static final int NOT_KNOWN = -1;

    private ExampleCodec() {
    }

    public static byte[] encode(final Example e, final double tag) {
        return encode(e, tag, NOT_KNOWN);
    }

    /** As {@link #encode(Example, double)}, with how it was decided: 0 approved, 1 alerted. */
    public static byte[] encode(final Example e, final double tag, final int decision) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + e.x().size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(tag);
            out.writeBoolean(e.fraud());
            out.writeLong(e.time());
            out.writeDouble(e.amount());
            write(e.x(), out);
            if (decision != NOT_KNOWN) {
                out.writeByte(decision);
            }
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
            return readExample(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A held-out example and how it was decided when scored ({@link #NOT_KNOWN} if not written). */
    public record HeldOut(Example example, int decision) {
    }

    /** The example written by {@link #encode(Example, double, int)}, with its decision, in one pass. */
    public static HeldOut decodeHeldOut(final byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            final Example e = readExample(in);
            return new HeldOut(e, in.available() > 0 ? in.readByte() : NOT_KNOWN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Example readExample(final DataInputStream in) throws IOException {
        in.readDouble();
        final boolean fraud = in.readBoolean();
        final long time = in.readLong();
        final double amount = in.readDouble();
        return new Example(read(in), fraud, time, amount);
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
