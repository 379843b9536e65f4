package io.fraudstream.app;

import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.load.PassThrough;
import io.fraudstream.load.Skeleton;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.runtime.FraudstreamApp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code bench} runs on a target's topics: fraudstream itself, or one of its two yardsticks — the
 * {@link Skeleton} (fraudstream's hops and stores, no logic) and the {@link PassThrough} (one read, one write).
 */
final class BenchTarget implements AutoCloseable {
    /** The three targets, in the order a run measures them. */
    enum Kind {
        FRAUDSTREAM("fraudstream", true),
        SKELETON("skeleton", true),
        PASS_THROUGH("pass-through", false);

        final String label;
        /** Whether it reads labels (so the load sends them, and its CPU is per transaction and label). */
        final boolean labels;

        Kind(final String label, final boolean labels) {
            this.label = label;
            this.labels = labels;
        }
    }

    private final FraudstreamApp app;
    /** The skeleton's or the pass-through's Kafka Streams (null for fraudstream). */
    private final KafkaStreams streams;
    private final Skeleton skeleton;

    private BenchTarget(final FraudstreamApp app, final KafkaStreams streams, final Skeleton skeleton) {
        this.app = app;
        this.streams = streams;
        this.skeleton = skeleton;
    }

    static BenchTarget start(final Kind kind, final Settings settings) {
        return switch (kind) {
            case FRAUDSTREAM -> new BenchTarget(FraudstreamApp.start(settings), null, null);
            case SKELETON -> {
                final Skeleton s = Skeleton.start(settings.streamsProperties(), new Skeleton.Topics(
                        settings.topic(Key.TOPIC_TRANSACTIONS), settings.topic(Key.TOPIC_LABELS),
                        settings.topic(Key.TOPIC_SCORES), settings.topic(Key.TOPIC_OUTCOMES),
                        settings.topic(Key.TOPIC_MERCHANT_ACTIVITY)));
                yield new BenchTarget(null, s.streams(), s);
            }
            case PASS_THROUGH -> new BenchTarget(null, PassThrough.start(settings.streamsProperties(),
                    settings.topic(Key.TOPIC_TRANSACTIONS), settings.topic(Key.TOPIC_SCORES)), null);
        };
    }

    KafkaStreams.State state() {
        return app != null ? app.state() : streams.state();
    }

    Map<MetricName, ? extends Metric> kafkaMetrics() {
        return app != null ? app.kafkaMetrics() : streams.metrics();
    }

    /**
     * Whether every one of {@code transactions} met its label and the last stage took the outcome (fraudstream: the
     * learner; a label counted on arrival may still wait at the join for its transaction). False without labels.
     */
    boolean learntFrom(final long transactions) {
        if (app != null) {
            final FraudMeters m = app.meters();
            return m.counter("fraud.outcomes.joined") >= transactions
                    && m.counter("fraud.learner.outcomes") >= transactions;
        }
        return skeleton != null && skeleton.outcomes() >= transactions;
    }

    /** What the target adds to the labels line: fraudstream's model versions published, else nothing. */
    String afterLabels() {
        return app == null ? "" : String.format(Locale.ROOT, "; %.0f model versions published",
                app.meters().counter("fraud.model.published"));
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        } else {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
