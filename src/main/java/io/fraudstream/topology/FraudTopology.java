package io.fraudstream.topology;

import io.fraudstream.codec.MerchantEventCodec;
import io.fraudstream.codec.OutcomeCodec;
import io.fraudstream.codec.PendingCodec;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.event.Alert;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.EventTimeWindow;
import io.fraudstream.event.InputLimits;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.learn.LearningConfig;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.stage.EnrichedTransaction;
import io.fraudstream.stage.MerchantEvent;
import io.fraudstream.stage.Scoring;
import io.fraudstream.stage.Stages;
import io.fraudstream.threads.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * fraudstream's Kafka Streams topology:
 * <pre>
 * transactions (keyed by card) ─► validate (deserializer, limits; event-time window; bad ─► DLQ)
 *   ─► duplicates, card features, merchant features ◄── merchant store (global, merchant-activity topic)
 *   ─► score ◄── model store (global, model topic)
 *        ├─► scores, alerts
 *        ├─► repartition by id ─► pending join ◄── labels ─► outcomes (1 partition)
 *        └─► by merchant ─► merchant counts ◄── fraud outcomes by merchant ─► merchant-activity topic
 * outcomes ─► learn ─► model topic
 *          └► evaluate ─► metrics topic, meters
 * </pre>
 * A transaction is scored in the task its card key sends it to: one exactly-once hop from the transactions topic to
 * the scores (a transaction keyed otherwise is re-keyed by card first, one more hop). Merchant features need no
 * repartition by merchant: their windows end {@code features.merchant.delay} before the transaction, so they are read
 * from a global store that the merchant-count tasks fill, off the scoring path.
 * Every node, store and internal topic is named, so a changed topology never silently renames state. Records that grow
 * with what a producer sent are written through bounded serdes, so that none can be refused by the broker.
 * Event time is the transaction's own timestamp (and the label's), never the Kafka record time.
 */
public final class FraudTopology {
    public static final String MODEL_STORE = "model-store";
    public static final String PENDING_STORE = "pending-store";
    public static final String LEARNER_STORE = "learner-store";
    public static final String HOLDOUT_STORE = "learner-holdout-store";
    public static final String METRICS_WINDOW_STORE = "metrics-window-store";
    public static final String CARD_STORE = "card-history-store";
    public static final String MERCHANT_STORE = "merchant-activity-store";
    public static final String CARD_SINCE_STORE = "card-history-since-store";
    public static final String MERCHANT_SINCE_STORE = "merchant-activity-since-store";
    /** The global store of every merchant's day counters, read by the scoring tasks. */
    public static final String MERCHANT_DAYS_STORE = "merchant-days-store";
    public static final String SEEN_STORE = "seen-transactions-store";
    /** Name of the internal repartition topic (prefixed by the application id and suffixed -repartition). */
    public static final String PENDING_REPARTITION = "pending-by-id";
    public static final String BY_CARD = "transactions-by-card";
    public static final String MERCHANT_EVENTS = "merchant-events";
    public static final String FRAUD_BY_MERCHANT = "frauds-by-merchant";
    /** Key prefix of a transaction without a card or merchant: its own id, so such transactions spread out. */
    static final String NO_KEY = "\u0000";

    private FraudTopology() {
    }

    /** The topology with meters on a private registry. */
    public static Topology build(final Settings settings) {
        return build(settings, FraudMeters.detached());
    }

    public static Topology build(final Settings settings, final FraudMeters meters) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Serde<String> keys = Serdes.String();
        final PendingCodec pendingCodec = new PendingCodec(settings.schema());
        final Serde<ScoredTransaction> scoredSerde = bounded(pendingCodec.scoredSerde());
        final Serde<LabelledOutcome> outcomeSerde = bounded(new OutcomeCodec(settings.schema())
                .serde(settings.outcomesJson()));
        final Serde<ModelSnapshot> modelSerde = EventSerdes.json(ModelSnapshot.class);

        // the model: a global store every scoring task reads
        final CardHistory cardHistory = settings.cardHistory();
        final MerchantActivity merchantActivity = settings.merchantActivity();
        final ModelSnapshot prior = settings.prior();
        builder.addGlobalStore(ModelStore.builder(MODEL_STORE, prior, meters.scoring()::modelInstalled, meters.scoring()::modelRejected),
                settings.topic(Key.TOPIC_MODEL),
                Consumed.with(keys, Serdes.ByteArray()).withName("model-source"),
                () -> new GlobalStoreUpdater(MODEL_STORE));

