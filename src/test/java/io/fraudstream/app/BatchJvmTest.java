package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a replay moves to a child JVM with the throughput collector, and when it stays where the user put it. */
class BatchJvmTest {
    private static final String G1 = "G1 Young Generation";
    private static final long TWO_GB = 2L << 30;

    @Test
    void aReplayStartedWithTheDefaultG1MovesToTheThroughputCollectorWithTheWholeHeapFromTheStart() {
        assertThat(BatchJvm.childOptions(List.of("-Xmx2g", "-Dx=1"), G1, TWO_GB)).containsExactly("-Xmx2g", "-Dx=1",
                "-XX:+UseParallelGC", "-Xms2147483648");
        assertThat(BatchJvm.childOptions(List.of("-Xmx2g", "-Xms512m"), G1, TWO_GB)).containsExactly("-Xmx2g",
                "-Xms512m", "-XX:+UseParallelGC");
    }

    @Test
    void withoutAMaximumTheHeapStartsAtThisJvmsAndMayGrowToHalfTheMemory() {
        assertThat(BatchJvm.childOptions(List.of("-Dx=1"), G1, TWO_GB)).containsExactly("-Dx=1",
                "-XX:+UseParallelGC", "-Xms2147483648", "-XX:MaxRAMPercentage=50");
        assertThat(BatchJvm.childOptions(List.of("-XX:MaxRAM=16g"), G1, TWO_GB)).containsExactly("-XX:MaxRAM=16g",
                "-XX:+UseParallelGC", "-Xms2147483648", "-XX:MaxRAMPercentage=50");
        assertThat(BatchJvm.childOptions(List.of("-XX:MaxRAMPercentage=30"), G1, TWO_GB)).containsExactly(
                "-XX:MaxRAMPercentage=30", "-XX:+UseParallelGC", "-Xms2147483648");
        assertThat(BatchJvm.childOptions(List.of("-XX:MaxHeapSize=3g"), G1, TWO_GB)).containsExactly(
                "-XX:MaxHeapSize=3g", "-XX:+UseParallelGC", "-Xms2147483648");
    }

    @Test
    void aCollectorTheUserChoseIsKept() {
        assertThat(BatchJvm.childOptions(List.of("-XX:+UseG1GC"), G1, TWO_GB)).isNull();
        assertThat(BatchJvm.childOptions(List.of("-XX:+UseZGC"), "ZGC Cycles", TWO_GB)).isNull();
        assertThat(BatchJvm.childOptions(List.of(), "PS Scavenge", TWO_GB)).isNull();
        assertThat(BatchJvm.childOptions(List.of(), "Copy", TWO_GB)).isNull();
    }
}
