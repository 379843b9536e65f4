package io.fraudstream.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The executors of the process's own threads (the evaluator, the learner's rounds and their other families, the
 * replay's rounds, the HTTP endpoint): daemon threads, so none keeps the JVM alive after its owner stopped, each
 * named, so that a thread dump, {@code top -H} and {@code bench}'s CPU by thread group can tell them apart.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A single daemon thread of this name. */
    public static ExecutorService single(final String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /** A fixed pool of {@code threads} daemon threads, all of this name. */
    public static ExecutorService pool(final String name, final int threads) {
        return Executors.newFixedThreadPool(threads, named(name));
    }

    private static ThreadFactory named(final String name) {
        return r -> {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
