package io.fraudstream.sim;

import io.fraudstream.event.Transaction;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic card transactions in which fraud is learnable from the transaction's own fields, but not
 * trivially: fraud tends to larger amounts (relative to the card's usual spend), card-not-present channels,
 * foreign countries, long distances from home and young cards, and a share of legitimate traffic looks the
 * same way on each of those. Deterministic for a seed.
 */
public final class SyntheticTransactions {
    private static final String[] FOREIGN = {"US", "GB", "NG", "BR", "RU", "CN", "IN"};
    private final Random random;
    private final double fraudRate;
    private final double[] cardMeanLog;

    public SyntheticTransactions(final long seed, final double fraudRate, final int cards) {
        this.random = new Random(seed);
        this.fraudRate = fraudRate;
        this.cardMeanLog = new double[cards];
        for (int i = 0; i < cards; i++) {
            cardMeanLog[i] = 3.2 + 0.6 * random.nextGaussian();
        }
    }

    /** Draws whether the next transaction is fraud, at the configured rate. */
    public boolean nextIsFraud() {
        return random.nextDouble() < fraudRate;
    }

    /** A label delay: frauds are investigated sooner than legitimate transactions are confirmed. */
    public long labelDelayMillis(final boolean fraud, final long minFraud, final long minLegit) {
        return fraud ? minFraud + (long) (random.nextDouble() * 3 * minFraud)
                : minLegit + (long) (random.nextDouble() * 2 * minLegit);
    }

    public Transaction next(final String id, final long time, final boolean fraud) {
        final int card = random.nextInt(cardMeanLog.length);
        final double amount = Math.round(Math.exp(cardMeanLog[card] + 0.7 * random.nextGaussian()
                + (fraud ? 1.0 + random.nextDouble() * 1.5 : 0)) * 100) / 100.0;
        final double u = random.nextDouble();
        final String channel = fraud ? (u < 0.6 ? "ecom" : u < 0.9 ? "pos" : "atm")
                : (u < 0.25 ? "ecom" : u < 0.95 ? "pos" : "atm");
        final boolean foreign = random.nextDouble() < (fraud ? 0.45 : 0.04);
        final String country = foreign ? FOREIGN[random.nextInt(FOREIGN.length)] : "FR";
        final double distance = -Math.log(1 - random.nextDouble()) * (fraud ? 300 : 15);
        final double cardAge = fraud ? 10 + random.nextDouble() * 900 : 30 + random.nextDouble() * 3000;
        return new Transaction(id, time, amount, "card-" + card, "merchant-" + random.nextInt(500), "EUR",
                Map.of("distance_km", Math.round(distance * 10) / 10.0, "card_age_days", Math.floor(cardAge)),
                Map.of("channel", channel, "country", country));
    }
}
