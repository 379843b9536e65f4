package io.fraudstream.bench;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Transaction;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureExtractor;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.learn.LearnerConfig;
import io.fraudstream.learn.OnlineLogisticLearner;
import io.fraudstream.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per transaction of the feature stages and of scoring, without Kafka (the stores' own cost is measured
 * end to end by {@code replay} and {@code bench}). Run: {@code mvn -B -Pjmh verify} (all benchmarks), or
 * {@code mvn -B -Pjmh verify -Djmh.args="FeatureBenchmark.card -p cardEvents=60"}.
 *
 * <ul>
 *   <li>{@code card}: the card features from a card's history of {@code cardEvents} earlier transactions (about 60
 *       for a card paying twice a day over 30 days);</li>
 *   <li>{@code merchant}: the merchant features from 38 days of hourly counters;</li>
 *   <li>{@code extractAndScore}: stateless features + history, the model's score and its top-3 reasons.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeatureBenchmark {
    private static final long DAY = 86_400_000L;
    private static final long NOW = 400 * DAY + 13 * 3_600_000L;

    @Param({"10", "60", "300"})
    int cardEvents;

    private CardHistory card;
    private List<CardHistory.Event> events;
    private MerchantActivity merchant;
    private long[] dayStarts;
    private int[][] days;
    private FeatureExtractor extractor;
    private Transaction transaction;
    private FeatureVector history;
    private Model model;

    @Setup
    public void setUp() {
        final Random r = new Random(1);
        card = new CardHistory(List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
                Duration.ofDays(30)));
        events = new ArrayList<>();
        for (int i = 0; i < cardEvents; i++) {
            events.add(new CardHistory.Event(NOW - (long) (r.nextDouble() * 30 * DAY), 5 + r.nextDouble() * 100,
                    "T" + r.nextInt(20)));
        }
        merchant = new MerchantActivity(Duration.ofDays(7), List.of(Duration.ofDays(1), Duration.ofDays(7),
                Duration.ofDays(30)), 0.005, 10);
        final long first = merchant.firstDay(NOW);
        final int n = (int) ((merchant.lastDay(NOW) - first) / DAY) + 1;
        dayStarts = new long[n];
        days = new int[n][48];
        for (int d = 0; d < n; d++) {
            dayStarts[d] = first + d * DAY;
            for (int h = 0; h < 24; h++) {
                days[d][h] = r.nextInt(20);
                days[d][24 + h] = r.nextInt(20) == 0 ? 1 : 0;
            }
        }
        extractor = new FeatureExtractor(32);
        transaction = new Transaction("t1", NOW, 42.5, "C1", "T3", "EUR", Map.of("distance_km", 12.0),
                Map.of("channel", "pos"));
        history = cardFeatures().plus(merchantFeatures());
        final OnlineLogisticLearner learner = new OnlineLogisticLearner(LearnerConfig.defaults());
        for (int i = 0; i < 20_000; i++) {
            final boolean fraud = r.nextDouble() < 0.01;
            final FeatureVector x = extractor.extract(new Transaction("x" + i, NOW - i * 1000L,
                    fraud ? 300 * r.nextDouble() : 50 * r.nextDouble(), "C" + r.nextInt(100), "T" + r.nextInt(50),
                    "EUR", Map.of("distance_km", r.nextDouble() * (fraud ? 300 : 30)),
                    Map.of("channel", r.nextBoolean() ? "pos" : "ecom")), history);
            learner.update(x, fraud);
        }
        model = new Model(learner.snapshot(1, 0, NOW, 0.2, 0.6, "bench"));
    }

    @Benchmark
    public FeatureVector card() {
        return cardFeatures();
    }

    @Benchmark
    public FeatureVector merchant() {
        return merchantFeatures();
    }

    @Benchmark
    public double extractAndScore() {
        final FeatureVector x = extractor.extract(transaction, history);
        final Model.Assessment a = model.assess(x, 3);
        return a.score() + a.reasons().size();
    }

    private FeatureVector cardFeatures() {
        return card.features(NOW, 42.5, "T3", events, NOW - 60 * DAY);
    }

    private FeatureVector merchantFeatures() {
        return merchant.features(NOW, dayStarts, days, NOW - 60 * DAY);
    }
}
