package io.fraudstream.learn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Work of a retraining round spread over every core: independent items (a tree node's features, a batch's columns,
 * the holdout's examples), each computed exactly as one after the other would, so a round's models do not depend on
 * how many cores there are. A pool of its own (the common pool has one thread fewer than the cores, and other code
 * may use it); daemon threads.
 */
final class Cores {
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
        final ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("fraudstream-round-core-" + t.getPoolIndex());
        return t;
    }, null, false);

    private Cores() {
    }

    /** {@code body} for each of {@code 0..n-1}: on every core when {@code work} (the items' total cost) is large. */
    static void forEach(final int n, final long work, final IntConsumer body) {
        if (work >= PARALLEL_WORK && n > 1) {
            POOL.invoke(ForkJoinTask.adapt(() -> IntStream.range(0, n).parallel().forEach(body)));
        } else {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        }
    }

    /** Below this much work (items x their size), spreading costs more than it saves. */
    private static final long PARALLEL_WORK = 10_000;
}
