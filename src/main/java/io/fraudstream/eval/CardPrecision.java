package io.fraudstream.eval;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Card Precision@k (Fraud-Detection Handbook): for one day, the cards seen that day ranked by their highest score,
 * and the share of the top k that had a fraud that day, over min(k, cards that day). Ties between cards are broken
 * by card id, so the figure is deterministic. Outcomes without a card are not counted. Days are UTC days of the
 * transaction's event time.
 */
public final class CardPrecision {
    private static final long DAY = 86_400_000L;
    /** Highest score first; ties by card id. */
    private static final Comparator<Map.Entry<String, Card>> RANK = (a, b) -> a.getValue().max != b.getValue().max
            ? Double.compare(b.getValue().max, a.getValue().max) : a.getKey().compareTo(b.getKey());
    private final int k;
    private final Map<Long, Map<String, Card>> days = new HashMap<>();
    private long lastDay = Long.MIN_VALUE;
    private Map<String, Card> last;

    private static final class Card {
        double max = Double.NEGATIVE_INFINITY;
        boolean fraud;
    }

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
        final long day = Math.floorDiv(eventTime, DAY);
        if (day != lastDay) { // outcomes mostly come day by day: one map lookup per day, not per outcome
            last = days.computeIfAbsent(day, d -> new HashMap<>());
            lastDay = day;
        }
        Card c = last.get(card);
        if (c == null) {
            c = new Card();
            last.put(card, c);
        }
        c.max = Math.max(c.max, score);
        c.fraud |= fraud;
    }

    /** The mean over the days counted of their Card Precision@k; NaN when no outcome named a card. */
    public double meanDaily() {
        double sum = 0;
        for (Map<String, Card> cards : days.values()) {
            sum += ofDay(cards);
        }
        return days.isEmpty() ? Double.NaN : sum / days.size();
    }

    /** O(C log k): the top k by a bounded heap (all of them, unsorted, when there are no more than k). */
    private double ofDay(final Map<String, Card> cards) {
        int compromised = 0;
        if (cards.size() <= k) {
            for (Card c : cards.values()) {
                compromised += c.fraud ? 1 : 0;
            }
            return (double) compromised / cards.size();
        }
        final PriorityQueue<Map.Entry<String, Card>> top = new PriorityQueue<>(k + 1, RANK.reversed());
        for (Map.Entry<String, Card> e : cards.entrySet()) {
            if (top.size() < k) {
                top.add(e);
            } else if (RANK.compare(e, top.peek()) < 0) { // ranks above the lowest kept
                top.poll();
                top.add(e);
            }
        }
        for (Map.Entry<String, Card> e : top) {
            compromised += e.getValue().fraud ? 1 : 0;
        }
        return (double) compromised / k;
    }
}
