package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When {@code run} and {@code bench} move to a child JVM with a fixed, touched heap, and with which options. */
class ServiceJvmTest {
    private static final String G1 = "G1 Young Generation";

    @Test
    void withoutHeapOptionsTheChildGetsAFixedTouchedHeapAndG1APauseGoal() {
        assertThat(ServiceJvm.childOptions(List.of("-Dx=1"), G1, 6L << 30)).containsExactly("-Dx=1",
                "-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch", "-XX:MaxGCPauseMillis=20");
    }

    @Test
    void aSmallMachinesDefaultHeapIsKeptAsTheFixedSize() {
        assertThat(ServiceJvm.childOptions(List.of(), G1, 512L << 20)).startsWith("-Xms512m", "-Xmx512m");
    }

    @Test
    void aPauseGoalOrACollectorTheUserChoseIsKept() {
        assertThat(ServiceJvm.childOptions(List.of("-XX:MaxGCPauseMillis=50"), G1, 6L << 30))
                .containsExactly("-XX:MaxGCPauseMillis=50", "-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch");
        assertThat(ServiceJvm.childOptions(List.of("-XX:+UseZGC"), "ZGC Cycles", 6L << 30))
                .containsExactly("-XX:+UseZGC", "-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch");
    }

    @Test
    void aChildNamesTheOptionsItWasGivenForItsHeapAndPauses() {
        final List<String> child = ServiceJvm.childOptions(List.of("-Dx=1", "-XX:+UseStringDeduplication"), G1,
                6L << 30);
        assertThat(ServiceJvm.added(child)).containsExactly("-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch",
                "-XX:MaxGCPauseMillis=20");
    }

    @Test
    void anyHeapOptionMeansTheOperatorSizedTheJvm() {
        for (String sized : List.of("-Xmx4g", "-Xms1g", "-XX:MaxHeapSize=4g", "-XX:InitialHeapSize=1g",
                "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=75", "-XX:MinRAMPercentage=50",
                "-XX:MaxRAMFraction=2", "-XX:MaxRAM=8g")) {
            assertThat(ServiceJvm.childOptions(List.of("-Dx=1", sized), G1, 6L << 30)).as(sized).isNull();
        }
    }
}
