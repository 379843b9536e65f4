package io.fraudstream.eval;

import io.fraudstream.model.ModelFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * fraudstream's own meters (dot.case; Prometheus turns {@code fraud.window.pr.auc} into {@code fraud_window_pr_auc}).
 * Tags are few and of low cardinality: {@code reason} (a fixed set of validation codes), {@code label},
 * {@code window}, {@code labels}, {@code model}, {@code decision}, {@code class}. Thread-safe: stream threads, the global thread and the HTTP thread share one instance.
 */
public final class FraudMeters {
    /** Streams config key under which the instance is handed to the exception handlers. */
    public static final String CONFIG_KEY = "fraudstream.internal.meters";

    private final MeterRegistry registry;
    private final Counter scored;
    private final Timer scoringLatency;
    private final Counter modelsPublished;
    private final Counter labelsUnmatched;
    private final Counter pendingTransactions;
    private final Counter outcomesJoined;
    private final Counter learnerOutcomes;
    private final Counter candidatesRejected;
    private final AtomicLong modelVersion = new AtomicLong();
    private final Counter retrainingRounds;
    private final Counter modelsAdopted;
    private final AtomicReference<double[]> publishedHoldout = new AtomicReference<>(
            new double[] {Double.NaN, Double.NaN, Double.NaN});
    private final AtomicReference<Double> trainedFraudShare = new AtomicReference<>(Double.NaN);
    private final AtomicLong fraudReservoir = new AtomicLong();
    private final AtomicLong legitReservoir = new AtomicLong();
    private final Map<String, Counter> invalid = new ConcurrentHashMap<>();
    private final Map<String, Counter> labels = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<WindowMetrics>> windows = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<Long, AtomicReference<WindowMetrics>> byVersionGauges = new ConcurrentHashMap<>();
    private final Timer labelDelay;
    private final Timer roundDuration;
    private final AtomicLong roundRunning = new AtomicLong();
    private final AtomicLong roundsOwed = new AtomicLong();
    private final AtomicLong roundFailuresInARow = new AtomicLong();
    private final Map<String, Counter> roundFailures = new ConcurrentHashMap<>();
    private final Map<ModelFamily, Counter> nonFinite = new ConcurrentHashMap<>();
    private final Counter threadDeaths;
    private final Counter rekeyed;
    private final Counter merchantEventsSent;
    private final Counter merchantEventsCounted;
    private final Counter merchantActivityApplied;
    private volatile BooleanSupplier readiness = () -> false;

