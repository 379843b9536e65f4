package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.app.Main;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.kafka.EmbeddedKafkaBroker;
import io.fraudstream.runtime.FraudstreamApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a broker that authenticates (SASL SCRAM-SHA-512) and authorizes by ACLs, as a user holding exactly
 * the ACLs the README lists: topics created, transactions scored under exactly-once, labels joined, a model learnt and
 * published; and {@code rollback --list} reading the model topic with the same security keys.
 */
@Tag("integration")
class SecuredClusterIT {
    private static final String USER = "fraudstream";
    private static final String PASSWORD = "fraudstream-secret";
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.startSecured();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The ACLs the README lists for an application id and its topics. */
    static List<AclBinding> acls(final Settings settings) {
        final String principal = "User:" + USER;
        final List<AclBinding> out = new ArrayList<>();
        final BiConsumer<ResourcePattern, AclOperation[]> allow = (resource, operations) -> {
            for (AclOperation op : operations) {
                out.add(new AclBinding(resource, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
            }
        };
        for (Key k : Key.values()) {
            if (k.key().startsWith(Key.PREFIX + "topic.")) {
                allow.accept(new ResourcePattern(ResourceType.TOPIC, settings.topic(k), PatternType.LITERAL),
                        new AclOperation[] {AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
                                AclOperation.READ, AclOperation.WRITE});
            }
        }
        final String app = settings.applicationId();
        allow.accept(new ResourcePattern(ResourceType.TOPIC, app + "-", PatternType.PREFIXED), new AclOperation[] {
                AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ,
                AclOperation.WRITE, AclOperation.DELETE});
        allow.accept(new ResourcePattern(ResourceType.GROUP, app, PatternType.LITERAL),
                new AclOperation[] {AclOperation.READ, AclOperation.DESCRIBE});
        allow.accept(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, app, PatternType.PREFIXED),
                new AclOperation[] {AclOperation.WRITE, AclOperation.DESCRIBE});
        return out;
    }

    @Test
    void thePipelineRunsAsAUserWithExactlyTheListedAcls() throws Exception {
        final Map<String, String> security = Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                        + "\" password=\"" + PASSWORD + "\";");
        final Map<String, String> overrides = new HashMap<>(security);
        overrides.put(Key.MODEL_PUBLISH_EVERY.key(), "200");
        overrides.put(Key.LEARNER_HOLDOUT_PERCENT.key(), "0");
        overrides.put(Key.TOPICS_REPLICATION_FACTOR.key(), "1");
        final Settings settings = ItSettings.of(broker.saslBootstrapServers(), overrides);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get();
            admin.createAcls(acls(settings)).all().get();
        }
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        final Random random = new Random(5);
        final int n = 600;
        try (FraudstreamApp app = FraudstreamApp.start(settings);
             KafkaProducer<String, byte[]> producer = Clients.producer(broker.bootstrapServers());
             KafkaConsumer<String, byte[]> scores = Clients.readCommitted(broker.bootstrapServers())) {
            for (int i = 0; i < n; i++) {
                final Transaction t = PipelineContract.transaction("s" + i, t0.plusSeconds(i), random.nextDouble() < 0.05,
                        random);
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_TRANSACTIONS), t.recordKey(),
                        TransactionJson.write(t)));
                producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_LABELS), t.id(), LabelJson.write(
                        new Label(t.id(), t.amount() > 60, t.timestamp() + 500))));
            }
            producer.flush();
            final List<ConsumerRecord<String, byte[]>> scored = Clients.readUntil(scores,
                    settings.topic(Key.TOPIC_SCORES), r -> r.size() >= n, Duration.ofSeconds(120));
            assertThat(scored).hasSize(n);
            final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (app.meters().scoring().modelVersion() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.meters().scoring().modelVersion()).as("models learnt, published and installed").isGreaterThanOrEqualTo(2);
            assertThat(app.meters().counter("fraud.processing.errors")).isZero();
            assertThat(app.ready()).isTrue();
        }
        // the ACLs are enforced: the same user may not write a topic it was not given
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("forbidden", 1, (short) 1))).all().get();
        }
        final Map<String, Object> client = new HashMap<>(settings.producerProperties());
        client.put("max.block.ms", "10000");
        try (KafkaProducer<String, byte[]> intruder = new KafkaProducer<>(client,
                new StringSerializer(),
                new ByteArraySerializer())) {
            Assertions.assertThatThrownBy(() -> intruder.send(new ProducerRecord<>("forbidden",
                            "k", new byte[1])).get()).hasRootCauseInstanceOf(
                    TopicAuthorizationException.class);
        }
        // the command line's own clients take the same keys
        final List<String> args = new ArrayList<>(List.of("rollback", "--list", "--bootstrap-servers",
                broker.saslBootstrapServers(), "--set", Key.TOPIC_MODEL.key() + "=" + settings.topic(Key.TOPIC_MODEL)));
        security.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        assertThat(Main.execute(args.toArray(String[]::new))).isZero();
    }
}
