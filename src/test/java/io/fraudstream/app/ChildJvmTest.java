package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which JVM options tie a command to the process the user started, whatever the command's policy. */
class ChildJvmTest {
    @Test
    void anAgentARecordingOrALogKeepsTheCommandInItsProcess() {
        for (String option : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-javaagent:/opt/agent.jar", "-XX:StartFlightRecording=filename=r.jfr", "-Xlog:gc:file=gc.log",
                "-Xloggc:gc.log", "-XX:+PrintGCDetails")) {
            assertThat(ChildJvm.tiedToThisProcess(List.of("-Xmx2g", option))).as(option).isTrue();
        }
    }

    @Test
    void sizingAndTuningOptionsDoNot() {
        assertThat(ChildJvm.tiedToThisProcess(List.of("-Xmx2g", "-Dfoo=bar", "-XX:MaxGCPauseMillis=20",
                "-XX:+UseG1GC"))).isFalse();
    }

    @Test
    void commandsWithoutAPolicyStayInThisJvm() {
        assertThat(ChildJvm.runInChild(new String[0])).isEqualTo(-1);
        assertThat(ChildJvm.runInChild(new String[] {"generate", "--output", "x.csv"})).isEqualTo(-1);
        assertThat(ChildJvm.runInChild(new String[] {"demo"})).isEqualTo(-1);
    }
}
