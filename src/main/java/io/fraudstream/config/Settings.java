package io.fraudstream.config;

import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.event.EventTimeWindow;
import io.fraudstream.event.InputLimits;
import io.fraudstream.learn.ClassWeighting;
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
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoublePredicate;
import java.util.function.Function;
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
 * <p>Over 400 lines because every key's parsing, ranges and cross-key checks sit here, in one place to read. What
 * will shorten it is each key declared with its type and validator in {@link Key}, so that accessors stop parsing;
 * not a split that scatters the checks.
 */
public final class Settings {
    public static final String ENV_KAFKA_PREFIX = "FRAUDSTREAM_KAFKA_";
    private static final Set<String> CLIENT_PREFIXES = Set.of("consumer.", "producer.", "admin.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "topic.");

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Key, String> values = new EnumMap<>(Key.class);
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
        // parse everything once, now, so that any bad value fails at start
        for (Key k : Key.values()) {
            check(k);
        }
        if (reviewThreshold() > blockThreshold()) {
            throw new ConfigException(Key.THRESHOLD_REVIEW.key() + " (" + reviewThreshold() + ") must not exceed "
                    + Key.THRESHOLD_BLOCK.key() + " (" + blockThreshold() + ")");
        }
        learner = new LearnerConfig(positive(Key.LEARNER_LEARNING_RATE), nonNegative(Key.LEARNER_L1),
                nonNegative(Key.LEARNER_L2), classWeighting(),
                number(Key.LEARNER_MAX_CLASS_WEIGHT, v -> v >= 1, ">= 1"),
                integer(Key.LEARNER_COUNT_HALF_LIFE, 1, Integer.MAX_VALUE),
                integer(Key.LEARNER_MAX_FEATURES, 1, 1_000_000), loss(),
                number(Key.LEARNER_CLASS_WEIGHT_BETA, v -> v > 0 && v < 1, "in (0, 1)"),
                positive(Key.LEARNER_CLASS_WEIGHT_FRAUD));
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
        return values.get(topicKey);
    }

    public int partitions() {
        return integer(Key.TOPICS_PARTITIONS, 1, 10_000);
    }

    /** Replication factor of created topics; -1 means the broker default. */
    public short replicationFactor() {
        return (short) integer(Key.TOPICS_REPLICATION_FACTOR, -1, Short.MAX_VALUE);
    }

    /** Whether retraining rounds run on a thread of their own. */
    public boolean learnInBackground() {
        return bool(Key.LEARNER_BACKGROUND);
    }

