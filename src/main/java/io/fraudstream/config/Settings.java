package io.fraudstream.config;

import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.event.EventTimeWindow;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.event.InputLimits;
import io.fraudstream.learn.ClassWeighting;
import io.fraudstream.learn.DriftConfig;
import io.fraudstream.learn.FeedbackConfig;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.LearningConfig;
import io.fraudstream.learn.Loss;
import io.fraudstream.learn.PromotionGate;
import io.fraudstream.learn.ThresholdPolicy;
import io.fraudstream.learn.TreeConfig;
import io.fraudstream.model.CostMatrix;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import io.fraudstream.sample.Synthetic;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fraudstream's typed, validated configuration. Built from a properties file: standard Kafka and Kafka Streams
 * keys as they are, fraudstream's own keys ({@link Key}) under {@code fraudstream.}. Environment variables
 * override the file: {@code FRAUDSTREAM_<KEY>} for fraudstream keys (e.g. {@code FRAUDSTREAM_TOPICS_PARTITIONS}),
 * {@code FRAUDSTREAM_KAFKA_<KEY>} for Kafka keys (e.g. {@code FRAUDSTREAM_KAFKA_BOOTSTRAP_SERVERS}).
 * Every problem fails at construction with a {@link ConfigException} that names the key.
 *
 * <p>Over 400 lines because it does four short jobs on the same parsed values: reading the file and the
 * environment, telling Kafka's keys from fraudstream's, the Kafka clients' properties, and building every
 * component's configuration (with the checks that span keys) from the keys {@link Key} declares with their types.
 */
