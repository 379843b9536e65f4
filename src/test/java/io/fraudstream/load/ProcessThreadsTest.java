package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessThreadsTest {
    @Test
    void kernelThreadNamesAreGrouped() {
        assertEquals("JIT", ProcessThreads.group("C2 CompilerThre"));
        assertEquals("JIT", ProcessThreads.group("C1 CompilerThre"));
        assertEquals("GC", ProcessThreads.group("GC Thread#1"));
        assertEquals("GC", ProcessThreads.group("G1 Conc#0"));
        assertEquals("GC", ProcessThreads.group("VM Thread")); // the serial collector runs on it
        assertEquals("RocksDB", ProcessThreads.group("rocksdb:low"));
        assertNull(ProcessThreads.group("fraudstream-ben"));
        assertNull(ProcessThreads.group("VM Periodic Tas"));
    }

    @Test
    void thisJvmsCompilersHaveSpentTime() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        final Map<String, Long> cpu = ProcessThreads.cpu(ProcessHandle.current().pid()).byGroup();
        assertEquals(List.of("JIT", "GC", "RocksDB"), List.copyOf(cpu.keySet()));
        // a JVM that has loaded JUnit has compiled methods; its process total bounds every group
        final long total = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        assertTrue(cpu.get("JIT") > 0, cpu.toString());
        assertTrue(cpu.get("JIT") + cpu.get("GC") + cpu.get("RocksDB") <= total + 50_000_000L, cpu + " vs " + total);
    }

    @Test
    void aStatLineIsReadPastANameWithParenthesesAndSpaces() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        final String stat = "4242 (worker (1) x) S 1 4242 4242 0 -1 4194560 120 0 0 0 154 16 0 0 20 0 1 0 99 0";
        assertEquals(170 * 10_000_000L, ProcessThreads.statNanos(stat));
    }

    @Test
    void aProcessThatIsGoneReadsZero() {
        assertEquals(Map.of("JIT", 0L, "GC", 0L, "RocksDB", 0L), ProcessThreads.cpu(Long.MAX_VALUE).byGroup());
    }
}
