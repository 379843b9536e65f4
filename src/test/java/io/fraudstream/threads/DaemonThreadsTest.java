package io.fraudstream.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void everyThreadIsANamedDaemonAndAPoolRunsItsTasksAtOnce() throws Exception {
        final ExecutorService single = DaemonThreads.single("test-single");
        final ExecutorService pool = DaemonThreads.pool("test-pool", 2);
        try {
            assertThat(single.submit(DaemonThreadsTest::nameAndDaemon).get()).isEqualTo("test-single daemon");
            // two tasks that each wait for the other to start: they finish only on two threads at once
            final CountDownLatch both = new CountDownLatch(2);
            final Callable<String> meet = () -> {
                both.countDown();
                both.await();
                return nameAndDaemon();
            };
            assertThat(pool.invokeAll(List.of(meet, meet), 10, TimeUnit.SECONDS))
                    .allSatisfy(f -> assertThat(f.get()).isEqualTo("test-pool daemon"));
        } finally {
            single.shutdownNow();
            pool.shutdownNow();
        }
    }

    private static String nameAndDaemon() {
        final Thread t = Thread.currentThread();
        return t.getName() + (t.isDaemon() ? " daemon" : " user");
    }
}
