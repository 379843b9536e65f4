package io.fraudstream.threads;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child JVM when its parent dies, even by SIGKILL, which lets the parent run nothing: the parent holds the
 * write end of a pipe that is the child's standard input and never writes to it; the operating system closes it
 * when the parent goes, and a daemon thread reading it halts this JVM at end of input. The embedded broker
 * ({@code kafka.BrokerLauncher}) and the child that runs a command for {@code java -jar} ({@code app.ChildJvm}) use
 * it; neither reads its standard input otherwise.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    /** Starts the watch: this JVM halts with {@code status} once its standard input closes. */
    public static void start(final int status) {
        final Thread watchdog = new Thread(() -> {
            try {
                final InputStream in = System.in;
                while (in.read() >= 0) {
                    // the parent never writes; read() returns -1 when the pipe closes
                }
            } catch (IOException ignored) {
                // a broken pipe means the parent is gone, too
            }
            Runtime.getRuntime().halt(status);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
