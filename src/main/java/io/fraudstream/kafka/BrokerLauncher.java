package io.fraudstream.kafka;

import io.fraudstream.threads.ParentWatchdog;

/**
 * Main class of the child JVM that runs the embedded broker: formats the KRaft storage, then runs the broker
 * as {@code kafka.Kafka} does. It halts when its standard input closes, i.e. when the parent process dies,
 * even by SIGKILL, so an embedded broker never outlives the program that started it.
 *
 * <p>Arguments: {@code <server.properties> <cluster id>}.
 */
public final class BrokerLauncher {
    private BrokerLauncher() {
    }

    public static void main(final String[] args) throws Exception {
        ParentWatchdog.start(0);
        final int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "--config", args[0], "--cluster-id", args[1], "--standalone", "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            System.err.println("storage format failed with exit code " + formatted);
            Runtime.getRuntime().halt(2);
        }
        kafka.Kafka.main(new String[] {args[0]});
    }
}