        // labelled outcomes (written further down): read by the merchant counters, the learner and the evaluator;
        // a fraud is counted as sent to the merchant counters before any reader sees it (what a replay waits for)
        final EventTimeWindow window = settings.eventTimeWindow();
        final KStream<String, LabelledOutcome> outcomes = builder.stream(settings.topic(Key.TOPIC_OUTCOMES),
                Consumed.with(keys, outcomeSerde).withName("outcomes-source"))
                .mapValues(o -> notAhead(o, window), Named.as("outcomes-event-time"))
                .peek((id, o) -> {
                    if (merchantActivity != null && merchantFraud(o)) {
                        meters.merchant().merchantEventSent();
                    }
                }, Named.as("outcomes-read"));

        // validate (in the deserializer; invalid records go to the dead-letter topic), add history, score
        final InputLimits limits = settings.inputLimits();
        final KStream<String, Transaction> transactions = builder.stream(settings.topic(Key.TOPIC_TRANSACTIONS),
                Consumed.with(keys, EventSerdes.transaction(limits)).withName("transactions-source")
                        .withTimestampExtractor(EventTimeGuard.extractor(window, System::currentTimeMillis)))
                .processValues(() -> new EventTimeGuard<>(window, Transaction::timestamp),
                        Named.as("transactions-event-time"));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_STORE,
                settings.pendingHorizon().plus(Stages.GRACE), Duration.ofMillis(1), false), keys, Serdes.ByteArray()));
        final KStream<String, EnrichedTransaction> enriched = settings.historyFeatures()
                ? withHistory(builder, settings, transactions, cardHistory, merchantActivity, meters)
                : withoutDuplicates(transactions, settings).mapValues(EnrichedTransaction::of,
                        Named.as("without-history"));
        final Scoring scoring = Stages.scoring(settings);
        final KStream<String, ScoredTransaction> scored = enriched.process(
                () -> new ScoreProcessor(MODEL_STORE, scoring, meters.scoring()), Named.as("score"));
        scored.mapValues(ScoredTransaction::verdict, Named.as("to-score"))
                .to(settings.topic(Key.TOPIC_SCORES), Produced.with(keys, EventSerdes.score()).withName("scores-sink"));
        // alerts carry what an analyst needs without a join: amount, card, merchant, event time
        scored.filter((id, s) -> s.decision() != Decision.APPROVE, Named.as("alerted"))
                .mapValues(Alert::of, Named.as("to-alert"))
                .to(settings.topic(Key.TOPIC_ALERTS), Produced.with(keys, EventSerdes.alert()).withName("alerts-sink"));

        // pending: co-partitioned with labels by transaction id
        final KStream<String, PendingInput> pendingScored = scored
                .repartition(Repartitioned.<String, ScoredTransaction>as(PENDING_REPARTITION)
                        .withKeySerde(keys).withValueSerde(scoredSerde)
                        .withNumberOfPartitions(settings.partitions()))
                .mapValues(PendingInput::of, Named.as("scored-to-pending"));
        final KStream<String, PendingInput> pendingLabels = builder.stream(settings.topic(Key.TOPIC_LABELS),
                        Consumed.with(keys, EventSerdes.label(limits)).withName("labels-source")
                                .withTimestampExtractor(EventTimeGuard.extractor(window, System::currentTimeMillis)))
                .processValues(() -> new EventTimeGuard<>(window, Label::timestamp), Named.as("labels-event-time"))
                .mapValues((id, label) -> PendingInput.of(checkLabelKey(id, label)), Named.as("label-to-pending"));
        // one store: entries by id and their expiry index (StoreAdapters.pending); caching: a label that arrives
        // within a commit interval turns put+delete into nothing on the changelog
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, PENDING_STORE), keys,
                bounded(Serdes.ByteArray())).withCachingEnabled());
        pendingScored.merge(pendingLabels, Named.as("pending-merge"))
                .process(() -> new PendingJoinProcessor(PENDING_STORE, pendingCodec, settings.pendingHorizon(),
                                meters.join()),
                        Named.as("label-join"), PENDING_STORE)
                .to(settings.topic(Key.TOPIC_OUTCOMES), Produced.with(keys, outcomeSerde).withName("outcomes-sink"));

        if (merchantActivity != null) {
            merchantCounts(builder, settings, merchantActivity, scored, outcomes, meters);
        }

        // learn and evaluate: single writers on the one partition of the outcomes topic
        // caching: the learner rewrites its one state value per outcome; only the last per commit is logged
        // the learner's champion and fitted trees are whole models: its changelog takes messages as large as the model
        // topic
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, LEARNER_STORE), keys,
                Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(ModelSnapshot.MAX_BYTES))));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, HOLDOUT_STORE),
                Serdes.Integer(), Serdes.ByteArray()).withCachingEnabled());
        final LearningConfig learning = settings.learning();
        final boolean background = settings.learnInBackground();
        final Duration roundTimeout = settings.roundTimeout();
        outcomes.process(() -> new LearnProcessor(LEARNER_STORE, HOLDOUT_STORE, MODEL_STORE, learning, prior, meters.learner(),
                        background, roundTimeout, DaemonThreads::single),
                        Named.as("learn"), LEARNER_STORE, HOLDOUT_STORE)
                .to(settings.topic(Key.TOPIC_MODEL), Produced.with(keys, modelSerde).withName("model-sink"));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, METRICS_WINDOW_STORE),
                Serdes.Long(), Serdes.ByteArray()).withCachingEnabled());
        final RollingEvaluator.Config evaluation = settings.evaluation();
        outcomes.process(() -> new EvaluateProcessor(METRICS_WINDOW_STORE, MODEL_STORE, evaluation,
                        settings.metricsInterval(), settings.metricsInBackground(), meters.evaluation()), Named.as("evaluate"),
                        METRICS_WINDOW_STORE)
                .to(settings.topic(Key.TOPIC_METRICS), Produced.with(keys, EventSerdes.json(MetricsSnapshot.class))
                        .withName("metrics-sink"));
        return builder.build();
    }

    /**
     * An outcome, unless it is dated ahead of the wall clock by more than the event-time window allows (its label
     * time, or its transaction's): fraudstream never writes one, but the outcomes topic is open to any producer,
     * and one such record would move the learner's clocks (the holdout's maturity, the drift test's buckets) years
     * ahead. Refused as {@code timestamp.future}.
     */
    private static LabelledOutcome notAhead(final LabelledOutcome o, final EventTimeWindow window) {
        window.require(Math.max(o.eventTime(), o.labelTime()), -1, System.currentTimeMillis());
        return o;
    }

    /**
     * The history stages, in the scoring task: duplicates, card features, merchant features (read from the global
     * merchant store). Transactions keyed by their card (or without a card) stay in their task; others are re-keyed
     * through the repartition by card (all of them when the input is not keyed by card). A transaction without a card
     * keeps a key of its own id there, so such transactions spread over the partitions; it gets no card features.
     */
    private static KStream<String, EnrichedTransaction> withHistory(final StreamsBuilder builder,
            final Settings settings, final KStream<String, Transaction> transactions, final CardHistory card,
            final MerchantActivity merchant, final FraudMeters meters) {
        final Serde<String> keys = Serdes.String();
        // one entry per transaction; duplicates retained (a card may pay twice in the same millisecond)
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(CARD_STORE,
                card.longest().plus(Stages.GRACE), Duration.ofMillis(1), true), keys, Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, CARD_SINCE_STORE), keys,
                Serdes.Long())); // when the task's history began
        builder.addGlobalStore(MerchantActivityStore.builder(MERCHANT_DAYS_STORE, merchant.retention().toMillis(),
                        meters.merchant()), settings.topic(Key.TOPIC_MERCHANT_ACTIVITY),
                Consumed.with(keys, Serdes.ByteArray()).withName("merchant-activity-source"),
                () -> new GlobalStoreUpdater(MERCHANT_DAYS_STORE));
        final KStream<String, Transaction> wrongKey;
        final KStream<String, Transaction> rightKey;
        if (settings.inputKeyedByCard()) {
            final Map<String, KStream<String, Transaction>> byKey = transactions.split(Named.as("card-key-"))
                    .branch((k, t) -> t.cardId() == null || t.cardId().equals(k), Branched.as("right"))
                    .defaultBranch(Branched.as("wrong"));
            rightKey = byKey.get("card-key-right");
            wrongKey = byKey.get("card-key-wrong").peek((k, t) -> meters.scoring().transactionRekeyed(), Named.as("rekeyed"));
        } else {
            rightKey = null;
            wrongKey = transactions;
        }
        final KStream<String, Transaction> rekeyed = wrongKey
                .selectKey((id, t) -> t.cardId() != null ? t.cardId() : NO_KEY + t.id(), Named.as("key-by-card"))
                .repartition(Repartitioned.<String, Transaction>as(BY_CARD).withKeySerde(keys)
                        .withValueSerde(bounded(EventSerdes.transaction(InputLimits.NONE)))
                        .withNumberOfPartitions(settings.partitions()));
        final KStream<String, Transaction> byCard = rightKey == null ? rekeyed
                : rightKey.merge(rekeyed, Named.as("by-card"));
        return withoutDuplicates(byCard, settings)
                .process(() -> new CardFeatureProcessor(CARD_STORE, CARD_SINCE_STORE, card), Named.as("card-features"),
                        CARD_STORE, CARD_SINCE_STORE)
                .processValues(() -> new MerchantFeatureProcessor(MERCHANT_DAYS_STORE, merchant),
                        Named.as("merchant-features"));
    }

    /**
     * The merchant counters, off the scoring path: scored transactions and fraud outcomes, re-keyed by merchant as
     * 9-byte events, counted by the merchant's single writer, whose every change goes to the merchant-activity
     * topic (and so to every instance's global merchant store).
     */
    private static void merchantCounts(final StreamsBuilder builder, final Settings settings,
            final MerchantActivity merchant, final KStream<String, ScoredTransaction> scored, final KStream<String, LabelledOutcome> outcomes,
            final FraudMeters meters) {
        final Serde<String> keys = Serdes.String();
        final Serde<MerchantEvent> events = MerchantEventCodec.serde();
        final KStream<String, MerchantEvent> transactions = scored
                .filter((id, s) -> s.merchantId() != null, Named.as("merchant-transactions"))
                .map((id, s) -> {
                    meters.merchant().merchantEventSent();
                    return KeyValue.pair(s.merchantId(), MerchantEvent.transaction(s.eventTime()));
                }, Named.as("transaction-key-by-merchant"))
                .repartition(Repartitioned.<String, MerchantEvent>as(MERCHANT_EVENTS).withKeySerde(keys)
                        .withValueSerde(events).withNumberOfPartitions(settings.partitions()));
        final KStream<String, MerchantEvent> frauds = outcomes
                .filter((id, o) -> merchantFraud(o), Named.as("merchant-frauds"))
                .map((id, o) -> KeyValue.pair(o.merchantId(), MerchantEvent.fraudAt(o.eventTime())),
                        Named.as("fraud-key-by-merchant"))
                .repartition(Repartitioned.<String, MerchantEvent>as(FRAUD_BY_MERCHANT).withKeySerde(keys)
                        .withValueSerde(events).withNumberOfPartitions(settings.partitions()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(MERCHANT_STORE,
                merchant.retention(), Duration.ofDays(1), false), keys, Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValue(settings, MERCHANT_SINCE_STORE), keys,
                Serdes.Long())); // when the task's counting began
        transactions.merge(frauds, Named.as("merchant-merge"))
                .process(() -> new MerchantCountProcessor(MERCHANT_STORE, MERCHANT_SINCE_STORE, meters.merchant()),
                        Named.as("merchant-counts"), MERCHANT_STORE, MERCHANT_SINCE_STORE)
                .to(settings.topic(Key.TOPIC_MERCHANT_ACTIVITY), Produced.with(keys, Serdes.ByteArray())
                        .withName("merchant-activity-sink"));
    }

    /**
     * A key-value store's supplier: RocksDB, or Kafka Streams' in-memory store ({@code state.key-value-stores=memory});
     * either is changelogged and cached as its builder says. Window stores are always RocksDB (see {@link Key}).
     */
    private static KeyValueBytesStoreSupplier keyValue(final Settings settings, final String name) {
        return settings.keyValueStoresInMemory() ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }

    private static boolean merchantFraud(final LabelledOutcome o) {
        return o.fraud() && o.merchantId() != null;
    }

    /**
     * A serde of records that grow with what a producer sent (features, attributes): refused before the write when
     * too large for the broker (see {@link EventSerdes#bounded}).
     */
    private static <T> Serde<T> bounded(final Serde<T> serde) {
        return EventSerdes.bounded(serde, EventSerdes.MAX_RECORD_BYTES);
    }

    /** Transactions whose id was seen before within the horizon dead-lettered ({@link DuplicateGuard}). */
    private static KStream<String, Transaction> withoutDuplicates(final KStream<String, Transaction> transactions,
                                                                  final Settings settings) {
        final Duration horizon = settings.pendingHorizon();
        return transactions.processValues(() -> new DuplicateGuard(SEEN_STORE, horizon), Named.as("duplicates"),
                SEEN_STORE);
    }

    /** Kafka Streams properties for this topology: the settings' plus the dead-letter handler wiring. */
    public static Properties streamsConfig(final Settings settings, final FraudMeters meters) {
        final Properties p = settings.streamsProperties();
        p.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        // model snapshots (and the learner's changelog records) may be up to ModelSnapshot.MAX_BYTES
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(ModelSnapshot.MAX_BYTES + 65_536));
        p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        p.put(BoundedRocksDb.MEMORY_CONFIG, Integer.toString(settings.rocksDbMemoryMb()));
        p.put(FraudMeters.CONFIG_KEY, meters);
        p.put(DeadLetterHandler.TRANSACTIONS_TOPIC_CONFIG, settings.topic(Key.TOPIC_TRANSACTIONS));
        p.put(DeadLetterHandler.LABELS_TOPIC_CONFIG, settings.topic(Key.TOPIC_LABELS));
        return p;
    }

    private static Label checkLabelKey(final String key, final Label label) {
        if (!label.transactionId().equals(key)) {
            throw new InvalidRecordException("key.mismatch", "label key " + (key == null ? "null" : "'" + key + "'")
                    + " differs from its transactionId '" + label.transactionId() + "'; key labels by transaction id");
        }
        return label;
    }
}
