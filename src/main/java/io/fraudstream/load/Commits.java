package io.fraudstream.load;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What a Kafka Streams application's commits cost, from its own stream-thread metrics ({@code commit-rate},
 * {@code commit-latency-avg}, {@code commit-latency-max}), for {@code bench}'s latency steps: under exactly-once a
 * score is visible only once the commit after it ends, so a commit that takes longer widens the tail by as much.
 * Kafka samples these over its last two windows of {@code metrics.sample.window.ms} (30 s by default): read at the
 * end of a measured minute, they describe about that minute. Rates add up over stream threads, averages are
 * weighted by them, the maximum is the largest.
 *
 * <p>A score also waits for everything the stream thread does between two commits: Kafka Streams checks the commit
 * interval once per pass of its loop, so the longest steps of those passes ({@code poll-latency-max},
 * {@code process-latency-max}: one pass over every task, {@code punctuate-latency-max}) say where a long gap between
 * commits, and so the tail, comes from.
 */
public final class Commits {
    private static final String GROUP = "stream-thread-metrics";

    private Commits() {
    }

    /** One line: commits a second, their mean and longest duration; or null without stream-thread metrics. */
    public static String describe(final Map<MetricName, ? extends Metric> metrics) {
        double rate = 0;
        double weighted = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (!GROUP.equals(e.getKey().group()) || !"commit-rate".equals(e.getKey().name())) {
                continue;
            }
            final Map<String, String> thread = e.getKey().tags();
            final double r = value(e.getValue());
            final double avg = value(find(metrics, "commit-latency-avg", thread));
            if (Double.isNaN(r) || Double.isNaN(avg)) {
                continue;
            }
            any = true;
            rate += r;
            weighted += r * avg;
        }
        if (!any) {
            return null;
        }
        return String.format(Locale.ROOT, "commits %.1f/s, %.1f ms on average, %.1f ms at most",
                rate, rate > 0 ? weighted / rate : Double.NaN, longest(metrics, "commit-latency-max"));
    }

    /**
     * One line: the longest poll, processing pass and punctuation of any stream thread over the same windows ("none"
     * for a step that never ran, such as punctuation in an application without punctuators); or null without
     * stream-thread metrics.
     */
    public static String longestSteps(final Map<MetricName, ? extends Metric> metrics) {
        final double poll = longest(metrics, "poll-latency-max");
        final double process = longest(metrics, "process-latency-max");
        final double punctuate = longest(metrics, "punctuate-latency-max");
        if (Double.isNaN(poll) && Double.isNaN(process) && Double.isNaN(punctuate)) {
            return null;
        }
        return "the loop's longest poll " + millis(poll) + ", processing pass " + millis(process) + ", punctuation "
                + millis(punctuate);
    }

    private static String millis(final double ms) {
        return Double.isNaN(ms) ? "none" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** The largest value of a stream-thread metric over the threads (NaN when none has a sample). */
    private static double longest(final Map<MetricName, ? extends Metric> metrics, final String name) {
        double max = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (GROUP.equals(e.getKey().group()) && name.equals(e.getKey().name())) {
                final double v = value(e.getValue());
                if (!Double.isNaN(v)) {
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                }
            }
        }
        return max;
    }

    private static Metric find(final Map<MetricName, ? extends Metric> metrics, final String name,
                               final Map<String, String> tags) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (GROUP.equals(e.getKey().group()) && name.equals(e.getKey().name())
                    && tags.equals(e.getKey().tags())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static double value(final Metric m) {
        return m != null && m.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