    public FraudMeters(final MeterRegistry registry) {
        this.registry = registry;
        scored = Counter.builder("fraud.transactions.scored").description("Valid transactions scored")
                .register(registry);
        scoringLatency = Timer.builder("fraud.scoring.latency")
                .description("Time to extract features and score one transaction inside the scoring processor")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100)).register(registry);
        labelDelay = Timer.builder("fraud.label.delay")
                .description("Time from a transaction to its label (labels that arrived; not the pending horizon)")
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
                        Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14),
                        Duration.ofDays(30), Duration.ofDays(60))
                .register(registry);
        modelsPublished = Counter.builder("fraud.model.published").description("Model versions published by the learner")
                .register(registry);
        labelsUnmatched = Counter.builder("fraud.labels.unmatched")
                .description("Labels whose transaction was never scored within the pending horizon").register(registry);
        pendingTransactions = Counter.builder("fraud.pending.transactions")
                .description("Scored transactions that reached the pending join to wait for their label").register(registry);
        outcomesJoined = Counter.builder("fraud.outcomes.joined")
                .description("Labelled outcomes the pending join emitted (a label met its transaction, or the horizon "
                        + "passed)").register(registry);
        candidatesRejected = Counter.builder("fraud.model.candidates.rejected")
                .description("Candidate models not published: worse than the current model on the holdout")
                .register(registry);
        learnerOutcomes = Counter.builder("fraud.learner.outcomes")
                .description("Labelled outcomes the learner has trained on").register(registry);
        modelsAdopted = Counter.builder("fraud.learner.adopted")
                .description("Models the learner adopted from the model topic as its champion (rollbacks)")
                .register(registry);
        final String[] holdout = {"pr.auc", "precision", "recall"};
        for (int i = 0; i < holdout.length; i++) {
            final int at = i;
            Gauge.builder("fraud.model.holdout." + holdout[i], publishedHoldout, h -> h.get()[at])
                    .description("The " + holdout[i] + " of the last published model on the holdout when it was "
                            + "promoted (NaN: not measured)").register(registry);
        }
        retrainingRounds = Counter.builder("fraud.learner.rounds")
                .description("Retraining rounds run (a challenger trained and weighed against the champion)")
                .register(registry);
        roundDuration = Timer.builder("fraud.learner.round.duration")
                .description("Wall-clock time of a retraining round, from its start to its result (fit of every "
                        + "family, calibration and the gate on the holdout; on the learner's own thread)")
                .register(registry);
        Gauge.builder("fraud.learner.round.running", roundRunning, AtomicLong::get)
                .description("1 while a retraining round is running, else 0").register(registry);
        Gauge.builder("fraud.learner.round.failures.consecutive", roundFailuresInARow, AtomicLong::get)
                .description("Retraining rounds failed in a row (0 after a round succeeds)").register(registry);
        Gauge.builder("fraud.learner.rounds.owed", roundsOwed, AtomicLong::get)
                .description("Retraining rounds due and not started: they fell due while another ran (0 when the "
                        + "learner keeps up)").register(registry);
        Gauge.builder("fraud.learner.trained.fraud.share", trainedFraudShare, AtomicReference::get)
                .description("Share of frauds in the last retraining batch: the class mix trained on (NaN: online only)")
                .register(registry);
        Gauge.builder("fraud.reservoir.size", fraudReservoir, AtomicLong::get).tag("class", "fraud")
                .description("Examples in the class reservoir the retraining batches are drawn from").register(registry);
        Gauge.builder("fraud.reservoir.size", legitReservoir, AtomicLong::get).tag("class", "legit")
                .description("Examples in the class reservoir the retraining batches are drawn from").register(registry);
        threadDeaths = Counter.builder("fraud.stream.thread.deaths")
                .description("Stream threads that died on an uncaught exception (each replaced by a new one)")
                .register(registry);
        rekeyed = Counter.builder("fraud.transactions.rekeyed")
                .description("Transactions whose record key was not their card id: sent through the repartition by "
                        + "card (one more hop) before they were scored").register(registry);
        merchantEventsSent = Counter.builder("fraud.merchant.events.sent")
                .description("Scored transactions and fraud outcomes sent to the merchant counters").register(registry);
        merchantEventsCounted = Counter.builder("fraud.merchant.events.counted")
                .description("Merchant events the merchant-count tasks counted and published").register(registry);
        merchantActivityApplied = Counter.builder("fraud.merchant.activity.applied")
                .description("Merchant day counters installed in this instance's global merchant store")
                .register(registry);
        Gauge.builder("fraud.ready", this, m -> m.readiness.getAsBoolean() ? 1 : 0)
                .description("1 while the instance is ready (what /health/ready answers), else 0").register(registry);
        Gauge.builder("fraud.model.version", modelVersion, AtomicLong::get)
                .description("Version of the model this instance scores with (0 = prior-only)").register(registry);
    }

    /** Meters on a private registry, for tests and tools that do not publish them. */
    public static FraudMeters detached() {
        return new FraudMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A transaction was scored in this many nanoseconds, with this decision. */
    public void scored(final long nanos, final String decision) {
        scored.increment();
        scoringLatency.record(nanos, TimeUnit.NANOSECONDS);
        decisions.computeIfAbsent(decision, d -> Counter.builder("fraud.decisions")
                .description("Scored transactions by decision").tag("decision", d).register(registry)).increment();
    }

    public void invalidTransaction(final String reason) {
        invalid.computeIfAbsent("transactions|" + reason, k -> Counter.builder("fraud.transactions.invalid")
                .description("Transactions rejected to the dead-letter topic").tag("reason", reason)
                .register(registry)).increment();
    }

    public void invalidLabel(final String reason) {
        invalid.computeIfAbsent("labels|" + reason, k -> Counter.builder("fraud.labels.invalid")
                .description("Labels rejected to the dead-letter topic").tag("reason", reason)
                .register(registry)).increment();
    }

    public void processingError(final String reason) {
        invalid.computeIfAbsent("processing|" + reason, k -> Counter.builder("fraud.processing.errors")
                .description("Records that failed in processing and went to the dead-letter topic")
                .tag("reason", reason).register(registry)).increment();
    }

    /** A label arrived ({@code fraud} or {@code legit}). */
    public void label(final boolean fraud) {
        final String tag = fraud ? "fraud" : "legit";
        labels.computeIfAbsent(tag, t -> Counter.builder("fraud.labels").description("Labels received")
                .tag("label", t).register(registry)).increment();
    }

    /** A transaction not keyed by its card was sent through the repartition by card. */
    public void transactionRekeyed() {
        rekeyed.increment();
    }

    public void merchantEventSent() {
        merchantEventsSent.increment();
    }

    public void merchantEventCounted() {
        merchantEventsCounted.increment();
    }

    public void merchantActivityApplied() {
        merchantActivityApplied.increment();
    }

    /** A record of the merchant-activity topic was refused (and left out of the merchant store). */
    public void merchantActivityRejected(final String reason) {
        rejected.computeIfAbsent("merchant|" + reason, k -> Counter.builder("fraud.merchant.activity.rejected")
                .description("Records of the merchant-activity topic refused by the global merchant store")
                .tag("reason", reason).register(registry)).increment();
    }

    public void pendingTransaction() {
        pendingTransactions.increment();
    }

    /** A retraining round ran on a batch with this fraud share (NaN: no batch), and the reservoirs' sizes. */
    public void retrained(final double fraudShare, final int fraudReservoirSize, final int legitReservoirSize) {
        retrainingRounds.increment();
        trainedFraudShare.set(fraudShare);
        reservoirs(fraudReservoirSize, legitReservoirSize);
    }

    /** A retraining round started. */
    public void roundStarted() {
        roundRunning.set(1);
    }

    /** The round that started {@code nanos} ago has ended (whatever its result). */
    public void roundEnded(final long nanos) {
        roundDuration.record(nanos, TimeUnit.NANOSECONDS);
        roundRunning.set(0);
    }

    /** The round that started {@code nanos} ago failed (it threw or ran past its time limit), for {@code reason}. */
    public void roundFailed(final String reason, final long nanos) {
        roundFailures.computeIfAbsent(reason, r -> Counter.builder("fraud.learner.round.failures")
                .description("Retraining rounds abandoned: they threw or ran past learner.round.timeout")
                .tag("reason", r).register(registry)).increment();
        roundFailuresInARow.incrementAndGet();
        roundEnded(nanos);
    }

    /** A stream thread died (and was replaced). */
    public void threadDied() {
        threadDeaths.increment();
    }

    /** What the {@code fraud_ready} gauge reads: the instance's readiness, as /health/ready answers it. */
    public void readiness(final BooleanSupplier ready) {
        readiness = ready;
    }

    /** A round's challenger of {@code family} fitted non-finite parameters or scores and was refused. */
    public void challengerRefused(final ModelFamily family) {
        nonFinite.computeIfAbsent(family, f -> Counter.builder("fraud.learner.challengers.non.finite")
                .description("Challengers refused by their round: non-finite parameters or holdout scores (the "
                        + "family starts afresh)").tag("family", f.id()).register(registry)).increment();
    }

    /** A round ended with a result: the failures in a row are over. */
    public void roundSucceeded() {
        roundFailuresInARow.set(0);
    }

    /** Retraining rounds failed in a row. */
    public long roundFailuresInARow() {
        return roundFailuresInARow.get();
    }

    public void roundsOwed(final int owed) {
        roundsOwed.set(owed);
    }

    /** Whether a retraining round is running (the learner's view; replay waits for it). */
    public boolean roundRunning() {
        return roundRunning.get() != 0;
    }

    public void reservoirs(final int fraudReservoirSize, final int legitReservoirSize) {
        fraudReservoir.set(fraudReservoirSize);
        legitReservoir.set(legitReservoirSize);
    }

    public void modelAdopted() {
        modelsAdopted.increment();
    }

    public void learnerOutcome() {
        learnerOutcomes.increment();
    }

    /** The pending join emitted an outcome. */
    public void outcomeJoined() {
        outcomesJoined.increment();
    }

    public void labelUnmatched() {
        labelsUnmatched.increment();
    }

    /** A model version was published, with what it measured on the holdout (NaN: not measured). */
    public void modelPublished(final double holdoutPrAuc, final double holdoutPrecision, final double holdoutRecall) {
        modelsPublished.increment();
        publishedHoldout.set(new double[] {holdoutPrAuc, holdoutPrecision, holdoutRecall});
    }

    /** A candidate model the learner did not publish: its holdout PR-AUC fell short of the current model's. */
    public void candidateRejected() {
        candidatesRejected.increment();
    }

    /** A model the scorers refused to install, e.g. {@code schema} when its feature schema is not theirs. */
    public void modelRejected(final String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("fraud.model.rejected")
                .description("Models the scorers refused to install, by reason").tag("reason", r)
                .register(registry)).increment();
    }

    public void modelInstalled(final long version) {
        modelVersion.set(version);
    }

    public long modelVersion() {
        return modelVersion.get();
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

    /** A label arrived this long (ms) after its transaction. */
    public void labelDelay(final long millis) {
        labelDelay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public double counter(final String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}

