package io.fraudstream.metrics;

import io.fraudstream.eval.WindowMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The rolling evaluator's gauges: every metric of every window (tags {@code window}, {@code labels}, {@code model}),
 * and a few of each model version's outcomes in the first window (tag {@code version}), registered on first use;
 * and how late labels come.
 */
public final class EvaluationMeters implements MeterBinder {
    private final Map<String, AtomicReference<WindowMetrics>> windows = new ConcurrentHashMap<>();
    private final Map<Long, AtomicReference<WindowMetrics>> byVersionGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> capped = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sampled = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Timer labelDelay;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
        labelDelay = Timer.builder("fraud.label.delay")
                .description("Time from a transaction to its label (labels that arrived; not the pending horizon)")
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
                        Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14),
                        Duration.ofDays(30), Duration.ofDays(60))
                .register(r);
    }

    /** A label arrived this long (ms) after its transaction. */
    public void labelDelay(final long millis) {
        labelDelay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** The gauges of every window: Prometheus name suffix, value, description. */
    private static final List<WindowGauge> WINDOW_GAUGES = List.of(
            new WindowGauge("outcomes", WindowMetrics::count, "Labelled outcomes in the window"),
            new WindowGauge("frauds", WindowMetrics::positives, "Frauds in the window"),
            new WindowGauge("true.positives", WindowMetrics::truePositives, "Alerted frauds"),
            new WindowGauge("false.positives", WindowMetrics::falsePositives, "Alerted legitimate transactions"),
            new WindowGauge("true.negatives", WindowMetrics::trueNegatives, "Approved legitimate transactions"),
            new WindowGauge("false.negatives", WindowMetrics::falseNegatives, "Approved (missed) frauds"),
            new WindowGauge("precision", WindowMetrics::precision, "Precision of alerts (REVIEW or BLOCK); NaN without alerts or with one class only"),
            new WindowGauge("recall", WindowMetrics::recall, "Recall of alerts (REVIEW or BLOCK); NaN with one class only"),
            new WindowGauge("f1", WindowMetrics::f1, "F1 of alerts; NaN unless both classes are present"),
            new WindowGauge("f.beta", WindowMetrics::fBeta, "F-beta of alerts (fraudstream.metrics.beta)"),
            new WindowGauge("mcc", WindowMetrics::mcc, "Matthews correlation coefficient of alerts"),
            new WindowGauge("specificity", WindowMetrics::specificity, "Share of legitimate transactions approved"),
            new WindowGauge("balanced.accuracy", WindowMetrics::balancedAccuracy, "Mean of recall and specificity"),
            new WindowGauge("pr.auc", WindowMetrics::prAuc, "Average precision (PR-AUC) of the scores"),
            new WindowGauge("roc.auc", WindowMetrics::rocAuc, "ROC-AUC of the scores"),
            new WindowGauge("alert.rate", WindowMetrics::alertRate, "Share of outcomes alerted"),
            new WindowGauge("cost", WindowMetrics::cost, "Total cost of the decisions under the cost matrix"),
            new WindowGauge("savings", WindowMetrics::savings, "1 - cost / cost of approving everything"),
            new WindowGauge("card.precision.at.k", WindowMetrics::cardPrecisionAtK,
                    "Mean daily Card Precision@k (fraudstream.metrics.card.k)"));

    private record WindowGauge(String name, ToDoubleFunction<WindowMetrics> value,
                               String description) {
    }

    /**
     * Publishes the latest metrics of a window (registers its gauges on first use). Tags: {@code window},
     * {@code labels} (known or mature) and {@code model} (champion or challenger).
     */
    public void window(final String window, final String labelsTag, final String model, final WindowMetrics metrics) {
        windows.computeIfAbsent(window + "/" + labelsTag + "/" + model, w -> {
            final AtomicReference<WindowMetrics> ref = new AtomicReference<>(WindowMetrics.EMPTY);
            for (WindowGauge g : WINDOW_GAUGES) {
                Gauge.builder("fraud.window." + g.name(), ref, r -> g.value().applyAsDouble(r.get()))
                        .tags("window", window, "labels", labelsTag, "model", model).description(g.description())
                        .register(registry);
            }
            return ref;
        }).set(metrics);
    }

    /**
     * Publishes how many outcomes a time window has let go before they aged out, because it held
     * {@code metrics.window.max-outcomes} (a counter from the start of this instance, 0 for a count window or a
     * window never full; registered on first use).
     */
    public void capped(final String window, final String labelsTag, final String model, final long total) {
        setPerWindow(capped, window, labelsTag, model, total, (count, tags) -> FunctionCounter
                .builder("fraud.window.capped", count, AtomicLong::get).tags(tags)
                .description("Outcomes a time window let go before they aged out, because it held "
                        + "metrics.window.max-outcomes: while it rises, the window covers less than its span")
                .register(registry));
    }

    /**
     * Publishes how many outcomes wait in memory (and in the store) until their transactions are
     * {@code labels.maturity} old, for the mature windows (one queue: the same figure for each; at most
     * {@code metrics.mature.max-pending}, registered on first use).
     */
    public void pending(final String window, final String labelsTag, final String model, final long waiting) {
        gaugePerWindow(pending, "fraud.window.pending", "Outcomes waiting until their transactions are "
                + "labels.maturity old, for the mature windows (in memory and in the store; at most "
                + "metrics.mature.max-pending)", window, labelsTag, model, waiting);
    }

    /**
     * Publishes the share of cards a mature window holds, as one in how many: 1 until more outcomes waited to mature
     * than {@code metrics.mature.max-pending} (registered on first use).
     */
    public void sampled(final String window, final String labelsTag, final String model, final long oneIn) {
        gaugePerWindow(sampled, "fraud.window.sampled.one.in", "A mature window holds one card in this many: 1 "
                + "unless more outcomes waited to mature than metrics.mature.max-pending; its ratios then estimate the "
                + "whole window's, its counts and cost are the sample's", window, labelsTag, model, oneIn);
    }

    /** Sets one window's gauge in {@code values}, registering it as {@code name} on first use. */
    private void gaugePerWindow(final Map<String, AtomicLong> values, final String name, final String description,
                                final String window, final String labelsTag, final String model, final long value) {
        setPerWindow(values, window, labelsTag, model, value, (holder, tags) -> Gauge
                .builder(name, holder, AtomicLong::get).tags(tags).description(description).register(registry));
    }

    /** Sets one window's value in {@code values}, registering its meter with the window's tags on first use. */
    private static void setPerWindow(final Map<String, AtomicLong> values, final String window,
                                     final String labelsTag, final String model, final long value,
                                     final BiConsumer<AtomicLong, Tags> register) {
        values.computeIfAbsent(window + "/" + labelsTag + "/" + model, w -> {
            final AtomicLong holder = new AtomicLong();
            register.accept(holder, Tags.of("window", window, "labels", labelsTag, "model", model));
            return holder;
        }).set(value);
    }

    /** The gauges of each model version's outcomes in the first window: Prometheus name suffix, value, description. */
    private static final List<WindowGauge> VERSION_GAUGES = List.of(
            new WindowGauge("outcomes", WindowMetrics::count, "Labelled outcomes this model version decided, in the first metrics window"),
            new WindowGauge("frauds", WindowMetrics::positives, "Frauds among them"),
            new WindowGauge("precision", WindowMetrics::precision, "Precision of this version's alerts; NaN without alerts or with one class only"),
            new WindowGauge("recall", WindowMetrics::recall, "Recall of this version's alerts; NaN with one class only"),
            new WindowGauge("pr.auc", WindowMetrics::prAuc, "Average precision (PR-AUC) of this version's scores"));

    /**
     * Publishes the metrics of each model version's outcomes in the first window (tag {@code version}); the gauges
     * of versions no longer in the window are removed, so only a handful of versions have series at any time.
     */
    public void versions(final SortedMap<Long, WindowMetrics> byVersion) {
        for (Map.Entry<Long, AtomicReference<WindowMetrics>> e : byVersionGauges.entrySet()) {
            if (!byVersion.containsKey(e.getKey())) {
                for (WindowGauge g : VERSION_GAUGES) {
                    registry.find("fraud.version." + g.name()).tag("version", Long.toString(e.getKey())).meters()
                            .forEach(registry::remove);
                }
                byVersionGauges.remove(e.getKey());
            }
        }
        byVersion.forEach((version, metrics) -> byVersionGauges.computeIfAbsent(version, v -> {
            final AtomicReference<WindowMetrics> ref = new AtomicReference<>(WindowMetrics.EMPTY);
            for (WindowGauge g : VERSION_GAUGES) {
                Gauge.builder("fraud.version." + g.name(), ref, r -> g.value().applyAsDouble(r.get()))
                        .tag("version", Long.toString(v)).description(g.description()).register(registry);
            }
            return ref;
        }).set(metrics));
    }

    /** The last published metrics of one model version's outcomes (EMPTY: none). */
    public WindowMetrics version(final long version) {
        final AtomicReference<WindowMetrics> ref = byVersionGauges.get(version);
        return ref == null ? WindowMetrics.EMPTY : ref.get();
    }

    public WindowMetrics window(final String window, final String labelsTag, final String model) {
        final AtomicReference<WindowMetrics> ref = windows.get(window + "/" + labelsTag + "/" + model);
        return ref == null ? WindowMetrics.EMPTY : ref.get();
    }
}
