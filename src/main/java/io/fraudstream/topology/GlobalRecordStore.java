package io.fraudstream.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * An in-memory global store that takes the records of its source topic as they come, at run time and when it is
 * rebuilt at start-up (Kafka Streams reprocesses a global store's topic through its processor, and restores through
 * {@link #install} too): it checks each record itself and refuses a bad one with a count, since a global store's
 * records cannot go to the dead-letter topic. Nothing is kept on disk: the topic is the changelog.
 */
abstract class GlobalRecordStore implements StateStore {
    private final String name;
    private volatile boolean open;

    GlobalRecordStore(final String name) {
        this.name = name;
    }

    /** One record of the source topic, as raw bytes (a null key or value as it came). */
    abstract void install(String key, byte[] value);

    /** Called once the store is open. */
    void opened() {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void init(final StateStoreContext context, final StateStore root) {
        context.register(root, (key, value) -> install(key == null ? null
                : new String(key, StandardCharsets.UTF_8), value));
        open = true;
        opened();
    }

    @Override
    public final void flush() {
        // nothing is buffered: the source topic is the store's changelog
    }

    @Override
    public final void close() {
        open = false;
    }

    @Override
    public final boolean persistent() {
        return false;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }
}
