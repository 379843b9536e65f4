package io.fraudstream.app;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs {@code replay} in a child JVM with the throughput collector (Parallel GC) when this JVM was started with
 * G1, the default on any machine with two cores. A replay is a batch job: it holds the whole input and every
 * outcome for its report (a live heap of about half a gigabyte at 1.75 M rows), so G1's concurrent marking ran
 * again and again beside it, and its write barriers slowed every store of a reference; the throughput collector
 * does neither and takes its pauses only when the young generation fills. Measured in
 * {@code docs/performance.md}.
 *
 * <p>The child gets this JVM's options (heap size, system properties) plus {@code -XX:+UseParallelGC} and, unless
 * given, an initial heap of the maximum (see {@link #childOptions}), the same class path and arguments, and this
 * process's standard streams; this JVM waits for it and exits with its status, and stops it if it is itself
 * stopped. It is not relaunched when the user chose a collector ({@code -XX:+Use…GC}); attached an agent or a
 * debugger, started a flight recording or a log ({@code -Xlog}): each expects this process, and a child would write
 * the same file; set {@code -Dfraudstream.replay.jvm=same}; or when it is itself the child, or no child JVM can be
 * started.
 */
final class BatchJvm {
    static final String SAME = "same";
    private static final String PROPERTY = "fraudstream.replay.jvm";
    private static final String CHILD = "child";
    /** A collector the user chose. */
    private static final Pattern COLLECTOR = Pattern.compile("-XX:[+-]Use\\w*GC");
    /**
     * Options that tie the run to this process: a debugger, profiler or agent attached to it, a flight recording
     * or a log file it writes (a child would write the same file).
     */
    private static final Pattern STAYS = Pattern.compile(
            "-agentlib|-agentpath|-javaagent|-Xrun|-Xdebug|-Xlog|-XX:StartFlightRecording|-XX:FlightRecorder"
                    + "|-XX:[+-]?PrintGC|-Xloggc");

    private BatchJvm() {
    }

    /** Whether {@code args} should run in a child JVM (see the class comment). */
    static boolean relaunches(final String[] args, final List<String> jvmOptions, final String collector,
                              final String choice) {
        if (args.length == 0 || !"replay".equals(args[0]) || !collector.startsWith("G1") || choice != null) {
            return false;
        }
        for (String option : jvmOptions) {
            if (COLLECTOR.matcher(option).matches() || STAYS.matcher(option).lookingAt()) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code args} in a child JVM when {@link #relaunches} says so: its exit status, or -1 when not run. */
    static int runInChild(final String[] args) {
        if (args.length == 0 || !"replay".equals(args[0])) {
            return -1;
        }
        final List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final String choice = System.getProperty(PROPERTY);
        if (choice != null && !SAME.equals(choice.toLowerCase(Locale.ROOT)) && !CHILD.equals(choice)) {
            System.err.println("replay: -D" + PROPERTY + ": expected 'same', was '" + choice + "'");
            return 2;
        }
        if (!relaunches(args, jvmOptions, collector(), choice)) {
            return -1;
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(childOptions(jvmOptions, Runtime.getRuntime().maxMemory()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            final Process child = new ProcessBuilder(command).inheritIO().start();
            final Thread stop = new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "fraudstream-stop-child");
            Runtime.getRuntime().addShutdownHook(stop);
            final int status = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) { // the hook is stopping the child: nothing to undo
            }
            return status;
        } catch (IOException e) { // no child JVM to be had: this one does the work
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The child's JVM options: this JVM's, the throughput collector, and the whole heap from the start unless the
     * user sized it ({@code -Xms}): grown step by step, the heap took a full collection at each step while the
     * input was read, and its young generation stayed smaller (more collections) for the rest of the run.
     */
    static List<String> childOptions(final List<String> jvmOptions, final long maxHeapBytes) {
        final List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:+UseParallelGC");
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize"))) {
            options.add("-Xms" + maxHeapBytes);
        }
        options.add("-D" + PROPERTY + "=" + CHILD);
        return options;
    }

    /** The name of this JVM's young-generation collector, e.g. "G1 Young Generation", "PS Scavenge". */
    static String collector() {
        final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        return beans.isEmpty() ? "unknown" : beans.get(0).getName();
    }

    /** The collector as the report names it: {@code g1}, {@code parallel}, {@code serial}, ... */
    static String collectorName() {
        final String name = collector();
        final Map<String, String> known = Map.of("G1", "g1", "PS", "parallel", "Copy", "serial", "ZGC", "z",
                "Shenandoah", "shenandoah", "Epsilon", "epsilon");
        for (Map.Entry<String, String> k : known.entrySet()) {
            if (name.startsWith(k.getKey())) {
                return k.getValue();
            }
        }
        return name;
    }
}
