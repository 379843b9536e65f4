package io.fraudstream.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs {@code run} and {@code bench} in a child JVM ({@link ChildJvm}) whose heap is fixed and touched at start,
 * when the user gave no heap option. G1 starts with a small heap (1/64 of the machine's memory) and grows it when
 * collections come often; the pages it adds are fresh, and the kernel zeroes each one as it is first written. In
 * one {@code bench} run at 2 000 transactions/s the heap grew from 952 MB to 1 680 MB three minutes in, and for the
 * next four seconds the machine's system CPU went from 13% to about a third and scores waited up to 931 ms; with
 * {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch} no such stall came (docs/performance.md,
 * "A stall caught: the heap growing"). Under G1 the child also gets a 20 ms pause goal, the Dockerfile's: with
 * G1's default of 200 ms its young collections stopped every thread for 34 ms (median) every 3–4 s at 2 000/s.
 *
 * <p>The heap is the smaller of {@link #DEFAULT_HEAP_BYTES} and the maximum this JVM was given by default (a
 * quarter of the machine's or container's memory). Any heap option ({@code -Xmx}, {@code -Xms}, a RAM percentage,
 * also through {@code JAVA_TOOL_OPTIONS}) means the operator sized the JVM, as the Dockerfile and the Kubernetes
 * manifest do, and the command stays in this JVM with their options. {@code demo} stays too: a demo on a laptop
 * should not take two gigabytes at start.
 */
final class ServiceJvm {
    static final Set<String> COMMANDS = Set.of("run", "bench");
    /**
     * Two gigabytes: at 2 000 transactions/s with the default windows the live heap reached 577 MB, and the
     * evaluator's bounded windows and maturity queue (about 150 bytes an outcome) fit beside it.
     */
    static final long DEFAULT_HEAP_BYTES = 2L << 30;
    private static final Pattern HEAP = Pattern.compile(
            "-Xm[sx]|-XX:(Max|Initial|Min)HeapSize|-XX:(Max|Initial|Min)RAM(Percentage|Fraction)|-XX:MaxRAM=");
    /** The options {@link #childOptions} adds, as they appear among a child's. */
    private static final Pattern ADDED = Pattern.compile("-Xms|-Xmx|-XX:\\+AlwaysPreTouch|-XX:MaxGCPauseMillis");

    private ServiceJvm() {
    }

    static List<String> childOptions(final List<String> jvmOptions) {
        return childOptions(jvmOptions, ChildJvm.collector(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The child's JVM options, or null when the command stays in this JVM (the user sized the heap): this JVM's
     * options, a fixed heap touched at start, and under G1 a 20 ms pause goal unless the user set one.
     */
    static List<String> childOptions(final List<String> jvmOptions, final String collector, final long maxHeapBytes) {
        if (jvmOptions.stream().anyMatch(o -> HEAP.matcher(o).lookingAt())) {
            return null;
        }
        final long heapMb = Math.min(DEFAULT_HEAP_BYTES, maxHeapBytes) >> 20;
        final List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xms" + heapMb + "m");
        options.add("-Xmx" + heapMb + "m");
        options.add("-XX:+AlwaysPreTouch");
        if (collector.startsWith("G1") && jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:MaxGCPauseMillis"))) {
            options.add("-XX:MaxGCPauseMillis=20");
        }
        return options;
    }

    /** Of a JVM's options, those that size its heap and set its pause goal: what a child says it runs with. */
    static List<String> added(final List<String> jvmOptions) {
        return jvmOptions.stream().filter(o -> ADDED.matcher(o).lookingAt()).toList();
    }
}
