package io.fraudstream.topology;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelSnapshot;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global store holding the one model every scorer uses: the record keyed {@link TopicKeys#CHAMPION} of the
 * compacted model topic (or, until a valid one is seen, the newest archive copy: see {@link #install}); and the
 * learner's latest candidate, keyed {@link TopicKeys#CHALLENGER}, which nothing scores with but the evaluator measures side by
 * side with the champion.
 *
 * <p>Why not a key-value store: a scorer would deserialize the snapshot on every transaction. This store
 * parses a snapshot once, when it arrives (through {@link GlobalStoreUpdater}, at run time and when the store is
 * rebuilt at start-up), and scorers read a volatile reference: a swap is atomic, costs nothing per
 * transaction and needs no restart. The model topic is the changelog; nothing is kept on disk.
 */
public final class ModelStore extends GlobalRecordStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private final Model prior;
    private final LongConsumer onInstall;
    private final Consumer<String> onReject;
    private volatile Model current;
    private volatile Model challenger;
    /** Whether a valid champion record has been installed (until then the newest archive copy is the model). */
    private boolean championSeen;
    private ModelSnapshot newestArchive;

    ModelStore(final String name, final ModelSnapshot prior, final LongConsumer onInstall,
               final Consumer<String> onReject) {
        super(name);
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

    /**
     * Installs a record of the model topic by its key: the champion, the challenger, or an archive copy. A record
     * that {@link ModelCheck} refuses — unparseable, a tombstone, non-finite, of an unknown family or of another
     * feature schema — is logged and counted by reason, and the current model stays: nothing a producer writes to
     * the model topic can stop the scorers or make them score with a broken model.
     *
     * <p>Archive copies (every version the learner or a rollback published, written just before its champion record)
     * are the fallback: until a valid champion record has been seen, the newest valid archive copy is the model.
     * After compaction the topic may hold a refused champion record and no valid one (a tombstone, say, written after
     * the last good model): a restart then scores with the newest archived version, not with the prior-only model.
     */
    @Override
    public void install(final String key, final byte[] value) {
        final boolean champion = TopicKeys.CHAMPION.equals(key);
        final boolean archive = TopicKeys.isArchive(key);
        if (!champion && !archive && !TopicKeys.CHALLENGER.equals(key)) {
            return;
        }
        final ModelSnapshot snapshot;
        try {
            snapshot = ModelCheck.parse(value, prior.snapshot().schema());
        } catch (InvalidRecordException e) {
            LOG.error("Refusing the {} record of the model topic ({}): {}; still scoring with version {}", key,
                    e.reason(), e.getMessage(), current.version());
            onReject.accept(e.reason());
            return;
        }
        if (champion) {
            championSeen = true;
            install(new Model(snapshot));
        } else if (archive) {
            if (newestArchive == null || snapshot.version() > newestArchive.version()) {
                newestArchive = snapshot;
                if (!championSeen) {
                    install(new Model(snapshot));
                }
            }
        } else {
            challenger = new Model(snapshot);
        }
    }

    private void install(final Model model) {
        current = model;
        onInstall.accept(model.version());
    }

    @Override
    void opened() {
        onInstall.accept(current.version());
    }

    /** Builder for the global store; logging stays disabled (global stores restore from their source topic). */
    static StoreBuilder<ModelStore> builder(final String name, final ModelSnapshot prior, final LongConsumer onInstall,
                                            final Consumer<String> onReject) {
        return new GlobalStoreBuilder<>(name, () -> new ModelStore(name, prior, onInstall, onReject));
    }
}
