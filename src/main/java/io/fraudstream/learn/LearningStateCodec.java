package io.fraudstream.learn;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The byte format of a {@link LearningState}: format 7. Older ones still read, so that an upgrade resumes instead of
 * starting afresh: format 6 (the drift test read the holdout: its count of detections is kept, the test starts
 * afresh), format 5 (no drift monitor: it starts afresh) and format 4 (also no round in flight, no owed rounds, and
 * each learner whole under this key).
 */
final class LearningStateCodec {
    private static final int FORMAT = 7;
    private static final Map<String, byte[]> NAMES = new ConcurrentHashMap<>();

    private LearningStateCodec() {
    }

    /**
     * The state as {@link DataOutputStream} would write it, into one buffer of the exact size: the Kafka Streams
     * learner encodes it with every outcome, and written byte by byte into a growing stream it took an outcome
     * from 0.7 to 3.9 µs ({@code LearnerStateBenchmark}; 2.0 µs now).
     */
    static byte[] encode(final LearningState s) {
        int length = 1 + Long.BYTES + Integer.BYTES + 2 * Long.BYTES + 1 + Integer.BYTES
                + s.decisions().length * Double.BYTES + 2 * Long.BYTES + Integer.BYTES + Integer.BYTES
                + s.drift().length * Double.BYTES;
        for (Map.Entry<String, byte[]> l : s.learners().entrySet()) {
            length += name(l.getKey()).length + Integer.BYTES + l.getValue().length;
        }
        final ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) FORMAT).putLong(s.version()).putInt(s.sincePublish()).putLong(s.round())
                .putLong(s.lastRoundTime()).put((byte) (s.pendingRound() ? 1 : 0)).putInt(s.owedRounds());
        for (double d : s.decisions()) {
            out.putDouble(d);
        }
        out.putLong(s.fraudSeen()).putLong(s.legitSeen()).putInt(s.learners().size());
        for (Map.Entry<String, byte[]> l : s.learners().entrySet()) {
            out.put(name(l.getKey())).putInt(l.getValue().length).put(l.getValue());
        }
        out.putInt(s.drift().length);
        for (double d : s.drift()) {
            out.putDouble(d);
        }
        return out.array();
    }

    /** A learner's key as {@link DataOutputStream#writeUTF} writes it; the keys are the model families' ids. */
    private static byte[] name(final String key) {
        return NAMES.computeIfAbsent(key, LinearLearnerCodec::utf);
    }

    static LearningState decode(final byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            final int format = in.readByte();
            if (format < FORMAT - 3 || format > FORMAT) {
                throw new IllegalStateException("unknown learner state format " + format
                        + "; reset the application (kafka-streams-application-reset) to start learning afresh");
            }
            final long version = in.readLong();
            final int sincePublish = in.readInt();
            final long round = in.readLong();
            final long lastRoundTime = in.readLong();
            final boolean pendingRound = format >= 5 && in.readBoolean(); // format 4 knew no rounds in flight
            final int owedRounds = format >= 5 ? in.readInt() : 0;
            final double[] decisions = new double[6];
            for (int i = 0; i < decisions.length; i++) {
                decisions[i] = in.readDouble();
            }
            final long fraudSeen = in.readLong();
            final long legitSeen = in.readLong();
            final Map<String, byte[]> learners = new LinkedHashMap<>();
            final int count = in.readInt();
            for (int i = 0; i < count; i++) {
                final String family = in.readUTF();
                final byte[] b = new byte[in.readInt()];
                in.readFully(b);
                learners.put(family, b);
            }
            double[] drift = null;
            if (format >= 7) {
                drift = new double[in.readInt()];
                for (int i = 0; i < drift.length; i++) {
                    drift[i] = in.readDouble();
                }
            } else if (format == 6) { // when it last looked, outcomes since, detections, then the old test's four
                in.readDouble();
                in.readDouble();
                drift = DriftMonitor.counted((long) in.readDouble());
            }
            return new LearningState(version, sincePublish, round, lastRoundTime, pendingRound, owedRounds, decisions,
                    fraudSeen, legitSeen, learners, format < 5, drift);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
