package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a replay moves to a child JVM with the throughput collector, and when it stays where the user put it. */
class BatchJvmTest {
    private static final String[] REPLAY = {"replay", "--input", "tx.csv.gz"};
    private static final String G1 = "G1 Young Generation";

    @Test
    void aReplayStartedWithTheDefaultG1MovesToTheThroughputCollector() {
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-Xmx2g", "-Dfoo=bar"), G1, null)).isTrue();
    }

    @Test
    void otherCommandsStay() {
        assertThat(BatchJvm.relaunches(new String[] {"demo"}, List.of(), G1, null)).isFalse();
        assertThat(BatchJvm.relaunches(new String[] {"generate", "--output", "x.csv"}, List.of(), G1, null)).isFalse();
        assertThat(BatchJvm.relaunches(new String[0], List.of(), G1, null)).isFalse();
    }

    @Test
    void aCollectorTheUserChoseIsKept() {
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-XX:+UseG1GC"), G1, null)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-XX:+UseZGC"), "ZGC Cycles", null)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of(), "PS Scavenge", null)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of(), "Copy", null)).isFalse();
    }

    @Test
    void anAgentARecordingOrALogKeepsTheReplayInItsProcess() {
        assertThat(BatchJvm.relaunches(REPLAY,
                List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"), G1, null)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-javaagent:/opt/agent.jar"), G1, null)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-XX:StartFlightRecording=filename=r.jfr"), G1, null))
                .isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of("-Xlog:gc:file=gc.log"), G1, null)).isFalse();
    }

    @Test
    void theSystemPropertyOrBeingTheChildKeepsIt() {
        assertThat(BatchJvm.relaunches(REPLAY, List.of(), G1, BatchJvm.SAME)).isFalse();
        assertThat(BatchJvm.relaunches(REPLAY, List.of(), G1, "child")).isFalse();
    }

    @Test
    void theChildTakesTheseOptionsTheThroughputCollectorAndTheWholeHeapFromTheStart() {
        assertThat(BatchJvm.childOptions(List.of("-Xmx2g", "-Dx=1"), 2L << 30)).containsExactly("-Xmx2g", "-Dx=1",
                "-XX:+UseParallelGC", "-Xms2147483648", "-Dfraudstream.replay.jvm=child");
        assertThat(BatchJvm.childOptions(List.of("-Xmx2g", "-Xms512m"), 2L << 30)).containsExactly("-Xmx2g",
                "-Xms512m", "-XX:+UseParallelGC", "-Dfraudstream.replay.jvm=child");
    }
}
