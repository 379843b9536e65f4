package io.fraudstream.event;

/**
 * Why a transaction scored as it did: one feature and its contribution to the score's log-odds (for a linear
 * model, weight × standardised value; positive pushes towards fraud).
 *
 * @param feature      feature name
 * @param contribution contribution to the log-odds
 */
public record Reason(String feature, double contribution) {
}
