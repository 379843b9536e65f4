package io.fraudstream.stage;

import io.fraudstream.config.Settings;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.model.ModelSnapshot;
import java.time.Duration;

/**
 * What the stage cores are made of, read from the settings once for both engines (the Kafka Streams topology and
 * the in-process replay), so that the two cannot be configured apart.
 */
public final class Stages {
    /** How late (event time) a transaction may come and still find its card's history, or be known as a copy. */
    public static final Duration GRACE = Duration.ofDays(1);

    private Stages() {
    }

    /** The card history's definition, or null without history features. */
    public static CardHistory cardHistory(final Settings settings) {
        return settings.historyFeatures() ? new CardHistory(settings.cardWindows()) : null;
    }

    /** The merchant activity's definition, or null without history features. */
    public static MerchantActivity merchantActivity(final Settings settings) {
        return settings.historyFeatures() ? new MerchantActivity(settings.merchantDelay(), settings.merchantWindows(),
                settings.priorFraudRate(), settings.merchantSmoothing()) : null;
    }

    /** The feature schema these settings compute (and accept models for). */
    public static FeatureSchema schema(final Settings settings) {
        return FeatureSchema.of(cardHistory(settings), merchantActivity(settings));
    }

    /** The prior-only model every scorer starts with. */
    public static ModelSnapshot prior(final Settings settings) {
        return ModelSnapshot.prior(settings.priorFraudRate(), settings.reviewThreshold(), settings.blockThreshold(),
                schema(settings).id());
    }

    public static Scoring scoring(final Settings settings) {
        return new Scoring(new FeatureExtractor(settings.attributeBuckets()));
    }

    /** The score stage of a replay: the same scores, without the reasons no outcome carries. */
    public static Scoring replayScoring(final Settings settings) {
        return new Scoring(new FeatureExtractor(settings.attributeBuckets()), 0);
    }
}
