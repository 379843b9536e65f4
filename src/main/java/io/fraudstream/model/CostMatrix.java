package io.fraudstream.model;

/**
 * What decisions cost, per transaction: an alert (REVIEW or BLOCK) costs a review, whether it was fraud or not;
 * a missed fraud costs its amount (or a fixed value); a legitimate transaction approved costs nothing.
 * Used to weight training examples (a fraud's weight grows with what missing it costs) and to choose the
 * threshold that minimises the expected cost.
 *
 * @param reviewCost     cost of one alert
 * @param missedByAmount a missed fraud costs its amount; otherwise {@code missedFraud}
 * @param missedFraud    cost of a missed fraud when not by amount
 */
public record CostMatrix(double reviewCost, boolean missedByAmount, double missedFraud) {
    public CostMatrix {
        if (!(reviewCost >= 0) || !(missedFraud >= 0)) {
            throw new IllegalArgumentException("costs must be >= 0");
        }
    }

    public static CostMatrix defaults() {
        return new CostMatrix(5, true, 0);
    }

    /** Cost of missing a fraud of this amount. */
    public double missed(final double amount) {
        return missedByAmount ? amount : missedFraud;
    }

    /** Cost of one decision. */
    public double cost(final boolean fraud, final boolean alerted, final double amount) {
        return alerted ? reviewCost : fraud ? missed(amount) : 0;
    }
}
