package io.fraudstream.topology;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.FraudMeters;
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
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.ModelSnapshot;
import io.fraudstream.stage.EnrichedTransaction;
import io.fraudstream.stage.PendingEntry;
import io.fraudstream.stage.Scoring;
import io.fraudstream.stage.Stages;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * fraudstream's Kafka Streams topology:
 * <pre>
 * transactions ─► validate (deserializer, limits; event-time window; bad ─► DLQ) ─► by card: duplicates, card features
 *              ─► by merchant (+ fraud outcomes by merchant): merchant features
 *              ─► score ◄── model store (global, model topic)
 *                                                          ├─► scores, alerts
 *                                                          └─► repartition by id ─► pending join ◄── labels
 *                                                                                      └─► outcomes (1 partition)
 * outcomes ─► learn ─► model topic
 *          └► evaluate ─► metrics topic, meters
 * </pre>
 * Every node, store and internal topic is named, so a changed topology never silently renames state. Records that grow
 * with what a producer sent are written through bounded serdes, so that none can be refused by the broker.
 * Event time is the transaction's own timestamp (and the label's), never the Kafka record time.
 */
public final class FraudTopology {
    public static final String MODEL_STORE = "model-store";
    public static final String PENDING_STORE = "pending-store";
    public static final String PENDING_EXPIRY_STORE = "pending-expiry-store";
    public static final String LEARNER_STORE = "learner-store";
    public static final String HOLDOUT_STORE = "learner-holdout-store";
    public static final String METRICS_WINDOW_STORE = "metrics-window-store";
    public static final String CARD_STORE = "card-history-store";
    public static final String MERCHANT_STORE = "merchant-activity-store";
    public static final String CARD_SINCE_STORE = "card-history-since-store";
    public static final String MERCHANT_SINCE_STORE = "merchant-activity-since-store";
    public static final String SEEN_STORE = "seen-transactions-store";
    /** Name of the internal repartition topic (prefixed by the application id and suffixed -repartition). */
    public static final String PENDING_REPARTITION = "pending-by-id";
    public static final String BY_CARD = "transactions-by-card";
    public static final String BY_MERCHANT = "transactions-by-merchant";
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
        final Serde<ScoredTransaction> scoredSerde = bounded(EventSerdes.json(ScoredTransaction.class));
        final Serde<LabelledOutcome> outcomeSerde = bounded(EventSerdes.outcome());
        final Serde<ModelSnapshot> modelSerde = EventSerdes.json(ModelSnapshot.class);

        // the model: a global store every scoring task reads
        final CardHistory cardHistory = Stages.cardHistory(settings);
        final MerchantActivity merchantActivity = Stages.merchantActivity(settings);
        final ModelSnapshot prior = Stages.prior(settings);
        builder.addGlobalStore(ModelStore.builder(MODEL_STORE, prior, meters::modelInstalled, meters::modelRejected),
                settings.topic(Key.TOPIC_MODEL),
                Consumed.with(keys, Serdes.ByteArray()).withName("model-source"),
                () -> new ModelUpdateProcessor(MODEL_STORE));

        // labelled outcomes (written further down): read by the merchant stage, the learner and the evaluator
        final KStream<String, LabelledOutcome> outcomes = builder.stream(settings.topic(Key.TOPIC_OUTCOMES),
                Consumed.with(keys, outcomeSerde).withName("outcomes-source"));

