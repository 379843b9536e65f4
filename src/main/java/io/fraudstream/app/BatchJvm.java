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
 * <p>The child gets this JVM's options (heap size, system properties) plus {@code -XX:+UseParallelGC} and, unless
 * given, an initial heap of the maximum (see {@link #childOptions}). It is not relaunched when the user chose a
 * collector ({@code -XX:+Use…GC}), nor in the cases {@link ChildJvm} lists.
 */
final class BatchJvm {
    /** A collector the user chose. */
    private static final Pattern COLLECTOR = Pattern.compile("-XX:[+-]Use\\w*GC");

    private BatchJvm() {
    }

    static List<String> childOptions(final List<String> jvmOptions) {
        return childOptions(jvmOptions, ChildJvm.collector(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The child's JVM options, or null when the replay stays in this JVM (a collector other than G1 runs it, or the
     * user chose one): this JVM's options, the throughput collector, and the whole heap from the start unless the
     * user sized it ({@code -Xms}): grown step by step, the heap took a full collection at each step while the
     * input was read, and its young generation stayed smaller (more collections) for the rest of the run.
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
