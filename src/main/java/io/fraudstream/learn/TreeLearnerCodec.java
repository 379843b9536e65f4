package io.fraudstream.learn;

import io.fraudstream.model.ModelFamily;

import io.fraudstream.model.TreeEnsemble;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The byte format of a {@link GradientBoostedTrees} learner's state (format 1), in two parts: the updated part, the
 * class counts, which every outcome moves and which is written with each; and the fitted part, the feature names and
 * the ensemble (kilobytes to megabytes), which only a fit or a reset changes and which is written then. The whole
 * form (both in one) is what the learner state of format 4 kept, and how a learner is copied.
 */
final class TreeLearnerCodec {
    private static final int FORMAT = 1;

    private TreeLearnerCodec() {
    }

    /** The complete state: feature names, class counts and the fitted ensemble. */
    static byte[] encodeWhole(final GradientBoostedTrees t) {
        return write(4096, out -> {
            out.writeByte(FORMAT);
            writeNames(t, out);
            LearnerCodec.writeCounts(t.counts, out);
            writeEnsemble(t, out);
        });
    }

    /** The class counts: all that an outcome moves (the feature names are learnt from the batches). */
    static byte[] encodeUpdated(final GradientBoostedTrees t) {
        return write(64, out -> {
            out.writeByte(FORMAT);
            LearnerCodec.writeCounts(t.counts, out);
        });
    }

    /** The feature names and the ensemble, which only a fit or a reset changes (kilobytes to megabytes). */
    static byte[] encodeFitted(final GradientBoostedTrees t) {
        return write(4096, out -> {
            writeNames(t, out);
            writeEnsemble(t, out);
        });
    }

    /** A learner from {@link #encodeWhole}. */
    static GradientBoostedTrees decodeWhole(final ModelFamily family, final TreeConfig config,
                                            final LearnerConfig shared, final byte[] data) {
        final GradientBoostedTrees t = new GradientBoostedTrees(family, config, shared);
        read(data, in -> {
            readFormat(in);
            readNames(t, in);
            LearnerCodec.readCounts(t.counts, in);
            readEnsemble(t, in);
        });
        return t;
    }

    /** A learner from {@link #encodeUpdated} and {@link #encodeFitted} (null: nothing fitted yet). */
    static GradientBoostedTrees decode(final ModelFamily family, final TreeConfig config,
                                       final LearnerConfig shared, final byte[] updated, final byte[] fitted) {
        final GradientBoostedTrees t = new GradientBoostedTrees(family, config, shared);
        read(updated, in -> {
            readFormat(in);
            LearnerCodec.readCounts(t.counts, in);
        });
        if (fitted != null) {
            read(fitted, in -> {
                readNames(t, in);
                readEnsemble(t, in);
            });
        }
        return t;
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private interface Reading {
        void from(DataInputStream in) throws IOException;
    }

    private static byte[] write(final int size, final Writing writing) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void read(final byte[] data, final Reading reading) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            reading.from(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFormat(final DataInputStream in) throws IOException {
        final int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown tree learner state format " + format);
        }
    }

    private static void writeNames(final GradientBoostedTrees t, final DataOutputStream out) throws IOException {
        out.writeInt(t.names.size());
        for (String s : t.names) {
            out.writeUTF(s);
        }
    }

    private static void readNames(final GradientBoostedTrees t, final DataInputStream in) throws IOException {
        final int count = in.readInt();
        for (int i = 0; i < count; i++) {
            t.slotOf(in.readUTF());
        }
    }

    private static void writeEnsemble(final GradientBoostedTrees t, final DataOutputStream out) throws IOException {
        out.writeDouble(t.base);
        out.writeInt(t.treeFeatures.length);
        for (String s : t.treeFeatures) {
            out.writeUTF(s);
        }
        writeInts(out, t.trees.roots());
        writeInts(out, t.trees.feature());
        writeDoubles(out, t.trees.threshold());
        writeInts(out, t.trees.left());
        writeInts(out, t.trees.right());
        writeDoubles(out, t.trees.value());
    }

    private static void readEnsemble(final GradientBoostedTrees t, final DataInputStream in) throws IOException {
        t.base = in.readDouble();
        t.treeFeatures = new String[in.readInt()];
        for (int i = 0; i < t.treeFeatures.length; i++) {
            t.treeFeatures[i] = in.readUTF();
        }
        t.trees = new TreeEnsemble(readInts(in), readInts(in), readDoubles(in), readInts(in), readInts(in),
                readDoubles(in));
    }

    private static void writeInts(final DataOutputStream out, final int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static void writeDoubles(final DataOutputStream out, final double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static int[] readInts(final DataInputStream in) throws IOException {
        final int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static double[] readDoubles(final DataInputStream in) throws IOException {
        final double[] a = new double[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }
}
