package io.fraudstream.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningStateCodecTest {
    @Test
    void encodesExactlyWhatDataOutputStreamWrites() throws IOException {
        final Map<String, byte[]> learners = new LinkedHashMap<>();
        learners.put("logistic", new byte[] {1, 2, 3, 4});
        learners.put("balanced-trees", new byte[] {});
        final double[] decisions = {1, 2.5, 3, 4, -0.0, Double.NaN};
        final double[] drift = {1e12, 2, 3, 0.25, 5, 6, 7, 8, 9};
        final LearningState state = new LearningState(9, 12, 3, 1_000L, true, 2, decisions, 40, 4000, learners,
                false, drift);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) { // format 7, as written before it was one buffer
            out.writeByte(7);
            out.writeLong(9);
            out.writeInt(12);
            out.writeLong(3);
            out.writeLong(1_000L);
            out.writeBoolean(true);
            out.writeInt(2);
            for (double d : decisions) {
                out.writeDouble(d);
            }
            out.writeLong(40);
            out.writeLong(4000);
            out.writeInt(2);
            for (Map.Entry<String, byte[]> l : learners.entrySet()) {
                out.writeUTF(l.getKey());
                out.writeInt(l.getValue().length);
                out.write(l.getValue());
            }
            out.writeInt(drift.length);
            for (double d : drift) {
                out.writeDouble(d);
            }
        }
        final byte[] encoded = LearningStateCodec.encode(state);
        assertThat(encoded).containsExactly(bytes.toByteArray());

        final LearningState read = LearningStateCodec.decode(encoded);
        assertThat(read.version()).isEqualTo(9);
        assertThat(read.pendingRound()).isTrue();
        assertThat(read.owedRounds()).isEqualTo(2);
        assertThat(read.learners()).containsOnlyKeys("logistic", "balanced-trees");
        assertThat(read.learners().get("logistic")).containsExactly(1, 2, 3, 4);
        assertThat(read.drift()).containsExactly(drift);
    }
}
