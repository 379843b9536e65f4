package io.fraudstream.sample;

import io.fraudstream.event.FeatureVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One labelled example as the learner keeps it: the features the model saw at decision time, the label, the
 * transaction's event time (for time-biased sampling and alert budgets) and its amount (for example-dependent
 * costs).
 */
public record Example(FeatureVector x, boolean fraud, long time, double amount) {
    /** Binary form for the changelogged stores, prefixed by {@code tag} (a slot's priority or sequence number). */
    public byte[] encode(final double tag) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + x.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(tag);
            out.writeBoolean(fraud);
            out.writeLong(time);
            out.writeDouble(amount);
            x.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            return new Example(FeatureVector.read(in), fraud, time, amount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
