package io.fraudstream.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Card Precision@k (Fraud-Detection Handbook): for one day, the cards seen that day ranked by their highest score,
 * and the share of the top k that had a fraud that day, over min(k, cards that day). Ties between cards are broken
 * by card id, so the figure is deterministic. Outcomes without a card are not counted. Days are UTC days of the
 * transaction's event time.
 */
public final class CardPrecision {
    private static final long DAY = 86_400_000L;
    private final int k;
    private final Map<Long, Map<String, double[]>> days = new HashMap<>(); // day -> card -> {max score, any fraud}

    public CardPrecision(final int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        this.k = k;
    }

    /** Counts one outcome. */
    public void add(final long eventTime, final String card, final double score, final boolean fraud) {
        if (card == null) {
            return;
        }
        final double[] c = days.computeIfAbsent(Math.floorDiv(eventTime, DAY), d -> new HashMap<>())
                .computeIfAbsent(card, x -> new double[] {Double.NEGATIVE_INFINITY, 0});
        c[0] = Math.max(c[0], score);
        c[1] = Math.max(c[1], fraud ? 1 : 0);
    }

    /** Card Precision@k of each day counted, by UTC day number (epoch day). */
    public Map<Long, Double> daily() {
        final Map<Long, Double> out = new java.util.TreeMap<>();
        days.forEach((day, cards) -> out.put(day, ofDay(cards)));
        return out;
    }

    /** The mean over the days counted of their Card Precision@k; NaN when no outcome named a card. */
    public double meanDaily() {
        return daily().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private double ofDay(final Map<String, double[]> cards) {
        final List<Map.Entry<String, double[]>> ranked = new ArrayList<>(cards.entrySet());
        ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Double.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        final int top = Math.min(k, ranked.size());
        int compromised = 0;
        for (int i = 0; i < top; i++) {
            compromised += ranked.get(i).getValue()[1] > 0 ? 1 : 0;
        }
        return (double) compromised / top;
    }
}
