package io.fraudstream.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * CPU time a load test spent, by where it went: the stream threads, the rest of the application's Java threads (the
 * Kafka clients' I/O threads, the global store thread, the learner and the evaluator), the load test's own thread
 * (waiting for scores), the JVM's JIT compilers and garbage collector and RocksDB's background threads (on Linux,
 * {@link ProcessThreads}), the whole process and, when it runs beside the test, the broker and its JIT compilers.
 *
 * <p>Why: on a machine whose cores the broker, the load and the application share, wall-clock throughput drifts by a
 * third between runs of one build, while the CPU time a transaction costs moves far less. It is the figure to compare
 * builds by, and it says which part of the work a change removed. Thread CPU time comes from {@link ThreadMXBean}
 * (threads that ended between two snapshots are lost, see {@link ThreadCpu}: the application's live ones are what
 * is measured); the process's and the broker's from their {@link ProcessHandle}. A latency step counts from the end of
 * its warm-up ({@code OpenLoop}'s measuring callback); a throughput run counts from its start, and there the JIT's
 * share says how much of the run was warm-up: a run of a minute or two on two cores is not the steady state.
 */
public final class CpuUse {
    /**
     * Thread groups by a part of their names, in the order they are printed. A stream thread's producer I/O thread
     * ({@code kafka-producer-network-thread | …-StreamThread-1-producer}) is client I/O; the load's own producer
     * I/O thread and its score reader ({@link OpenLoop}) are the load test.
     */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();
    private static final String CLIENT_IO = "client I/O";

    static {
        GROUPS.put("-StreamThread-", "stream threads");
        GROUPS.put("network-thread", CLIENT_IO);
        GROUPS.put("GlobalStreamThread", "global stores");
        GROUPS.put("fraudstream-learner", "learner");
        GROUPS.put("fraudstream-round-core", "learner"); // a round's work spread over the cores
        GROUPS.put("fraudstream-round-family", "learner"); // a round's other model families
        GROUPS.put("fraudstream-evaluator", "evaluator");
        GROUPS.put("fraudstream-kafka-meters", "meters");
    }

    /** The load's own threads: {@code main} (it sends), its producer's I/O thread, its score reader. */
    private static final String LOAD = "load test";

    private final ThreadCpu threads;
    private final ThreadCpu nativeThreads;
    private final long process;
    private final long broker;
    private final ThreadCpu brokerNative;

    private CpuUse(final ThreadCpu threads, final ThreadCpu nativeThreads, final long process, final long broker,
                   final ThreadCpu brokerNative) {
        this.threads = threads;
        this.nativeThreads = nativeThreads;
        this.process = process;
        this.broker = broker;
        this.brokerNative = brokerNative;
    }

    /** CPU time so far, by thread; {@code broker} gives the broker's process when it runs on this machine. */
    public static CpuUse now(final Supplier<Optional<ProcessHandle>> broker) {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final List<String> groups = new ArrayList<>(new LinkedHashSet<>(GROUPS.values()));
        groups.add(LOAD);
        final ThreadCpu byThread = new ThreadCpu(groups);
        for (long id : mx.getAllThreadIds()) {
            final ThreadInfo info = mx.getThreadInfo(id);
            final long cpu = mx.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            final String group = group(info.getThreadName());
            if (group != null) {
                byThread.add(Long.toString(id), group, cpu);
            }
        }
        final Optional<ProcessHandle> brokerProcess = broker.get();
        return new CpuUse(byThread, ProcessThreads.cpu(ProcessHandle.current().pid()),
                cpuNanos(ProcessHandle.current()), brokerProcess.map(CpuUse::cpuNanos).orElse(-1L),
                brokerProcess.map(p -> ProcessThreads.cpu(p.pid())).orElse(null));
    }

    /** The group of a thread, or null for one outside every group (counted in the whole process only). */
    static String group(final String threadName) {
        if (threadName.contains("network-thread")) {
            return threadName.contains("StreamThread-") ? CLIENT_IO : LOAD;
        }
        if (threadName.equals("main") || threadName.equals(OpenLoop.READER_THREAD)
                || threadName.equals(OpenLoop.MEASURING_THREAD)) {
            return LOAD;
        }
        for (Map.Entry<String, String> g : GROUPS.entrySet()) {
            if (threadName.contains(g.getKey())) {
                return g.getValue();
            }
        }
        return null;
    }

    private static long cpuNanos(final ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * One line: microseconds of CPU per {@code events} since {@code before}, by group, then the whole process and
     * the broker with its JIT's share (when known).
     */
    public String perEvent(final CpuUse before, final long events, final String event) {
        final StringBuilder s = new StringBuilder("CPU µs per ").append(event).append(':');
        final Map<String, Long> spent = new LinkedHashMap<>(threads.since(before.threads));
        spent.putAll(nativeThreads.since(before.nativeThreads));
        spent.forEach((group, nanos) -> s.append(String.format(Locale.ROOT, " %s %.1f,", group, nanos / 1e3 / events)));
        s.append(String.format(Locale.ROOT, " whole process %.1f", (process - before.process) / 1e3 / events));
        if (broker >= 0 && before.broker >= 0) {
            s.append(String.format(Locale.ROOT, ", broker %.1f (JIT %.1f)", (broker - before.broker) / 1e3 / events,
                    brokerNative.since(before.brokerNative).get(ProcessThreads.JIT) / 1e3 / events));
        }
        return s.toString();
    }
}
