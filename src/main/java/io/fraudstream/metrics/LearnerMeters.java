package io.fraudstream.metrics;

import io.fraudstream.model.ModelFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The learner's meters: outcomes trained on, retraining rounds (running, owed, how long, failed, refused
 * challengers), the class mix trained on, the reservoirs, and the models published, rejected and adopted.
 */
public final class LearnerMeters implements MeterBinder {
    private final AtomicReference<double[]> publishedHoldout = new AtomicReference<>(
            new double[] {Double.NaN, Double.NaN, Double.NaN});
    private final AtomicReference<Double> trainedFraudShare = new AtomicReference<>(Double.NaN);
    private final AtomicLong fraudReservoir = new AtomicLong();
    private final AtomicLong legitReservoir = new AtomicLong();
    private final AtomicLong roundRunning = new AtomicLong();
    private final AtomicLong roundsOwed = new AtomicLong();
    private final AtomicLong roundFailuresInARow = new AtomicLong();
    private final Map<String, Counter> roundFailures = new ConcurrentHashMap<>();
    private final Map<ModelFamily, Counter> nonFinite = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Counter outcomes;
    private Counter rounds;
    private Timer roundDuration;
    private Counter published;
    private Counter candidatesRejected;
    private Counter adopted;
    private Counter drifts;

    @Override
    public void bindTo(final MeterRegistry r) {
        registry = r;
        outcomes = Counter.builder("fraud.learner.outcomes")
                .description("Labelled outcomes the learner has trained on").register(r);
        published = Counter.builder("fraud.model.published").description("Model versions published by the learner")
                .register(r);
        candidatesRejected = Counter.builder("fraud.model.candidates.rejected")
                .description("Candidate models not published: worse than the current model on the holdout")
                .register(r);
        adopted = Counter.builder("fraud.learner.adopted")
                .description("Models the learner adopted from the model topic as its champion (rollbacks)")
                .register(r);
        final String[] holdout = {"pr.auc", "precision", "recall"};
        for (int i = 0; i < holdout.length; i++) {
            final int at = i;
            Gauge.builder("fraud.model.holdout." + holdout[i], publishedHoldout, h -> h.get()[at])
                    .description("The " + holdout[i] + " of the last published model on the holdout when it was "
                            + "promoted (NaN: not measured)").register(r);
        }
        drifts = Counter.builder("fraud.drift.detected")
                .description("Drifts detected: the share of labelled frauds approved when scored rose "
                        + "(Page-Hinkley); each brought a retraining round forward").register(r);
        rounds = Counter.builder("fraud.learner.rounds")
                .description("Retraining rounds run (a challenger trained and weighed against the champion)")
                .register(r);
        roundDuration = Timer.builder("fraud.learner.round.duration")
                .description("Wall-clock time of a retraining round, from its start to its result (fit of every "
                        + "family, calibration and the gate on the holdout; on the learner's own thread)")
                .register(r);
        Gauge.builder("fraud.learner.round.running", roundRunning, AtomicLong::get)
                .description("1 while a retraining round is running, else 0").register(r);
        Gauge.builder("fraud.learner.round.failures.consecutive", roundFailuresInARow, AtomicLong::get)
                .description("Retraining rounds failed in a row (0 after a round succeeds)").register(r);
        Gauge.builder("fraud.learner.rounds.owed", roundsOwed, AtomicLong::get)
                .description("Retraining rounds due and not started: they fell due while another ran (0 when the "
                        + "learner keeps up)").register(r);
        Gauge.builder("fraud.learner.trained.fraud.share", trainedFraudShare, AtomicReference::get)
                .description("Share of frauds in the last retraining batch: the class mix trained on (NaN: online only)")
                .register(r);
        Gauge.builder("fraud.reservoir.size", fraudReservoir, AtomicLong::get).tag("class", "fraud")
                .description("Examples in the class reservoir the retraining batches are drawn from").register(r);
        Gauge.builder("fraud.reservoir.size", legitReservoir, AtomicLong::get).tag("class", "legit")
                .description("Examples in the class reservoir the retraining batches are drawn from").register(r);
    }

    public void learnerOutcome() {
        outcomes.increment();
    }

    /** A retraining round ran on a batch with this fraud share (NaN: no batch), and the reservoirs' sizes. */
    public void retrained(final double fraudShare, final int fraudReservoirSize, final int legitReservoirSize) {
        rounds.increment();
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

    /** A round's challenger of {@code family} fitted non-finite parameters or scores and was refused. */
    public void challengerRefused(final ModelFamily family) {
        nonFinite.computeIfAbsent(family, f -> Counter.builder("fraud.learner.challengers.non.finite")
                .description("Challengers refused by their round: non-finite parameters or holdout scores (the "
                        + "family starts afresh)").tag("family", f.id()).register(registry)).increment();
    }

    public void reservoirs(final int fraudReservoirSize, final int legitReservoirSize) {
        fraudReservoir.set(fraudReservoirSize);
        legitReservoir.set(legitReservoirSize);
    }

    /** A model version was published, with what it measured on the holdout (NaN: not measured). */
    public void modelPublished(final double holdoutPrAuc, final double holdoutPrecision, final double holdoutRecall) {
        published.increment();
        publishedHoldout.set(new double[] {holdoutPrAuc, holdoutPrecision, holdoutRecall});
    }

    /** A candidate model the learner did not publish: its holdout PR-AUC fell short of the current model's. */
    public void driftDetected() {
        drifts.increment();
    }

    public void candidateRejected() {
        candidatesRejected.increment();
    }

    public void modelAdopted() {
        adopted.increment();
    }
}
