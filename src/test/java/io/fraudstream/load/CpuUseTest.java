package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CpuUseTest {
    @Test
    void threadsAreGroupedByName() {
        assertEquals("stream threads", CpuUse.group("fraudstream-bench-1a2b-9f-StreamThread-1"));
        assertEquals("client I/O", CpuUse.group("kafka-producer-network-thread | app-9f-StreamThread-1-producer"));
        assertEquals("global stores", CpuUse.group("app-9f-GlobalStreamThread"));
        assertEquals("learner", CpuUse.group("fraudstream-learner-1_0"));
        assertEquals("load test", CpuUse.group("main"));
        assertEquals("load test", CpuUse.group("kafka-producer-network-thread | producer-3"));
        assertEquals("load test", CpuUse.group(OpenLoop.READER_THREAD));
        assertEquals("load test", CpuUse.group(OpenLoop.MEASURING_THREAD));
        assertEquals("learner", CpuUse.group("fraudstream-round-core-0"));
        assertEquals("learner", CpuUse.group("fraudstream-round-family"));
        assertNull(CpuUse.group("kafka-coordinator-heartbeat-thread | app"));
        assertNull(CpuUse.group("maintenance"));
    }

    @Test
    void cpuSpentOnAStreamThreadIsChargedToTheStreamThreads() throws InterruptedException {
        final CpuUse before = CpuUse.now(Optional::empty);
        final long[] sink = new long[1];
        final Thread busy = new Thread(() -> {
            final long end = System.nanoTime() + 200_000_000L;
            long x = 1;
            while (System.nanoTime() < end) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink[0] = x;
        }, "test-StreamThread-1");
        busy.start();
        Thread.sleep(150); // measured while it runs: a thread that ended is not counted
        final String line = CpuUse.now(Optional::empty).perEvent(before, 1000, "event");
        busy.join();
        final Matcher stream = Pattern.compile("stream threads ([0-9.]+),").matcher(line);
        assertTrue(stream.find(), line);
        // at least 50 ms of the thread's CPU over 1 000 events: 50 µs each (a loaded machine may give it less)
        assertTrue(Double.parseDouble(stream.group(1)) > 20, line);
        assertTrue(line.contains("whole process"), line);
        assertTrue(!line.contains("broker"), "no broker process given, none reported: " + line);
    }
}
