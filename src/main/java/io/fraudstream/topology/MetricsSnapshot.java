package io.fraudstream.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fraudstream.eval.WindowMetrics;

/**
 * The JSON published on the metrics topic. Undefined metrics (NaN) are written as null.
 *
 * @param window     window name, e.g. {@code last10000}
 * @param time       wall-clock time of the snapshot, epoch ms
 * @param totalOutcomes labelled outcomes evaluated since the start of the application
 * @param outcomes   outcomes in the window
 * @param frauds     frauds in the window
 * @param truePositives  alerted frauds
 * @param falsePositives alerted legitimate transactions
 * @param precision  precision of alerts, or null
 * @param recall     recall of alerts, or null
 * @param prAuc      average precision, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricsSnapshot(String window, long time, long totalOutcomes, int outcomes, int frauds,
                              int truePositives, int falsePositives, Double precision, Double recall, Double prAuc) {
    static MetricsSnapshot of(final String window, final long time, final long total, final WindowMetrics m) {
        return new MetricsSnapshot(window, time, total, m.count(), m.positives(), m.truePositives(),
                m.falsePositives(), orNull(m.precision()), orNull(m.recall()), orNull(m.prAuc()));
    }

    private static Double orNull(final double v) {
        return Double.isNaN(v) ? null : v;
    }
}
