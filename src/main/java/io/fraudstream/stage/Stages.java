package io.fraudstream.stage;

import io.fraudstream.config.Settings;
import io.fraudstream.feature.FeatureExtractor;
import java.time.Duration;

/**
 * The stage cores both engines (the Kafka Streams topology and the in-process replay) build from the settings, so
 * that the two cannot be configured apart; their definitions (card history, merchant activity, feature schema, the
 * prior model) are built in {@code config.Settings}.
 */
public final class Stages {
    /** How late (event time) a transaction may come and still find its card's history, or be known as a copy. */
    public static final Duration GRACE = Duration.ofDays(1);

    private Stages() {
    }

    public static Scoring scoring(final Settings settings) {
        return new Scoring(new FeatureExtractor(settings.attributeBuckets()));
    }

    /** The score stage of a replay: the same scores, without the reasons no outcome carries. */
    public static Scoring replayScoring(final Settings settings) {
        return new Scoring(new FeatureExtractor(settings.attributeBuckets()), 0);
    }
}
