package io.fraudstream.app;

import io.fraudstream.threads.ParentWatchdog;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runs a command in a child JVM started with better options than this one was, when its policy says so:
 * {@code replay} under the throughput collector ({@link BatchJvm}), {@code run} and {@code bench} with a fixed heap
 * touched at start ({@link ServiceJvm}). This is what Elasticsearch's launcher does for its server, for the same
 * reason: the right JVM options depend on the machine, and {@code java -jar} carries none.
 *
 * <p>The child gets the chosen options, the same class path and arguments, and this process's standard output and
 * error; this JVM waits for it and exits with its status. Stopping this process stops the child: a signal that
 * runs the shutdown hooks (SIGTERM, SIGINT) passes SIGTERM on and waits for the child's own orderly close; SIGKILL,
 * which runs nothing, closes the pipe that is the child's standard input, and the child halts when it reads its
 * end ({@link ParentWatchdog}, as the embedded broker does), so a child never outlives its parent. Other signals
 * (SIGSTOP, a thread dump's SIGQUIT) reach only the process they are sent to, so {@code run} and {@code bench} name
 * their child's pid on standard error ({@link #announce}). Nothing is relaunched when an option
 * ties the run to this process (a debugger, a profiler or other agent, a flight recording, a log file: a child
 * would write the same file), when {@code -Dfraudstream.jvm=same} is given, when this is itself the child, or when
 * no child JVM can be started.
 */
final class ChildJvm {
    static final String PROPERTY = "fraudstream.jvm";
    static final String SAME = "same";
    static final String CHILD = "child";
    /**
     * Options that tie the run to this process: a debugger, profiler or agent attached to it, a flight recording
     * or a log file it writes.
     */
    private static final Pattern STAYS = Pattern.compile(
            "-agentlib|-agentpath|-javaagent|-Xrun|-Xdebug|-Xlog|-XX:StartFlightRecording|-XX:FlightRecorder"
                    + "|-XX:[+-]?PrintGC|-Xloggc");

    private ChildJvm() {
    }

    /**
     * Runs {@code args} in a child JVM when the command's policy says so: the child's exit status, 2 for a wrong
     * {@code -Dfraudstream.jvm}, or -1 when this JVM is to run the command itself.
     */
    static int runInChild(final String[] args) {
        final String choice = System.getProperty(PROPERTY);
        if (CHILD.equals(choice)) {
            ParentWatchdog.start(137); // the parent is gone: as if killed with it
            return -1;
        }
        if (args.length == 0) {
            return -1;
        }
        if (choice != null && !SAME.equals(choice.toLowerCase(Locale.ROOT))) {
            System.err.println(args[0] + ": -D" + PROPERTY + ": expected 'same', was '" + choice + "'");
            return 2;
        }
        final List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (choice != null || tiedToThisProcess(jvmOptions)) {
            return -1;
        }
        final List<String> childOptions = "replay".equals(args[0]) ? BatchJvm.childOptions(jvmOptions)
                : ServiceJvm.COMMANDS.contains(args[0]) ? ServiceJvm.childOptions(jvmOptions) : null;
        if (childOptions == null) {
            return -1;
        }
        childOptions.add("-D" + PROPERTY + "=" + CHILD);
        return start(childOptions, args);
    }

    /**
     * In a service's child, once its arguments and configuration have been checked (a mistake stays one line on
     * standard error): says where it runs, for an operator's {@code jcmd}, {@code jstack} or {@code kill -STOP}.
     */
    static void announce(final String command) {
        if (CHILD.equals(System.getProperty(PROPERTY))) {
            System.err.println(command + ": runs in a child JVM, pid " + ProcessHandle.current().pid() + ", with "
                    + String.join(" ", ServiceJvm.added(ManagementFactory.getRuntimeMXBean().getInputArguments()))
                    + " (any heap option or -D" + PROPERTY + "=" + SAME + " keeps it in the JVM you start)");
        }
    }

    /** The name of this JVM's young-generation collector, e.g. "G1 Young Generation", "PS Scavenge". */
    static String collector() {
        final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        return beans.isEmpty() ? "unknown" : beans.get(0).getName();
    }

    /** Whether an option ties the run to this process (see the class comment). */
    static boolean tiedToThisProcess(final List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> STAYS.matcher(o).lookingAt());
    }

    private static int start(final List<String> options, final String[] args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            final Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start(); // its input: a pipe this JVM holds
            final Thread stop = new Thread(() -> {
                // SIGTERM through the handle: Process.destroy would also close the child's input, and the child
                // would halt on it before its orderly close
                child.toHandle().destroy();
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
}