public final class Settings {
    public static final String ENV_KAFKA_PREFIX = "FRAUDSTREAM_KAFKA_";
    private static final Set<String> CLIENT_PREFIXES = Set.of("consumer.", "producer.", "admin.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "topic.");

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    /** Kafka Streams' commit interval, and its idle poll, unless the Kafka keys say otherwise. */
    private static final long COMMIT_INTERVAL_MS = 20;
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Key, String> values = new EnumMap<>(Key.class);
    /** The keys a file, the environment or an override gave; the others have their defaults. */
    private final Set<Key> given = EnumSet.noneOf(Key.class);
    /** Every key's value as its {@link Type} parsed it, once, at construction. */
    private final Map<Key, Object> parsed = new EnumMap<>(Key.class);
    private final Properties kafka = new Properties();
    private final LearnerConfig learner;
    private final LearningConfig learning;

    private Settings(final Map<String, String> raw) {
        final Set<String> kafkaKeys = knownKafkaKeys();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            final String key = e.getKey();
            if (key.startsWith(Key.PREFIX)) {
                final Key k = Key.byName(key);
                if (k == null) {
                    throw new ConfigException("unknown configuration key '" + key + "'" + DidYouMean.suggest(key,
                            Arrays.stream(Key.values()).map(Key::key).toList())
                            + "; fraudstream's keys are listed in the README");
                }
                values.put(k, e.getValue().trim());
                given.add(k);
            } else if (isKnownKafkaKey(key, kafkaKeys)) {
                kafka.setProperty(key, e.getValue().trim());
            } else {
                throw new ConfigException("unknown configuration key '" + key
                        + "': not a Kafka Streams, consumer, producer or admin key, nor a fraudstream. key");
            }
        }
        for (Key k : Key.values()) {
            values.putIfAbsent(k, k.defaultValue());
        }
        // parse every key once, now, with its type: any bad value fails at start
        for (Key k : Key.values()) {
            try {
                parsed.put(k, k.type().parse(values.get(k)));
            } catch (IllegalArgumentException e) {
                throw invalid(k, e.getMessage());
            }
        }
        for (RollingEvaluator.WindowSpec w : this.<List<RollingEvaluator.WindowSpec>>value(Key.METRICS_WINDOWS)) {
            if (w.count() > integer(Key.METRICS_WINDOW_MAX_OUTCOMES)) {
                throw new ConfigException(Key.METRICS_WINDOWS.key() + ": window " + w.name() + " holds more than "
                        + Key.METRICS_WINDOW_MAX_OUTCOMES.key() + " (" + integer(Key.METRICS_WINDOW_MAX_OUTCOMES)
                        + ") outcomes");
            }
        }
        if (reviewThreshold() > blockThreshold()) {
            throw new ConfigException(Key.THRESHOLD_REVIEW.key() + " (" + reviewThreshold() + ") must not exceed "
                    + Key.THRESHOLD_BLOCK.key() + " (" + blockThreshold() + ")");
        }
        learner = new LearnerConfig(number(Key.LEARNER_LEARNING_RATE), number(Key.LEARNER_L1),
                number(Key.LEARNER_L2), choice(Key.LEARNER_CLASS_WEIGHT, ClassWeighting.class),
                number(Key.LEARNER_MAX_CLASS_WEIGHT), integer(Key.LEARNER_COUNT_HALF_LIFE),
                integer(Key.LEARNER_MAX_FEATURES), loss(), number(Key.LEARNER_CLASS_WEIGHT_BETA),
                number(Key.LEARNER_CLASS_WEIGHT_FRAUD));
        learning = parseLearning();
        if (!kafka.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException("missing required key '" + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + "'");
        }
        kafka.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "fraudstream");
        try {
            new StreamsConfig(streamsProperties());
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException("invalid Kafka configuration: " + e.getMessage(), e);
        }
    }

    /** Settings from raw key/values (file contents) with environment overrides applied. */
    public static Settings from(final Map<String, String> file, final Map<String, String> env) {
        final Map<String, String> raw = new TreeMap<>(file);
        final List<String> ignored = new ArrayList<>();
        for (Key k : Key.values()) {
            final String v = env.get(k.envName());
            if (v != null) {
                raw.put(k.key(), v);
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_KAFKA_PREFIX)) {
                raw.put(e.getKey().substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        e.getValue());
            } else if (e.getKey().startsWith("FRAUDSTREAM_") && !isFraudstreamEnv(e.getKey())) {
                ignored.add("ignoring the environment variable '" + e.getKey() + "': not a fraudstream key"
                        + DidYouMean.suggest(e.getKey(), envNames()) + "; fraudstream keys map to FRAUDSTREAM_<KEY>, "
                        + "Kafka keys to FRAUDSTREAM_KAFKA_<KEY>");
            }
        }
        final Settings settings = new Settings(raw);
        settings.warnings.addAll(ignored);
        for (String w : ignored) {
            if (WARNED.add(w)) { // once per process: Kubernetes sets <SERVICE>_SERVICE_HOST and _PORT for every Service
                LOG.warn(w);
            }
        }
        return settings;
    }

    /** What was ignored, with a reason each: unknown {@code FRAUDSTREAM_*} environment variables. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static List<String> envNames() {
        return Arrays.stream(Key.values()).map(Key::envName).toList();
    }

    public static Settings from(final Map<String, String> raw) {
        return from(raw, Map.of());
    }

    /** Reads a properties file; environment variables override it. */
    public static Settings load(final Path file, final Map<String, String> env) {
        return from(readProperties(file), env);
    }

    /** The keys and values of a properties file, or a {@link ConfigException} naming the file. */
    public static Map<String, String> readProperties(final Path file) {
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        final Map<String, String> raw = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k)));
        return raw;
    }

    private static boolean isFraudstreamEnv(final String name) {
        for (Key k : Key.values()) {
            if (k.envName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> knownKafkaKeys() {
        final Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }

    private static boolean isKnownKafkaKey(final String key, final Set<String> known) {
        if (known.contains(key)) {
            return true;
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                final String rest = key.substring(prefix.length());
                return prefix.equals("topic.") ? !rest.isEmpty() : known.contains(rest);
            }
        }
        return false;
    }

    // ---- typed accessors

    public String topic(final Key topicKey) {
        if (!topicKey.key().startsWith(Key.PREFIX + "topic.")) {
            throw new IllegalArgumentException(topicKey + " is not a topic key");
        }
        return value(topicKey);
    }

    public int partitions() {
        return integer(Key.TOPICS_PARTITIONS);
    }

    /** Replication factor of created topics; -1 means the broker default. */
    public short replicationFactor() {
        return value(Key.TOPICS_REPLICATION_FACTOR);
    }

    /** Whether retraining rounds run on a thread of their own. */
    public boolean learnInBackground() {
        return bool(Key.LEARNER_BACKGROUND);
    }

    /** Wall-clock limit of one retraining round. */
    public Duration roundTimeout() {
        return duration(Key.LEARNER_ROUND_TIMEOUT);
    }

    public boolean createTopics() {
        return bool(Key.TOPICS_CREATE);
    }

    public double priorFraudRate() {
        return number(Key.MODEL_PRIOR);
    }

    public int publishEvery() {
        return integer(Key.MODEL_PUBLISH_EVERY);
    }

    public double reviewThreshold() {
        return number(Key.THRESHOLD_REVIEW);
    }

    public double blockThreshold() {
        return number(Key.THRESHOLD_BLOCK);
    }

    public LearnerConfig learner() {
        return learner;
    }

    public int attributeBuckets() {
        return integer(Key.FEATURES_ATTRIBUTE_BUCKETS);
    }

    public Duration pendingHorizon() {
        return duration(Key.PENDING_HORIZON);
    }

    /** The rolling evaluation; its maturity is 0 (no mature windows) with metrics.mature=false. */
    public RollingEvaluator.Config evaluation() {
        return new RollingEvaluator.Config(value(Key.METRICS_WINDOWS),
                bool(Key.METRICS_MATURE) ? labelsMaturity() : 0, costs(),
                number(Key.METRICS_BETA), integer(Key.METRICS_CARD_K), integer(Key.METRICS_WINDOW_MAX_OUTCOMES),
                integer(Key.METRICS_MATURE_MAX_PENDING));
    }

    /** Cost matrix of thresholds, cost weights and the evaluation. */
    public CostMatrix costs() {
        final OptionalDouble missed = value(Key.COST_MISSED_FRAUD);
        return new CostMatrix(number(Key.COST_REVIEW), missed.isEmpty(), missed.orElse(0));
    }

    /** Size limits on input transactions and labels. */
    public InputLimits inputLimits() {
        return new InputLimits(integer(Key.INPUT_MAX_RECORD_BYTES),
                integer(Key.INPUT_MAX_ID_LENGTH), integer(Key.INPUT_MAX_NAME_LENGTH),
                integer(Key.INPUT_MAX_FEATURES), integer(Key.INPUT_MAX_ATTRIBUTES));
    }

    /** The accepted event times of input records, around the wall clock and each partition's stream time. */
    public EventTimeWindow eventTimeWindow() {
        return new EventTimeWindow(duration(Key.INPUT_MAX_FUTURE).toMillis(), duration(Key.INPUT_MAX_AGE).toMillis());
    }

    public Duration metricsInterval() {
        return duration(Key.METRICS_INTERVAL);
    }

    public int httpPort() {
        return integer(Key.HTTP_PORT);
    }

    /** The address the HTTP endpoint binds, checked to be an IP literal or a resolvable name. */
    public InetAddress httpBind() {
        return value(Key.HTTP_BIND);
    }

    public String applicationId() {
        return kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public String bootstrapServers() {
        return kafka.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /**
     * Properties for a plain producer of this cluster (the generators, replay, bench, rollback): every configured key a
     * producer knows — {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ... — then
     * the {@code producer.}-prefixed ones, which win.
     */
    public Map<String, Object> producerProperties() {
        return clientProperties(ProducerConfig.configNames(), "producer.");
    }

    /** As {@link #producerProperties()}, for a plain consumer ({@code consumer.}-prefixed keys win). */
    public Map<String, Object> consumerProperties() {
        return clientProperties(ConsumerConfig.configNames(), "consumer.");
    }

    /** As {@link #producerProperties()}, for an admin client ({@code admin.}-prefixed keys win). */
    public Map<String, Object> adminProperties() {
        return clientProperties(AdminClientConfig.configNames(), "admin.");
    }

    private Map<String, Object> clientProperties(final Set<String> known, final String prefix) {
        final Map<String, Object> out = new TreeMap<>();
        for (String k : kafka.stringPropertyNames()) {
            if (known.contains(k)) {
                out.put(k, kafka.getProperty(k));
            }
        }
        for (String k : kafka.stringPropertyNames()) {
            if (k.startsWith(prefix) && known.contains(k.substring(prefix.length()))) {
                out.put(k.substring(prefix.length()), kafka.getProperty(k));
            }
        }
        return out;
    }

    /** The raw Kafka and Kafka Streams keys exactly as configured. */
    public Properties kafka() {
        final Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    /**
     * Properties for the Kafka Streams application: fraudstream's defaults (exactly-once v2, explicit internal
     * naming, the dead-letter topic), then the user's Kafka keys on top.
     */
    public Properties streamsProperties() {
        final Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic(Key.TOPIC_DLQ));
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams' partition assignor builds its own configuration from the main consumer's keys, which leave
        // the one above out, and so warned at every start that the global thread's handler was off when it was on
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor());
        // a score is visible at the commit after it, so the interval is most of its latency: chosen by measurement
        // (docs/performance.md, "Load test")
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // and an idle loop waits no longer than that for input before it commits: Kafka's 100 ms held the last score
        // before every pause in traffic for up to 100 ms (docs/performance.md, "Low rates and pauses")
        p.put(StreamsConfig.POLL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // the producers keep Kafka Streams' linger.ms=100: each commit sends what waits, so the commit interval is
        // the linger; 5 ms gave the same latency and throughput for more client CPU (docs/performance.md)
        p.putAll(kafka);
        return p;
    }

    /** Every fraudstream key with its effective value, for the start-up log. */
    public Map<String, String> describe() {
        final Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k.key(), v));
        return out;
    }

    /** A copy with some keys replaced (e.g. the demo's embedded bootstrap address); the rest as given or default. */
    public Settings with(final Map<String, String> overrides) {
        final Map<String, String> raw = new TreeMap<>();
        kafka.stringPropertyNames().forEach(k -> raw.put(k, kafka.getProperty(k)));
        given.forEach(k -> raw.put(k.key(), values.get(k)));
        raw.putAll(overrides);
        return new Settings(raw);
    }

    /** Whether a file, the environment or an override gave this key (otherwise it has its default). */
    public boolean given(final Key key) {
        return given.contains(key);
    }

    /** The card history's definition, or null without history features. */
    public CardHistory cardHistory() {
        return historyFeatures() ? new CardHistory(cardWindows()) : null;
    }

    /** The merchant activity's definition, or null without history features. */
    public MerchantActivity merchantActivity() {
        return historyFeatures() ? new MerchantActivity(merchantDelay(), merchantWindows(),
                priorFraudRate(), merchantSmoothing()) : null;
    }

    /** The feature schema these settings compute (and accept models for). */
    public FeatureSchema schema() {
        return FeatureSchema.of(cardHistory(), merchantActivity());
    }

    /** The prior-only model every scorer starts with. */
    public ModelSnapshot prior() {
        return ModelSnapshot.prior(priorFraudRate(), reviewThreshold(), blockThreshold(), schema().id());
    }

    // ---- parsing, every failure naming its key

    /** Everything that shapes learning: learner, reservoirs, sampling, thresholds, costs, promotion gate. */
    public LearningConfig learning() {
        return learning;
    }

    private LearningConfig parseLearning() {
        final SamplingConfig sampling = new SamplingConfig(
                choice(Key.SAMPLING_MODE, SamplingConfig.Mode.class),
                integer(Key.SAMPLING_BATCH_SIZE),
                integer(Key.SAMPLING_EPOCHS),
                number(Key.SAMPLING_STEP_MEMORY),
                choice(Key.SAMPLING_CURRICULUM_SCHEDULE, SamplingConfig.Schedule.class),
                integer(Key.SAMPLING_CURRICULUM_ROUNDS),
                number(Key.SAMPLING_CURRICULUM_CAP),
                number(Key.SAMPLING_PERFORMANCE_BOOST),
                number(Key.SAMPLING_PERFORMANCE_WELL_CLASSIFIED),
                choice(Key.SAMPLING_SYNTHETIC, Synthetic.Method.class),
                integer(Key.SAMPLING_SYNTHETIC_NEIGHBOURS),
                bool(Key.SAMPLING_TOMEK));
        final CostMatrix costs = costs();
        final ThresholdPolicy thresholds = new ThresholdPolicy(choice(Key.THRESHOLD_POLICY, ThresholdPolicy.Kind.class),
                reviewThreshold(), blockThreshold(),
                number(Key.THRESHOLD_TARGET_PRECISION),
                number(Key.THRESHOLD_ALERTS_PER_DAY),
                number(Key.THRESHOLD_BLOCK_PRECISION), costs);
        final long halfLife = duration(Key.RESERVOIR_HALF_LIFE).toMillis();
        final long publishInterval = duration(Key.MODEL_PUBLISH_INTERVAL).toMillis();
        final long seed = value(Key.LEARNER_SEED);
        return new LearningConfig(learner, sampling, choice(Key.RESERVOIR_KIND, Reservoir.Kind.class),
                integer(Key.RESERVOIR_FRAUD_SIZE), integer(Key.RESERVOIR_LEGIT_SIZE),
                halfLife, number(Key.RESERVOIR_LEGIT_ADMISSION),
                thresholds, bool(Key.LEARNER_COST_WEIGHTS),
                new PromotionGate(holdoutPercent(), holdoutSize(), promotionMargin(), holdoutMinFrauds(),
                        bool(Key.LEARNER_CALIBRATION), labelsMaturity()),
                publishEvery(), publishInterval, seed, families(), trees(),
                new DriftConfig(bool(Key.DRIFT_DETECTION), number(Key.DRIFT_TOLERANCE), number(Key.DRIFT_THRESHOLD),
                        integer(Key.DRIFT_MIN_FRAUDS)),
                new FeedbackConfig(integer(Key.FEEDBACK_EXAMPLES), duration(Key.FEEDBACK_WITHIN).toMillis(),
                        number(Key.RESERVOIR_FALSE_ALARM_ADMISSION)));
    }

    /** The model families trained every round, in order. */
    public List<ModelFamily> families() {
        return value(Key.LEARNER_FAMILY);
    }

    /** Hyper-parameters of the tree family. */
    public TreeConfig trees() {
        final TreeConfig trees = new TreeConfig(
                integer(Key.TREES_COUNT), integer(Key.TREES_DEPTH),
                number(Key.TREES_LEARNING_RATE), number(Key.TREES_L2),
                number(Key.TREES_MIN_CHILD_WEIGHT), integer(Key.TREES_BINS), labelsMaturity(),
                integer(Key.TREES_BAGS), number(Key.TREES_FEEDBACK_WEIGHT));
        for (ModelFamily family : families()) {
            if (family.trees() && trees.worstCaseSnapshotBytes(family) > ModelSnapshot.MAX_BYTES) {
                throw invalid(Key.TREES_DEPTH, String.format(Locale.ROOT, "%d trees of depth %d could make a %s "
                        + "model snapshot of %.1f MB, above the %d MB a model message may have; lower %s or %s%s",
                        trees.treesPerModel(family), trees.depth(), family,
                        trees.worstCaseSnapshotBytes(family) / 1e6, ModelSnapshot.MAX_BYTES >> 20,
                        Key.TREES_DEPTH.key(), Key.TREES_COUNT.key(),
                        family == ModelFamily.BALANCED_TREES ? " or " + Key.TREES_BAGS.key() : "")
                        + (trees.feedbackWeight() > 0 ? " (or set " + Key.TREES_FEEDBACK_WEIGHT.key() + "=0: its "
                        + "feedback model adds " + Key.TREES_COUNT.key() + " trees)" : ""));
            }
        }
        return trees;
    }

    /** When a transaction's label is taken as complete, ms after the transaction. */
    public long labelsMaturity() {
        return duration(Key.LABELS_MATURITY).toMillis();
    }

    /** The value of an enum-valued key, checked to be of {@code type}. */
    private <E extends Enum<E>> E choice(final Key k, final Class<E> type) {
        return type.cast(parsed.get(k));
    }

    public int holdoutPercent() {
        return integer(Key.LEARNER_HOLDOUT_PERCENT);
    }

    public int holdoutSize() {
        return integer(Key.LEARNER_HOLDOUT_SIZE);
    }

    public int holdoutMinFrauds() {
        return integer(Key.LEARNER_HOLDOUT_MIN_FRAUDS);
    }

    public double promotionMargin() {
        return number(Key.LEARNER_PROMOTION_MARGIN);
    }

    public boolean historyFeatures() {
        return bool(Key.FEATURES_HISTORY);
    }

    public int rocksDbMemoryMb() {
        return integer(Key.ROCKSDB_MEMORY_MB);
    }

    /** Whether the key-value stores are Kafka Streams' in-memory ones ({@code state.key-value-stores=memory}). */
    public boolean keyValueStoresInMemory() {
        return "memory".equals(value(Key.STATE_KEY_VALUE_STORES));
    }

    public boolean metricsInBackground() {
        return bool(Key.METRICS_BACKGROUND);
    }

    /** Whether the outcomes topic is written in JSON ({@code outcomes.format=json}) rather than binary. */
    public boolean outcomesJson() {
        return "json".equals(value(Key.OUTCOMES_FORMAT));
    }

    public boolean inputKeyedByCard() {
        return bool(Key.INPUT_KEYED_BY_CARD);
    }

    public List<Duration> cardWindows() {
        return value(Key.FEATURES_CARD_WINDOWS);
    }

    public List<Duration> merchantWindows() {
        return value(Key.FEATURES_MERCHANT_WINDOWS);
    }

    public Duration merchantDelay() {
        return duration(Key.FEATURES_MERCHANT_DELAY);
    }

    public double merchantSmoothing() {
        return number(Key.FEATURES_MERCHANT_SMOOTHING);
    }

    private Loss loss() {
        return "focal".equals(value(Key.LEARNER_LOSS))
                ? Loss.focal(number(Key.LEARNER_FOCAL_GAMMA), number(Key.LEARNER_FOCAL_ALPHA)) : Loss.log();
    }

    private ConfigException invalid(final Key k, final String why) {
        return new ConfigException("invalid value '" + values.get(k) + "' for " + k.key() + ": " + why);
    }

    /** The value of {@code k} as its {@link Type} parsed it; its accessor says which type that is. */
    @SuppressWarnings("unchecked")
    private <T> T value(final Key k) {
        return (T) parsed.get(k);
    }

    private int integer(final Key k) {
        return (Integer) parsed.get(k);
    }

    private double number(final Key k) {
        return (Double) parsed.get(k);
    }

    private boolean bool(final Key k) {
        return (Boolean) parsed.get(k);
    }

    private Duration duration(final Key k) {
        return (Duration) parsed.get(k);
    }
}
