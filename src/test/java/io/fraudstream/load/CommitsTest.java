package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CommitsTest {
    private static void put(final Map<MetricName, Metric> metrics, final String group, final String name,
                            final String thread, final Object value) {
        final MetricName key = new MetricName(name, group, "", Map.of("thread-id", thread));
        metrics.put(key, new Metric() {
            @Override
            public MetricName metricName() {
                return key;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    private static void thread(final Map<MetricName, Metric> metrics, final String thread, final double rate,
                               final double avg, final double max) {
        put(metrics, "stream-thread-metrics", "commit-rate", thread, rate);
        put(metrics, "stream-thread-metrics", "commit-latency-avg", thread, avg);
        put(metrics, "stream-thread-metrics", "commit-latency-max", thread, max);
    }

    @Test
    void ratesAddUpAveragesAreWeightedByThemAndTheMaximumIsTheLargest() {
        final Map<MetricName, Metric> metrics = new HashMap<>();
        thread(metrics, "app-StreamThread-1", 30, 10, 40);
        thread(metrics, "app-StreamThread-2", 10, 2, 55);
        // another group's metric of the same name is not a stream thread's
        put(metrics, "producer-metrics", "commit-rate", "app-StreamThread-1", 1000.0);
        assertEquals("commits 40.0/s, 8.0 ms on average, 55.0 ms at most", Commits.describe(metrics));
    }

    @Test
    void theLongestStepsAreTheLargestOfAnyThreadAndNoneWithoutSamples() {
        final Map<MetricName, Metric> metrics = new HashMap<>();
        assertNull(Commits.longestSteps(metrics));
        put(metrics, "stream-thread-metrics", "poll-latency-max", "app-StreamThread-1", 20.04);
        put(metrics, "stream-thread-metrics", "poll-latency-max", "app-StreamThread-2", 3.0);
        put(metrics, "stream-thread-metrics", "process-latency-max", "app-StreamThread-1", Double.NaN);
        put(metrics, "stream-thread-metrics", "process-latency-max", "app-StreamThread-2", 41.5);
        put(metrics, "stream-thread-metrics", "punctuate-latency-max", "app-StreamThread-1", 7.25);
        // a task's or a client's metric of the same name is not a stream thread's
        put(metrics, "stream-task-metrics", "process-latency-max", "app-StreamThread-1", 900.0);
        assertEquals("the loop's longest poll 20.0 ms, processing pass 41.5 ms, punctuation 7.3 ms",
                Commits.longestSteps(metrics));
    }

    @Test
    void aStepThatNeverRanSaysNone() {
        final Map<MetricName, Metric> metrics = new HashMap<>();
        put(metrics, "stream-thread-metrics", "poll-latency-max", "app-StreamThread-1", 21.0);
        put(metrics, "stream-thread-metrics", "process-latency-max", "app-StreamThread-1", 3.8);
        put(metrics, "stream-thread-metrics", "punctuate-latency-max", "app-StreamThread-1", Double.NaN);
        assertEquals("the loop's longest poll 21.0 ms, processing pass 3.8 ms, punctuation none",
                Commits.longestSteps(metrics));
    }

    @Test
    void aThreadWithoutSamplesYetIsLeftOutAndNoThreadsSayNothing() {
        final Map<MetricName, Metric> metrics = new HashMap<>();
        assertNull(Commits.describe(metrics));
        thread(metrics, "app-StreamThread-1", 50, 6.5, 21.25);
        thread(metrics, "app-StreamThread-2", Double.NaN, Double.NaN, Double.NaN);
        assertEquals("commits 50.0/s, 6.5 ms on average, 21.3 ms at most", Commits.describe(metrics));
    }
}
