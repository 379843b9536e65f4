package io.fraudstream.load;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per thread at one moment, each thread in its group. The time between two moments is summed per thread:
 * each thread alive at the later one counts from where it stood at the earlier one (from zero when it started in
 * between). A thread that ended in between — a fork-join worker idle for a minute, a JIT compiler thread the JVM
 * let go — takes its time with it; summed by group instead, its whole past would have been subtracted from the
 * others', and a group could read below zero (it did: a pass-through run after fraudstream's, whose round threads
 * ended meanwhile, read "learner -16.8 µs").
 */
final class ThreadCpu {
    private final Map<String, Long> zeros;
    private final Map<String, Spent> byThread = new HashMap<>();

    /** With these groups, in print order, each reading 0 until a thread of it is added. */
    ThreadCpu(final Iterable<String> groups) {
        zeros = new LinkedHashMap<>();
        groups.forEach(g -> zeros.put(g, 0L));
    }

    /** One thread's time so far; {@code thread} is unique among the threads added. */
    void add(final String thread, final String group, final long nanos) {
        byThread.put(thread, new Spent(group, nanos));
    }

    /** Every thread's time so far, by group. */
    Map<String, Long> byGroup() {
        return since(new ThreadCpu(zeros.keySet()));
    }

    /** The time spent since {@code before}, by group. */
    Map<String, Long> since(final ThreadCpu before) {
        final Map<String, Long> out = new LinkedHashMap<>(zeros);
        byThread.forEach((thread, now) -> {
            final Spent then = before.byThread.get(thread);
            out.merge(now.group, Math.max(0, now.nanos - (then == null ? 0 : then.nanos)), Long::sum);
        });
        return out;
    }

    private record Spent(String group, long nanos) {
    }
}
