package io.fraudstream.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs {@code replay} in a child JVM ({@link ChildJvm}) with the throughput collector (Parallel GC) when this JVM was
 * started with G1, the default on any machine with two cores. A replay is a batch job: it holds the whole input and
 * every outcome for its report (a live heap of about half a gigabyte at 1.75 M rows), so G1's concurrent marking ran
 * again and again beside it, and its write barriers slowed every store of a reference; the throughput collector
 * does neither and takes its pauses only when the young generation fills. Measured in
 * {@code docs/performance.md}.
 *
 * <p>The child gets this JVM's options (heap size, system properties) plus {@code -XX:+UseParallelGC}, unless given
 * an initial heap of this JVM's maximum and, unless given a maximum, room to grow to half the machine's (or
 * container's) memory instead of the JVM's default quarter (see {@link #childOptions}). It is not relaunched when
 * the user chose a collector ({@code -XX:+Use…GC}), nor in the cases {@link ChildJvm} lists.
 */
final class BatchJvm {
    /** A collector the user chose. */
    private static final Pattern COLLECTOR = Pattern.compile("-XX:[+-]Use\\w*GC");
    /** A maximum heap the user chose. */
    private static final Pattern MAX_HEAP = Pattern.compile("-Xmx|-XX:MaxHeapSize|-XX:MaxRAM(Percentage|Fraction)");
    /**
     * How much of the machine's memory the child's heap may grow to when the user chose no maximum: a replay holds
     * its whole input (the whole PaySim file, 6.36 M rows, needs 6 GB), and it is the one job of the JVM that runs
     * it, so the JVM's default quarter, meant for a machine shared by several JVMs, refused data the machine holds.
     */
    static final int MAX_RAM_PERCENTAGE = 50;

    private BatchJvm() {
    }

    static List<String> childOptions(final List<String> jvmOptions) {
        return childOptions(jvmOptions, ChildJvm.collector(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The child's JVM options, or null when the replay stays in this JVM (a collector other than G1 runs it, or the
     * user chose one): this JVM's options, the throughput collector, and this JVM's whole heap from the start unless
     * the user sized it ({@code -Xms}): grown step by step, the heap took a full collection at each step while the
     * input was read, and its young generation stayed smaller (more collections) for the rest of the run. Unless the
     * user chose a maximum, the heap may then grow to {@link #MAX_RAM_PERCENTAGE} of the memory: a file that fits
     * in this JVM's heap runs as it would there, a larger one no longer fails.
     */
    static List<String> childOptions(final List<String> jvmOptions, final String collector, final long maxHeapBytes) {
        if (!collector.startsWith("G1") || jvmOptions.stream().anyMatch(o -> COLLECTOR.matcher(o).matches())) {
            return null;
        }
        final List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:+UseParallelGC");
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize"))) {
            options.add("-Xms" + maxHeapBytes);
        }
        if (jvmOptions.stream().noneMatch(o -> MAX_HEAP.matcher(o).lookingAt())) {
            options.add("-XX:MaxRAMPercentage=" + MAX_RAM_PERCENTAGE);
        }
        return options;
    }

    /** The collector as the report names it: {@code g1}, {@code parallel}, {@code serial}, ... */
    static String collectorName() {
        final String name = ChildJvm.collector();
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
