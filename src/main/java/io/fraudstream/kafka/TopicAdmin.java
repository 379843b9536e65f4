package io.fraudstream.kafka;

import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.learn.TreeConfig;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates fraudstream's topics when missing and checks the ones that exist: the labels topic must have as many
 * partitions as the pending repartition topic it is joined with, the transactions topic (keyed by card) as many as
 * the repartition by card it is merged with, and the outcomes topic exactly one (its readers are single writers).
 * Existing topics are never altered.
 */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /** Topic name → (partitions, extra configs) that fraudstream needs. */
    static Map<String, NewTopic> required(final Settings s) {
        final Optional<Short> rf = s.replicationFactor() < 0 ? Optional.empty() : Optional.of(s.replicationFactor());
        final Optional<Integer> p = Optional.of(s.partitions());
        final Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (Key k : List.of(Key.TOPIC_TRANSACTIONS, Key.TOPIC_LABELS, Key.TOPIC_SCORES, Key.TOPIC_ALERTS,
                Key.TOPIC_DLQ)) {
            topics.put(s.topic(k), new NewTopic(s.topic(k), p, rf));
        }
        topics.put(s.topic(Key.TOPIC_MODEL), new NewTopic(s.topic(Key.TOPIC_MODEL), Optional.of(1), rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ModelSnapshot.MAX_BYTES))));
        topics.put(s.topic(Key.TOPIC_OUTCOMES), new NewTopic(s.topic(Key.TOPIC_OUTCOMES), Optional.of(1), rf));
        topics.put(s.topic(Key.TOPIC_MERCHANT_ACTIVITY), new NewTopic(s.topic(Key.TOPIC_MERCHANT_ACTIVITY), p, rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.put(s.topic(Key.TOPIC_METRICS), new NewTopic(s.topic(Key.TOPIC_METRICS), Optional.of(1), rf));
        return topics;
    }

    /** Creates what is missing (when allowed) and fails fast, naming the topic, on what cannot work. */
    private static final Duration LEADER_WAIT = Duration.ofSeconds(60);

    /**
     * Checks and creates the topics; returns the settings to run with: those given, or, when they leave
     * {@code topics.partitions} at its default and the input topics exist, with the partition count those topics
     * have (a cluster's own topics of 1 or 12 partitions are then run as they are, instead of refused).
     */
    public static Settings ensureTopics(final Settings settings) {
        return ensureTopics(settings, Map.of());
    }

    /**
     * As {@link #ensureTopics(Settings)}, giving the topics it creates these extra configs too; a replay of
     * historical data needs {@code retention.ms=-1}, or the broker deletes its months-old records as it writes them.
     */
    public static Settings ensureTopics(final Settings given, final Map<String, String> extraConfigs) {
        try (Admin admin = Admin.create(adminProperties(given))) {
            final Set<String> existing = admin.listTopics().names().get();
            final Settings settings = withExistingPartitions(given, admin, existing);
            createAndCheck(settings, extraConfigs, admin, existing);
            return settings;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe topics at " + given.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static void createAndCheck(final Settings settings, final Map<String, String> extraConfigs,
                                       final Admin admin, final Set<String> existing)
            throws ExecutionException, InterruptedException {
        final Map<String, NewTopic> required = required(settings);
        if (!extraConfigs.isEmpty()) {
            required.replaceAll((name, topic) -> {
                final Map<String, String> configs = new LinkedHashMap<>(extraConfigs);
                if (topic.configs() != null) {
                    configs.putAll(topic.configs());
                }
                return topic.configs(configs);
            });
        }
        final List<NewTopic> missing = new ArrayList<>();
        required.forEach((name, topic) -> {
            if (!existing.contains(name)) {
                missing.add(topic);
            }
        });
        if (!missing.isEmpty()) {
            if (!settings.createTopics()) {
                throw new ConfigException("missing topics " + missing.stream().map(NewTopic::name).toList()
                        + " and " + Key.TOPICS_CREATE.key() + " is false");
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InvalidReplicationFactorException) { // e.g. 3 on a single broker
                    throw new ConfigException("cannot create topics " + missing.stream().map(NewTopic::name).toList()
                            + " with " + Key.TOPICS_REPLICATION_FACTOR.key() + "=" + settings.replicationFactor()
                            + ": " + e.getCause().getMessage());
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        }
        final Map<String, TopicDescription> described = awaitLeaders(admin, required.keySet(), LEADER_WAIT);
        check(settings, described, Key.TOPIC_LABELS, settings.partitions());
        if (settings.historyFeatures() && settings.inputKeyedByCard()) {
            // a card's records keyed right and those re-keyed by card must meet in the same task
            check(settings, described, Key.TOPIC_TRANSACTIONS, settings.partitions());
        }
        check(settings, described, Key.TOPIC_OUTCOMES, 1);
        checkModelMessageSize(settings, admin);
    }

    /**
     * {@code topics.partitions} as the existing input topics have it, unless given: the transactions topic's count
     * (else the labels topic's) when every existing one of the two has that count. Input topics that disagree are
     * left to {@link #check} to name.
     */
    private static Settings withExistingPartitions(final Settings settings, final Admin admin,
                                                   final Set<String> existing)
            throws ExecutionException, InterruptedException {
        if (settings.given(Key.TOPICS_PARTITIONS)) {
            return settings;
        }
        final List<String> inputs = new ArrayList<>();
        for (Key k : List.of(Key.TOPIC_TRANSACTIONS, Key.TOPIC_LABELS)) {
            if (existing.contains(settings.topic(k))) {
                inputs.add(settings.topic(k));
            }
        }
        if (inputs.isEmpty()) {
            return settings;
        }
        final Set<Integer> counts = new TreeSet<>();
        admin.describeTopics(inputs).allTopicNames().get().values()
                .forEach(d -> counts.add(d.partitions().size()));
        final int count = counts.iterator().next();
        if (counts.size() > 1 || count == settings.partitions()) {
            return settings;
        }
        LOG.info("{} not set: {} partitions, as the existing topics {} have", Key.TOPICS_PARTITIONS.key(), count,
                inputs);
        return settings.with(Map.of(Key.TOPICS_PARTITIONS.key(), Integer.toString(count)));
    }

    /** A model topic made elsewhere must take the largest snapshot the tree settings can make. */
    private static void checkModelMessageSize(final Settings settings, final Admin admin)
            throws ExecutionException, InterruptedException {
        final TreeConfig trees = settings.trees();
        final ModelFamily largest = settings.families().stream()
                .max(Comparator.comparingLong(trees::worstCaseSnapshotBytes)).orElseThrow();
        final long needed = trees.worstCaseSnapshotBytes(largest);
        final String topic = settings.topic(Key.TOPIC_MODEL);
        final ConfigResource resource = new ConfigResource(
                ConfigResource.Type.TOPIC, topic);
        final ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get()
                .get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (entry != null && entry.value() != null && Long.parseLong(entry.value()) < needed) {
            throw new ConfigException("topic " + topic + " (" + Key.TOPIC_MODEL.key() + ") takes messages of at most "
                    + entry.value() + " bytes, but a " + largest + " model of " + trees.treesPerModel(largest)
                    + " trees (" + Key.TREES_COUNT.key() + "=" + trees.trees() + ", " + Key.TREES_BAGS.key() + "="
                    + trees.bags() + ", " + Key.TREES_FEEDBACK_WEIGHT.key() + "=" + trees.feedbackWeight() + ") of "
                    + Key.TREES_DEPTH.key() + "=" + trees.depth() + " may need " + needed
                    + "; raise the topic's " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " (fraudstream creates it with "
                    + ModelSnapshot.MAX_BYTES + ") or lower the tree settings");
        }
    }

    /**
     * Describes the topics once every partition has a leader that serves it. Records sent to a topic created a
     * moment ago, before its partitions have leaders, wait in the producer and may expire (seen on a loaded 2-core
     * machine); and a leader named in the metadata may not have taken its partition on yet — an idempotent
     * producer that got NOT_LEADER_OR_FOLLOWER there went on to OUT_OF_ORDER_SEQUENCE_NUMBER for ever (seen in a
     * test: the broker took a later batch as the partition's first, so the retried first batch can never fit;
     * KAFKA-15591, fixed in brokers after 4.3, where that batch is lost once its delivery timeout expires).
     * Listing the partitions' end offsets asks each leader itself.
     */
    public static Map<String, TopicDescription> awaitLeaders(final Admin admin, final Collection<String> topics,
                                                             final Duration timeout)
            throws ExecutionException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                if (described.values().stream().allMatch(d -> d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                    final Map<TopicPartition, OffsetSpec> ends =
                            new LinkedHashMap<>();
                    described.values().forEach(d -> d.partitions().forEach(p -> ends.put(
                            new TopicPartition(d.name(), p.partition()),
                            OffsetSpec.latest())));
                    admin.listOffsets(ends).all().get();
                    return described;
                }
            } catch (ExecutionException e) {
                // not created, or not led, or not served yet
                if (!(e.getCause() instanceof RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " still have partitions without a serving leader "
                        + "after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Deletes fraudstream's topics and the application's internal topics (those named {@code <application.id>-…}):
     * for runs whose topics are theirs alone, such as a replay.
     */
    public static void deleteTopics(final Settings settings) {
        try (Admin admin = Admin.create(adminProperties(settings))) {
            final List<String> doomed = new ArrayList<>(required(settings).keySet());
            for (String t : admin.listTopics().names().get()) {
                if (t.startsWith(settings.applicationId() + "-")) {
                    doomed.add(t);
                }
            }
            admin.deleteTopics(doomed).all().get();
            LOG.info("Deleted topics {}", doomed);
        } catch (ExecutionException e) {
            LOG.warn("Could not delete topics: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties adminProperties(final Settings settings) {
        final Properties props = new Properties();
        props.putAll(settings.adminProperties());
        return props;
    }

    private static void check(final Settings s, final Map<String, TopicDescription> described, final Key topic,
                              final int expected) {
        final int actual = described.get(s.topic(topic)).partitions().size();
        if (actual != expected) {
            throw new ConfigException("topic '" + s.topic(topic) + "' (" + topic.key() + ") has " + actual
                    + " partitions, fraudstream needs " + expected
                    + (topic == Key.TOPIC_OUTCOMES ? "" : " (= " + Key.TOPICS_PARTITIONS.key() + ")")
                    + (topic == Key.TOPIC_TRANSACTIONS ? "; or set " + Key.INPUT_KEYED_BY_CARD.key() + "=false" : ""));
        }
    }
}
