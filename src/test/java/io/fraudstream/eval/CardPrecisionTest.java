package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Card Precision@k against its definition on random sets: many cards or few, several days, scores with heavy ties
 * across the k-th place (broken by card id), cards without an id; half of them counted by one instance restarted
 * for each (its tables kept from the sets before).
 */
class CardPrecisionTest {
    private static final long DAY = 86_400_000L;

    private record Outcome(long time, String card, double score, boolean fraud) {
    }

    @Test
    void everyReadMatchesTheDefinition() {
        final Random random = new Random(11);
        final CardPrecision reused = new CardPrecision(1); // every other read restarts it, as the evaluator does
        for (int read = 0; read < 200; read++) {
            final int k = 1 + random.nextInt(read % 2 == 0 ? 5 : 300);
            final int cardCount = 1 + random.nextInt(read % 3 == 0 ? 20 : 5_000);
            final int levels = 2 + random.nextInt(read % 2 == 0 ? 5 : 10_000);
            final List<Outcome> outcomes = new ArrayList<>();
            final int n = random.nextInt(6_000);
            for (int i = 0; i < n; i++) {
                outcomes.add(new Outcome(random.nextInt(4) * DAY - random.nextInt((int) DAY) + 17_000 * DAY,
                        random.nextInt(20) == 0 ? null : "c" + random.nextInt(cardCount),
                        random.nextInt(levels) / (double) levels, random.nextDouble() < 0.1));
            }
            final CardPrecision cards = read % 2 == 0 ? new CardPrecision(k) : reused.restart(k);
            outcomes.forEach(o -> cards.add(o.time(), o.card(), o.score(), o.fraud()));
            final double expected = reference(outcomes, k);
            if (Double.isNaN(expected)) {
                assertThat(cards.meanDaily()).as("read %d", read).isNaN();
            } else {
                assertThat(cards.meanDaily()).as("read %d", read).isCloseTo(expected, within(1e-12));
            }
        }
    }

    /** Each day's cards sorted by id, then stably by highest score: the top k's share of compromised cards. */
    private static double reference(final List<Outcome> outcomes, final int k) {
        final Map<Long, Map<String, double[]>> days = new TreeMap<>(); // card -> {max, fraud}
        for (Outcome o : outcomes) {
            if (o.card() != null) {
                final double[] c = days.computeIfAbsent(Math.floorDiv(o.time(), DAY), d -> new TreeMap<>())
                        .computeIfAbsent(o.card(), x -> new double[] {Double.NEGATIVE_INFINITY, 0});
                c[0] = Math.max(c[0], o.score());
                c[1] = Math.max(c[1], o.fraud() ? 1 : 0);
            }
        }
        if (days.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map<String, double[]> day : days.values()) {
            final List<Map.Entry<String, double[]>> ranked = new ArrayList<>(day.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]));
            final int top = Math.min(k, ranked.size());
            double compromised = 0;
            for (Map.Entry<String, double[]> e : ranked.subList(0, top)) {
                compromised += e.getValue()[1];
            }
            sum += compromised / top;
        }
        return sum / days.size();
    }
}
