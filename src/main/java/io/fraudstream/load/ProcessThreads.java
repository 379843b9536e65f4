package io.fraudstream.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of a process's threads that {@link java.lang.management.ThreadMXBean} does not see, by group: the JVM's
 * JIT compilers and garbage collector, and RocksDB's native background threads (flushes, compactions). Read from
 * Linux's {@code /proc/<pid>/task}: each thread's name ({@code comm}) and its time on a CPU ({@code schedstat}, in
 * nanoseconds; {@code stat}'s clock ticks where there is none), read byte for byte (a name may hold any byte).
 * Elsewhere, and for a process that is gone, every group reads 0.
 *
 * <p>Why: a throughput run of a few minutes is partly the JVM warming up. On two cores, the C2 compiler used 44% of
 * the application process's CPU in a 200 000-transaction run and half the broker's; {@code bench} says so instead
 * of leaving it in "the rest".
 */
final class ProcessThreads {
    static final String JIT = "JIT";
    static final String GC = "GC";
    static final String ROCKSDB = "RocksDB";
    /** {@code stat}'s unit: USER_HZ, 100 on every Linux build this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessThreads() {
    }

    /** The time of each thread of {@link #group}'s groups so far (groups in print order). */
    static ThreadCpu cpu(final long pid) {
        final ThreadCpu out = new ThreadCpu(List.of(JIT, GC, ROCKSDB));
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    final String group = group(Files.readString(thread.resolve("comm"), StandardCharsets.ISO_8859_1)
                            .strip());
                    if (group != null) {
                        out.add(thread.getFileName().toString(), group, cpuNanos(thread));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read: its time is lost, as ThreadMXBean loses an ended thread's
                }
            }
        } catch (IOException e) {
            // the process ended: what was read stands
        }
        return out;
    }

    /** The group of a thread by its kernel name (the first 15 characters of the JVM's), or null for any other. */
    static String group(final String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return GC;
        }
        return comm.startsWith("rocksdb:") ? ROCKSDB : null;
    }

    private static long cpuNanos(final Path thread) throws IOException {
        final Path schedstat = thread.resolve("schedstat");
        if (Files.exists(schedstat)) {
            return Long.parseLong(Files.readString(schedstat, StandardCharsets.ISO_8859_1).strip().split(" ")[0]);
        }
        return statNanos(Files.readString(thread.resolve("stat"), StandardCharsets.ISO_8859_1));
    }

    /** User and system time in a {@code stat} line: after the name, which is in parentheses and may hold any byte. */
    static long statNanos(final String stat) {
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // utime, stime: the 12th and 13th
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    }
}
