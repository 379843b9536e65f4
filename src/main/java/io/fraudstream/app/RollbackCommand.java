package io.fraudstream.app;

import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.topology.TopicKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollback --to-version V}: makes an earlier model the current one again. Its snapshot (kept on the model
 * topic under its archive key) is re-issued as the next version, parent = the version it replaces, and written as
 * the champion: every scorer installs it at once, and the learner adopts it as its champion, so the versions it
 * publishes next continue from there.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make an earlier model version current again (re-issued as the next version).")
final class RollbackCommand implements Callable<Integer> {
    private static final Serde<ModelSnapshot> SNAPSHOTS = EventSerdes.json(ModelSnapshot.class);

    @Option(names = "--to-version", paramLabel = "V", description = "The version to bring back.")
    Long toVersion;

    @Option(names = "--list", description = "List the versions on the model topic and stop.")
    boolean list;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of the running application (its cluster and topic names).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "The cluster (instead of --config).")
    String bootstrapServers;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. "
            + "--set fraudstream.topic.model=models")
    Map<String, String> overrides = new HashMap<>();

    @Override
    public Integer call() {
        final Map<String, String> raw = new HashMap<>(config == null ? Map.of() : Settings.readProperties(config));
        if (bootstrapServers != null) {
            raw.put("bootstrap.servers", bootstrapServers);
        }
        raw.putAll(overrides);
        final Settings settings = Settings.from(raw, System.getenv());
        if (!list && toVersion == null) {
            throw new ConfigException("say which version to bring back: --to-version V (or --list)");
        }
        final String topic = settings.topic(Key.TOPIC_MODEL);
        final History history = read(settings, topic, settings.schema().id());
        if (list) {
            history.archive().values().forEach(m -> System.out.printf("v%d  parent v%d  created %s  holdout PR-AUC %s%s%n",
                    m.version(), m.parentVersion(), Instant.ofEpochMilli(m.createdAt()),
                    m.holdoutPrAuc() == null ? "n/a" : String.format("%.4f", m.holdoutPrAuc()),
                    history.current() != null && history.current().version() == m.version() ? "  (current)" : ""));
            return 0;
        }
        final ModelSnapshot reissued = reissue(history, toVersion, System.currentTimeMillis());
        final Properties p = new Properties();
        p.putAll(settings.producerProperties());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            final byte[] value = SNAPSHOTS.serializer().serialize(topic, reissued);
            producer.send(new ProducerRecord<>(topic, TopicKeys.archive(reissued.version()), value));
            producer.send(new ProducerRecord<>(topic, TopicKeys.CHAMPION, value));
            producer.flush();
        }
        System.out.printf("Model v%d is current again, as v%d (replacing v%d).%n", toVersion, reissued.version(),
                reissued.parentVersion());
        return 0;
    }

    /** What the model topic holds: every archived version, and the current champion (null: none yet). */
    record History(TreeMap<Long, ModelSnapshot> archive, ModelSnapshot current) {
    }

    /** The snapshot that makes {@code target} current again: its parameters as the version after the newest. */
    static ModelSnapshot reissue(final History history, final long target, final long now) {
        final ModelSnapshot old = history.archive().get(target);
        if (old == null) {
            throw new ConfigException("no model version " + target + " on the model topic; versions there: "
                    + history.archive().keySet());
        }
        final long newest = Math.max(history.archive().isEmpty() ? 0 : history.archive().lastKey(),
                history.current() == null ? 0 : history.current().version());
        final long replaces = history.current() == null ? newest : history.current().version();
        if (history.current() != null && !Objects.equals(old.schema(), history.current().schema())) {
            throw new ConfigException("model version " + target + " was trained with feature schema " + old.schema()
                    + ", the current one with " + history.current().schema() + ": the scorers would refuse it");
        }
        if (replaces == target) {
            throw new ConfigException("model version " + target + " is already the current one");
        }
        return old.reissued(newest + 1, replaces, now);
    }

    /** The model topic's valid snapshots; records {@link ModelCheck} refuses are skipped with a line each. */
    private static History read(final Settings settings, final String topic, final String schema) {
        final Properties p = new Properties();
        p.putAll(settings.consumerProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final TreeMap<Long, ModelSnapshot> archive = new TreeMap<>();
        ModelSnapshot current = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the model topic " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!TopicKeys.isArchive(r.key()) && !TopicKeys.CHAMPION.equals(r.key())) {
                        continue;
                    }
                    final ModelSnapshot m;
                    try {
                        m = ModelCheck.parse(r.value(), schema);
                    } catch (InvalidRecordException e) {
                        System.err.printf("skipped the %s record at offset %d (%s): %s%n", r.key(), r.offset(),
                                e.reason(), e.getMessage());
                        continue;
                    }
                    if (TopicKeys.isArchive(r.key())) {
                        archive.put(m.version(), m);
                    } else if (TopicKeys.CHAMPION.equals(r.key())) {
                        current = m;
                    }
                }
            }
        }
        return new History(archive, current);
    }

}
