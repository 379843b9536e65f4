package io.fraudstream.topology;

import io.fraudstream.event.EventSerdes;
import io.fraudstream.learn.Model;
import io.fraudstream.learn.ModelSnapshot;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Global store holding the one model every scorer uses: the record keyed {@link TopicKeys#CHAMPION} of the
 * compacted model topic (archive copies of every version, under their own keys, are skipped); and the learner's
 * latest candidate, keyed {@link TopicKeys#CHALLENGER}, which nothing scores with but the evaluator measures side by
 * side with the champion.
 *
 * <p>Why not a key-value store: a scorer would deserialize the snapshot on every transaction. This store
 * parses a snapshot once, when it arrives (at run time through {@link ModelUpdateProcessor}, at start-up
 * through the restore callback), and scorers read a volatile reference: a swap is atomic, costs nothing per
 * transaction and needs no restart. The model topic is the changelog; nothing is kept on disk.
 */
public final class ModelStore implements StateStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelStore.class);
    private static final Deserializer<ModelSnapshot> PARSER = EventSerdes.json(ModelSnapshot.class).deserializer();
    private final String name;
    private final Model prior;
    private final LongConsumer onInstall;
    private final Consumer<ModelSnapshot> onReject;
    private volatile Model current;
    private volatile Model challenger;
    private volatile boolean open;

    ModelStore(final String name, final ModelSnapshot prior, final LongConsumer onInstall,
               final Consumer<ModelSnapshot> onReject) {
        this.name = name;
        this.prior = new Model(prior);
        this.onInstall = onInstall;
        this.onReject = onReject;
        this.current = this.prior;
    }

    /** The model to score with: the latest published, or the prior-only model when none has been. */
    public Model current() {
        return current;
    }

    /** The learner's latest candidate, or null when there is none of this instance's feature schema. */
    public Model challenger() {
        return challenger;
    }

    /** Installs a record of the model topic by its key: the champion, the challenger, or (ignored) an archive copy. */
    public void install(final String key, final ModelSnapshot snapshot) {
        if (TopicKeys.CHAMPION.equals(key)) {
            install(snapshot);
        } else if (TopicKeys.CHALLENGER.equals(key)) {
            challenger = snapshot == null || !java.util.Objects.equals(snapshot.schema(), prior.snapshot().schema())
                    ? null : new Model(snapshot);
        }
    }

    /** Installs a snapshot: the latest champion record of the model topic wins (a rollback re-issues an old one). */
    public void install(final ModelSnapshot snapshot) {
        if (snapshot != null && !java.util.Objects.equals(snapshot.schema(), prior.snapshot().schema())) {
            // its weights belong to features that mean something else here: keep scoring with the current model
            LOG.error("Refusing model version {}: trained with feature schema {}, this instance computes {}; still "
                    + "scoring with version {}", snapshot.version(), snapshot.schema(), prior.snapshot().schema(),
                    current.version());
            onReject.accept(snapshot);
            return;
        }
        current = snapshot == null ? prior : new Model(snapshot);
        onInstall.accept(current.version());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        context.register(root, (key, value) -> install(key == null ? null
                : new String(key, java.nio.charset.StandardCharsets.UTF_8), value == null ? null
                : PARSER.deserialize(null, value)));
        open = true;
        onInstall.accept(current.version());
    }

    @Override
    public void flush() {
        // nothing is buffered: the model topic is the store's changelog
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builder for the global store; logging stays disabled (global stores restore from their source topic). */
    static StoreBuilder<ModelStore> builder(final String name, final ModelSnapshot prior, final LongConsumer onInstall,
                                            final Consumer<ModelSnapshot> onReject) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<ModelStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<ModelStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<ModelStore> withLoggingEnabled(final Map<String, String> config) {
                throw new UnsupportedOperationException("the model store is global: the model topic is its changelog");
            }

            @Override
            public StoreBuilder<ModelStore> withLoggingDisabled() {
                return this;
            }

            @Override
            public ModelStore build() {
                return new ModelStore(name, prior, onInstall, onReject);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