        // validate (in the deserializer; invalid records go to the dead-letter topic), add history, score
        final InputLimits limits = settings.inputLimits();
        final EventTimeWindow window = settings.eventTimeWindow();
        final KStream<String, Transaction> transactions = builder.stream(settings.topic(Key.TOPIC_TRANSACTIONS),
                Consumed.with(keys, EventSerdes.transaction(limits)).withName("transactions-source")
                        .withTimestampExtractor(EventTimeGuard.extractor(window, System::currentTimeMillis)))
                .processValues(() -> new EventTimeGuard<>(window, Transaction::timestamp),
                        Named.as("transactions-event-time"));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_STORE,
                settings.pendingHorizon().plus(Stages.GRACE), Duration.ofMillis(1), false), keys, Serdes.ByteArray()));
        final KStream<String, EnrichedTransaction> enriched = settings.historyFeatures()
                ? withHistory(builder, settings, transactions, outcomes, cardHistory, merchantActivity)
                : withoutDuplicates(transactions, settings).mapValues(EnrichedTransaction::of,
                        Named.as("without-history"));
        final Scoring scoring = Stages.scoring(settings);
        final KStream<String, ScoredTransaction> scored = enriched.process(
                () -> new ScoreProcessor(MODEL_STORE, scoring, meters), Named.as("score"));
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
        // caching: a label that arrives within a commit interval turns put+delete into nothing on the changelog
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), keys,
                bounded(EventSerdes.json(PendingEntry.class))).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_EXPIRY_STORE), keys,
                Serdes.ByteArray()).withCachingEnabled());
        pendingScored.merge(pendingLabels, Named.as("pending-merge"))
                .process(() -> new PendingJoinProcessor(PENDING_STORE, PENDING_EXPIRY_STORE,
                        settings.pendingHorizon(), meters), Named.as("label-join"), PENDING_STORE, PENDING_EXPIRY_STORE)
                .to(settings.topic(Key.TOPIC_OUTCOMES), Produced.with(keys, outcomeSerde).withName("outcomes-sink"));

        // learn and evaluate: single writers on the one partition of the outcomes topic
        // caching: the learner rewrites its one state value per outcome; only the last per commit is logged
        // the learner's champion and fitted trees are whole models: its changelog takes messages as large as the model
        // topic
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEARNER_STORE), keys,
                Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(Map.of(
                org.apache.kafka.common.config.TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(ModelSnapshot.MAX_BYTES))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOLDOUT_STORE),
                Serdes.Integer(), Serdes.ByteArray()).withCachingEnabled());
        final Learning.Config learning = settings.learning();
        final boolean background = settings.learnInBackground();
        final Duration roundTimeout = settings.roundTimeout();
        outcomes.process(() -> new LearnProcessor(LEARNER_STORE, HOLDOUT_STORE, MODEL_STORE, learning, prior, meters,
                        background, roundTimeout),
                        Named.as("learn"), LEARNER_STORE, HOLDOUT_STORE)
                .to(settings.topic(Key.TOPIC_MODEL), Produced.with(keys, modelSerde).withName("model-sink"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(METRICS_WINDOW_STORE),
                Serdes.Long(), Serdes.ByteArray()).withCachingEnabled());
        final RollingEvaluator.Config evaluation = settings.evaluation();
        outcomes.process(() -> new EvaluateProcessor(METRICS_WINDOW_STORE, MODEL_STORE, evaluation,
                        settings.metricsInterval(), meters), Named.as("evaluate"), METRICS_WINDOW_STORE)
                .to(settings.topic(Key.TOPIC_METRICS), Produced.with(keys, EventSerdes.json(MetricsSnapshot.class))
                        .withName("metrics-sink"));
        return builder.build();
    }

    /**
     * The history stages: repartition by card, card features; repartition by merchant, merged with the fraud labels
     * of the outcomes re-keyed by merchant, merchant features. A transaction without a card (or merchant) keeps a
     * key of its own id, so it spreads over the partitions and gets no features of that kind.
     */
    private static KStream<String, EnrichedTransaction> withHistory(final StreamsBuilder builder,
            final Settings settings, final KStream<String, Transaction> transactions,
            final KStream<String, LabelledOutcome> outcomes, final CardHistory card, final MerchantActivity merchant) {
        final Serde<String> keys = Serdes.String();
        final Serde<MerchantInput> merchantInput = bounded(EventSerdes.json(MerchantInput.class));
        // one entry per transaction; duplicates retained (a card may pay twice in the same millisecond)
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(CARD_STORE,
                card.longest().plus(Stages.GRACE), Duration.ofMillis(1), true), keys, Serdes.ByteArray()));
        for (String since : new String[] {CARD_SINCE_STORE, MERCHANT_SINCE_STORE}) { // when each task's history began
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(since), keys,
                    Serdes.Long()));
        }
        final KStream<String, Transaction> cardKeyed = transactions
                .selectKey((id, t) -> t.cardId() != null ? t.cardId() : NO_KEY + t.id(), Named.as("key-by-card"))
                .repartition(Repartitioned.<String, Transaction>as(BY_CARD).withKeySerde(keys)
                        .withValueSerde(bounded(EventSerdes.transaction(InputLimits.NONE)))
                        .withNumberOfPartitions(settings.partitions()));
        final KStream<String, EnrichedTransaction> byCard = withoutDuplicates(cardKeyed, settings)
                .process(() -> new CardFeatureProcessor(CARD_STORE, CARD_SINCE_STORE, card), Named.as("card-features"),
                        CARD_STORE, CARD_SINCE_STORE);
        final KStream<String, MerchantInput> txByMerchant = byCard
                .map((k, e) -> KeyValue.pair(e.transaction().merchantId() != null ? e.transaction().merchantId()
                        : NO_KEY + e.transaction().id(), MerchantInput.of(e)), Named.as("key-by-merchant"))
                .repartition(Repartitioned.<String, MerchantInput>as(BY_MERCHANT).withKeySerde(keys)
                        .withValueSerde(merchantInput).withNumberOfPartitions(settings.partitions()));
        final KStream<String, MerchantInput> fraudByMerchant = outcomes
                .filter((id, o) -> o.fraud() && o.merchantId() != null, Named.as("merchant-frauds"))
                .map((id, o) -> KeyValue.pair(o.merchantId(), MerchantInput.fraudAt(o.eventTime())),
                        Named.as("fraud-key-by-merchant"))
                .repartition(Repartitioned.<String, MerchantInput>as(FRAUD_BY_MERCHANT).withKeySerde(keys)
                        .withValueSerde(merchantInput).withNumberOfPartitions(settings.partitions()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(MERCHANT_STORE,
                merchant.retention(), Duration.ofDays(1), false), keys, Serdes.ByteArray()).withCachingEnabled());
        return txByMerchant.merge(fraudByMerchant, Named.as("merchant-merge"))
                .process(() -> new MerchantFeatureProcessor(MERCHANT_STORE, MERCHANT_SINCE_STORE, merchant),
                        Named.as("merchant-features"), MERCHANT_STORE, MERCHANT_SINCE_STORE);
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
        p.putIfAbsent(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(ModelSnapshot.MAX_BYTES + 65_536));
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
