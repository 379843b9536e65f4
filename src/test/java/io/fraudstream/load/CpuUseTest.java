package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        final CountDownLatch spent = new CountDownLatch(1);
        final CountDownLatch measured = new CountDownLatch(1);
        final long[] sink = new long[1];
        final Thread busy = new Thread(() -> {
            // at least 60 ms of this thread's own CPU, however loaded the machine (wall-clock time would not say)
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long end = threads.getCurrentThreadCpuTime() + 60_000_000L;
            long x = 1;
            while (threads.getCurrentThreadCpuTime() < end) {
                for (int i = 0; i < 10_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
            sink[0] = x;
            spent.countDown();
            try {
                measured.await(); // measured while it lives: a thread that ended is not counted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-StreamThread-1");
        busy.start();
        assertTrue(spent.await(60, TimeUnit.SECONDS), "the busy thread spent its CPU");
        final String line = CpuUse.now(Optional::empty).perEvent(before, 1000, "event");
        measured.countDown();
        busy.join();
        final Matcher stream = Pattern.compile("stream threads ([0-9.]+),").matcher(line);
        assertTrue(stream.find(), line);
        // at least 60 ms of the thread's CPU over 1 000 events: 60 µs each
        assertTrue(Double.parseDouble(stream.group(1)) >= 60, line);
        assertTrue(line.contains("whole process"), line);
        assertTrue(!line.contains("broker"), "no broker process given, none reported: " + line);
    }
}