    /** Wall-clock limit of one retraining round. */
    public Duration roundTimeout() {
        final Duration d = duration(Key.LEARNER_ROUND_TIMEOUT);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid(Key.LEARNER_ROUND_TIMEOUT, "must be at least 1s");
        }
        return d;
    }

    public boolean createTopics() {
        return bool(Key.TOPICS_CREATE);
    }

    public double priorFraudRate() {
        return number(Key.MODEL_PRIOR, v -> v > 0 && v < 1, "strictly between 0 and 1");
    }

    public int publishEvery() {
        return integer(Key.MODEL_PUBLISH_EVERY, 1, Integer.MAX_VALUE);
    }

    public double reviewThreshold() {
        return number(Key.THRESHOLD_REVIEW, v -> v >= 0 && v <= 1, "between 0 and 1");
    }

    public double blockThreshold() {
        return number(Key.THRESHOLD_BLOCK, v -> v >= 0 && v <= 1, "between 0 and 1");
    }

    public LearnerConfig learner() {
        return learner;
    }

    public int attributeBuckets() {
        return integer(Key.FEATURES_ATTRIBUTE_BUCKETS, 1, 1 << 16);
    }

    public Duration pendingHorizon() {
        return duration(Key.PENDING_HORIZON);
    }

    /** The rolling evaluation: windows, maturity, cost matrix, F-beta, Card Precision@k. */
    public RollingEvaluator.Config evaluation() {
        final List<RollingEvaluator.WindowSpec> windows = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (String part : values.get(Key.METRICS_WINDOWS).split(",")) {
            if (part.isBlank()) {
                throw invalid(Key.METRICS_WINDOWS, "an empty window");
            }
            final RollingEvaluator.WindowSpec spec = parse(Key.METRICS_WINDOWS, x -> Windows.parse(part));
            if (!names.add(spec.name())) {
                throw invalid(Key.METRICS_WINDOWS, "window " + spec.name() + " is listed twice");
            }
            windows.add(spec);
        }
        return new RollingEvaluator.Config(windows, labelsMaturity(), costs(), positive(Key.METRICS_BETA),
                integer(Key.METRICS_CARD_K, 1, 1_000_000));
    }

    /** Cost matrix of thresholds, cost weights and the evaluation. */
    public CostMatrix costs() {
        final String missed = values.get(Key.COST_MISSED_FRAUD).trim();
        final boolean byAmount = missed.equalsIgnoreCase("amount");
        return new CostMatrix(nonNegative(Key.COST_REVIEW), byAmount, byAmount ? 0 : nonNegative(Key.COST_MISSED_FRAUD));
    }

    /** Size limits on input transactions and labels. */
    public InputLimits inputLimits() {
        return new InputLimits(integer(Key.INPUT_MAX_RECORD_BYTES, 256, ModelSnapshot.MAX_BYTES),
                integer(Key.INPUT_MAX_ID_LENGTH, 1, 65_536), integer(Key.INPUT_MAX_NAME_LENGTH, 1, 65_536),
                integer(Key.INPUT_MAX_FEATURES, 0, 100_000), integer(Key.INPUT_MAX_ATTRIBUTES, 0, 100_000));
    }

    /** The accepted event times of input records, around the wall clock and each partition's stream time. */
    public EventTimeWindow eventTimeWindow() {
        final Duration future = duration(Key.INPUT_MAX_FUTURE);
        final Duration age = duration(Key.INPUT_MAX_AGE);
        if (future.isNegative()) {
            throw invalid(Key.INPUT_MAX_FUTURE, "must not be negative");
        }
        if (age.isNegative() || age.isZero()) {
            throw invalid(Key.INPUT_MAX_AGE, "must be positive");
        }
        return new EventTimeWindow(future.toMillis(), age.toMillis());
    }

    public Duration metricsInterval() {
        return duration(Key.METRICS_INTERVAL);
    }

    public int httpPort() {
        return integer(Key.HTTP_PORT, -1, 65_535);
    }

    /** The address the HTTP endpoint binds, checked to be an IP literal or a resolvable name. */
    public InetAddress httpBind() {
        try {
            return InetAddress.getByName(values.get(Key.HTTP_BIND));
        } catch (UnknownHostException e) {
            throw invalid(Key.HTTP_BIND, "not an address of this machine");
        }
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
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor());
        // a score is visible at the commit after it, so the interval is most of its latency: chosen by measurement
        // (docs/performance.md, "Load test")
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20);
        p.putAll(kafka);
        return p;
    }

    /** Every fraudstream key with its effective value, for the start-up log. */
    public Map<String, String> describe() {
        final Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k.key(), v));
        return out;
    }

    /** A copy with some keys replaced (e.g. the demo's embedded bootstrap address). */
    public Settings with(final Map<String, String> overrides) {
        final Map<String, String> raw = new TreeMap<>();
        kafka.stringPropertyNames().forEach(k -> raw.put(k, kafka.getProperty(k)));
        values.forEach((k, v) -> raw.put(k.key(), v));
        raw.putAll(overrides);
        return new Settings(raw);
    }

    // ---- parsing, every failure naming its key

    private void check(final Key k) {
        switch (k) {
            case TOPICS_PARTITIONS -> partitions();
            case TOPICS_REPLICATION_FACTOR -> {
                if (replicationFactor() == 0) {
                    throw invalid(k, "must be -1 (broker default) or >= 1");
                }
            }
            case TOPICS_CREATE -> createTopics();
            case LEARNER_BACKGROUND -> learnInBackground();
            case LEARNER_ROUND_TIMEOUT -> roundTimeout();
            case MODEL_PRIOR -> priorFraudRate();
            case MODEL_PUBLISH_EVERY -> publishEvery();
            case THRESHOLD_REVIEW -> reviewThreshold();
            case THRESHOLD_BLOCK -> blockThreshold();
            case LEARNER_CLASS_WEIGHT -> classWeighting();
            case LEARNER_LOSS -> loss();
            case LEARNER_HOLDOUT_PERCENT -> holdoutPercent();
            case LEARNER_HOLDOUT_SIZE -> holdoutSize();
            case LEARNER_PROMOTION_MARGIN -> promotionMargin();
            case LEARNER_HOLDOUT_MIN_FRAUDS -> holdoutMinFrauds();
            case LEARNER_FAMILY, LEARNER_CALIBRATION, TREES_COUNT, TREES_DEPTH, TREES_LEARNING_RATE, TREES_L2, TREES_MIN_CHILD_WEIGHT,
                    TREES_BINS -> learning();
            case LEARNER_COST_WEIGHTS, LEARNER_SEED, MODEL_PUBLISH_INTERVAL, RESERVOIR_KIND, RESERVOIR_FRAUD_SIZE, RESERVOIR_LEGIT_SIZE, RESERVOIR_LEGIT_ADMISSION,
                    RESERVOIR_HALF_LIFE, SAMPLING_MODE, SAMPLING_BATCH_SIZE, SAMPLING_EPOCHS, SAMPLING_STEP_MEMORY,
                    SAMPLING_CURRICULUM_SCHEDULE, SAMPLING_CURRICULUM_ROUNDS, SAMPLING_CURRICULUM_CAP,
                    SAMPLING_PERFORMANCE_BOOST, SAMPLING_PERFORMANCE_WELL_CLASSIFIED, SAMPLING_SYNTHETIC,
                    SAMPLING_SYNTHETIC_NEIGHBOURS, SAMPLING_TOMEK, THRESHOLD_POLICY, THRESHOLD_TARGET_PRECISION,
                    THRESHOLD_ALERTS_PER_DAY, THRESHOLD_BLOCK_PRECISION, COST_REVIEW, COST_MISSED_FRAUD -> {
                // parsed together, by learning(), at construction
            }
            case FEATURES_ATTRIBUTE_BUCKETS -> attributeBuckets();
            case FEATURES_HISTORY -> historyFeatures();
            case INPUT_KEYED_BY_CARD -> inputKeyedByCard();
            case METRICS_BACKGROUND -> metricsInBackground();
            case ROCKSDB_MEMORY_MB -> rocksDbMemoryMb();
            case FEATURES_CARD_WINDOWS -> cardWindows();
            case FEATURES_MERCHANT_WINDOWS -> merchantWindows();
            case FEATURES_MERCHANT_DELAY -> merchantDelay();
            case FEATURES_MERCHANT_SMOOTHING -> merchantSmoothing();
            case LABELS_MATURITY -> labelsMaturity();
            case PENDING_HORIZON -> {
                if (pendingHorizon().compareTo(Duration.ofMinutes(1)) < 0) {
                    throw invalid(k, "must be at least 1m");
                }
            }
            case METRICS_WINDOWS, METRICS_BETA, METRICS_CARD_K -> evaluation();
            case METRICS_INTERVAL -> {
                if (metricsInterval().compareTo(Duration.ofMillis(100)) < 0) {
                    throw invalid(k, "must be at least 100ms");
                }
            }
            case INPUT_MAX_RECORD_BYTES, INPUT_MAX_ID_LENGTH, INPUT_MAX_NAME_LENGTH, INPUT_MAX_FEATURES,
                    INPUT_MAX_ATTRIBUTES -> inputLimits();
            case INPUT_MAX_FUTURE, INPUT_MAX_AGE -> eventTimeWindow();
            case HTTP_PORT -> httpPort();
            case HTTP_BIND -> httpBind();
            default -> {
                if (k.key().startsWith(Key.PREFIX + "topic.") && values.get(k).isEmpty()) {
                    throw invalid(k, "a topic name must not be empty");
                }
            }
        }
    }

    /** Everything that shapes learning: learner, reservoirs, sampling, thresholds, costs, promotion gate. */
    public LearningConfig learning() {
        return learning;
    }

    private LearningConfig parseLearning() {
        final SamplingConfig sampling = new SamplingConfig(
                choice(Key.SAMPLING_MODE, SamplingConfig.Mode.class),
                integer(Key.SAMPLING_BATCH_SIZE, 2, 10_000_000),
                integer(Key.SAMPLING_EPOCHS, 1, 1000),
                number(Key.SAMPLING_STEP_MEMORY, v -> v >= 0 && v <= 1, "in [0, 1]"),
                choice(Key.SAMPLING_CURRICULUM_SCHEDULE, SamplingConfig.Schedule.class),
                integer(Key.SAMPLING_CURRICULUM_ROUNDS, 1, Integer.MAX_VALUE),
                number(Key.SAMPLING_CURRICULUM_CAP, v -> v >= 0 && v <= 1, "in [0, 1]"),
                nonNegative(Key.SAMPLING_PERFORMANCE_BOOST),
                number(Key.SAMPLING_PERFORMANCE_WELL_CLASSIFIED, v -> v > 0 && v < 1, "in (0, 1)"),
                choice(Key.SAMPLING_SYNTHETIC, Synthetic.Method.class),
                integer(Key.SAMPLING_SYNTHETIC_NEIGHBOURS, 1, 100),
                bool(Key.SAMPLING_TOMEK));
        final CostMatrix costs = costs();
        final ThresholdPolicy thresholds = new ThresholdPolicy(choice(Key.THRESHOLD_POLICY, ThresholdPolicy.Kind.class),
                reviewThreshold(), blockThreshold(),
                number(Key.THRESHOLD_TARGET_PRECISION, v -> v > 0 && v <= 1, "in (0, 1]"),
                positive(Key.THRESHOLD_ALERTS_PER_DAY),
                number(Key.THRESHOLD_BLOCK_PRECISION, v -> v > 0 && v <= 1, "in (0, 1]"), costs);
        final Duration halfLife = duration(Key.RESERVOIR_HALF_LIFE);
        if (halfLife.toMillis() <= 0) {
            throw invalid(Key.RESERVOIR_HALF_LIFE, "must be > 0");
        }
        final Duration publishInterval = duration(Key.MODEL_PUBLISH_INTERVAL);
        if (publishInterval.isNegative()) {
            throw invalid(Key.MODEL_PUBLISH_INTERVAL, "must not be negative");
        }
        final long seed;
        try {
            seed = Long.parseLong(values.get(Key.LEARNER_SEED));
        } catch (NumberFormatException e) {
            throw invalid(Key.LEARNER_SEED, "expected an integer");
        }
        return new LearningConfig(learner, sampling, choice(Key.RESERVOIR_KIND, Reservoir.Kind.class),
                integer(Key.RESERVOIR_FRAUD_SIZE, 1, 10_000_000), integer(Key.RESERVOIR_LEGIT_SIZE, 1, 10_000_000),
                halfLife.toMillis(), number(Key.RESERVOIR_LEGIT_ADMISSION, v -> v > 0 && v <= 1, "in (0, 1]"),
                thresholds, bool(Key.LEARNER_COST_WEIGHTS),
                new PromotionGate(holdoutPercent(), holdoutSize(), promotionMargin(), holdoutMinFrauds(),
                        bool(Key.LEARNER_CALIBRATION), labelsMaturity()),
                publishEvery(), publishInterval.toMillis(), seed, families(), trees());
    }

    /** The model families trained every round, in order. */
    public List<ModelFamily> families() {
        final List<ModelFamily> out = new ArrayList<>();
        for (String part : values.get(Key.LEARNER_FAMILY).split(",")) {
            final ModelFamily f = ModelFamily.named(part.trim().toLowerCase(Locale.ROOT));
            if (f == null) {
                throw invalid(Key.LEARNER_FAMILY, "expected logistic, trees or logistic,trees");
            }
            if (out.contains(f)) {
                throw invalid(Key.LEARNER_FAMILY, f + " is listed twice");
            }
            out.add(f);
        }
        return out;
    }

    /** Hyper-parameters of the tree family. */
    public TreeConfig trees() {
        final TreeConfig trees = new TreeConfig(
                integer(Key.TREES_COUNT, 1, 10_000), integer(Key.TREES_DEPTH, 1, 12),
                number(Key.TREES_LEARNING_RATE, v -> v > 0 && v <= 1, "in (0, 1]"), nonNegative(Key.TREES_L2),
                nonNegative(Key.TREES_MIN_CHILD_WEIGHT), integer(Key.TREES_BINS, 2, 126), labelsMaturity());
        if (trees.worstCaseSnapshotBytes() > ModelSnapshot.MAX_BYTES) {
            throw invalid(Key.TREES_DEPTH, String.format(Locale.ROOT, "%d trees of depth %d could make a model "
                    + "snapshot of %.1f MB, above the %d MB a model message may have; lower %s or %s",
                    trees.trees(), trees.depth(), trees.worstCaseSnapshotBytes() / 1e6,
                    ModelSnapshot.MAX_BYTES >> 20, Key.TREES_DEPTH.key(), Key.TREES_COUNT.key()));
        }
        return trees;
    }

    /** When a transaction's label is taken as complete, ms after the transaction. */
    public long labelsMaturity() {
        final Duration m = duration(Key.LABELS_MATURITY);
        if (m.isNegative()) {
            throw invalid(Key.LABELS_MATURITY, "must not be negative");
        }
        return m.toMillis();
    }

    /** An enum constant by its lower-case, dashed name ({@code time-biased} is TIME_BIASED). */
    private <E extends Enum<E>> E choice(final Key k, final Class<E> type) {
        final String v = values.get(k).trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        final StringBuilder expected = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            expected.append(expected.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw invalid(k, "expected one of " + expected);
    }

    public int holdoutPercent() {
        return integer(Key.LEARNER_HOLDOUT_PERCENT, 0, 50);
    }

    public int holdoutSize() {
        return integer(Key.LEARNER_HOLDOUT_SIZE, 100, 1_000_000);
    }

    public int holdoutMinFrauds() {
        return integer(Key.LEARNER_HOLDOUT_MIN_FRAUDS, 1, 1_000_000);
    }

    public double promotionMargin() {
        return number(Key.LEARNER_PROMOTION_MARGIN, v -> v >= 0 && v <= 1, "in [0, 1]");
    }

    public boolean historyFeatures() {
        return bool(Key.FEATURES_HISTORY);
    }

    public int rocksDbMemoryMb() {
        return integer(Key.ROCKSDB_MEMORY_MB, 16, 1 << 20);
    }

    public boolean metricsInBackground() {
        return bool(Key.METRICS_BACKGROUND);
    }

    public boolean inputKeyedByCard() {
        return bool(Key.INPUT_KEYED_BY_CARD);
    }

    public List<Duration> cardWindows() {
        return durations(Key.FEATURES_CARD_WINDOWS);
    }

    public List<Duration> merchantWindows() {
        return durations(Key.FEATURES_MERCHANT_WINDOWS);
    }

    public Duration merchantDelay() {
        final Duration d = duration(Key.FEATURES_MERCHANT_DELAY);
        if (d.isNegative()) {
            throw invalid(Key.FEATURES_MERCHANT_DELAY, "must not be negative");
        }
        return d;
    }

    public double merchantSmoothing() {
        return nonNegative(Key.FEATURES_MERCHANT_SMOOTHING);
    }

    private List<Duration> durations(final Key k) {
        final List<Duration> out = new ArrayList<>();
        for (String part : values.get(k).split(",")) {
            final Duration d;
            try {
                d = Durations.parse(part.trim());
            } catch (IllegalArgumentException e) {
                throw invalid(k, e.getMessage());
            }
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw invalid(k, "every window must be at least 1m");
            }
            out.add(d);
        }
        return out;
    }

    private ClassWeighting classWeighting() {
        final String v = values.get(Key.LEARNER_CLASS_WEIGHT);
        try {
            return ClassWeighting.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(Key.LEARNER_CLASS_WEIGHT, "expected none, balanced, sqrt, effective or fixed");
        }
    }

    private Loss loss() {
        final String v = values.get(Key.LEARNER_LOSS).toLowerCase(Locale.ROOT);
        final double gamma = nonNegative(Key.LEARNER_FOCAL_GAMMA);
        final double alpha = number(Key.LEARNER_FOCAL_ALPHA, a -> a > 0 && a < 1, "in (0, 1)");
        return switch (v) {
            case "log" -> Loss.log();
            case "focal" -> Loss.focal(gamma, alpha);
            default -> throw invalid(Key.LEARNER_LOSS, "expected log or focal");
        };
    }

    private ConfigException invalid(final Key k, final String why) {
        return new ConfigException("invalid value '" + values.get(k) + "' for " + k.key() + ": " + why);
    }

    private int integer(final Key k, final int min, final int max) {
        final int v;
        try {
            v = Integer.parseInt(values.get(k));
        } catch (NumberFormatException e) {
            throw invalid(k, "expected an integer");
        }
        if (v < min || v > max) {
            throw invalid(k, "expected an integer in " + min + ".." + max);
        }
        return v;
    }

    private double number(final Key k, final DoublePredicate ok, final String range) {
        final double v;
        try {
            v = Double.parseDouble(values.get(k));
        } catch (NumberFormatException e) {
            throw invalid(k, "expected a number");
        }
        if (!Double.isFinite(v) || !ok.test(v)) {
            throw invalid(k, "expected a number " + range);
        }
        return v;
    }

    private double positive(final Key k) {
        return number(k, v -> v > 0, "> 0");
    }

    private double nonNegative(final Key k) {
        return number(k, v -> v >= 0, ">= 0");
    }

    private boolean bool(final Key k) {
        return switch (values.get(k).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(k, "expected true or false");
        };
    }

    private Duration duration(final Key k) {
        return parse(k, Durations::parse);
    }

    private <T> T parse(final Key k, final Function<String, T> parser) {
        try {
            return parser.apply(values.get(k));
        } catch (IllegalArgumentException e) {
            throw invalid(k, e.getMessage());
        }
    }
}
