package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.Calibration;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.BatchSampler;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The single writer of models, free of Kafka: learns online from every labelled outcome but the held-out ones,
 * keeps one reservoir per class, and every {@code publishEvery} outcomes (or {@code publishIntervalMillis} of
 * event time) runs a retraining round — a batch drawn
 * from the reservoirs by the dynamic sampling schedule, a challenger of each configured family fitted to it (the
 * linear one warm-started from the champion's learner, with the online updates since, for a few epochs; trees
 * afresh on the batch), each Platt-calibrated on the holdout, the best of them the candidate, its thresholds chosen
 * on the holdout, and a comparison with the champion on the holdout (held-out transactions of a recent period whose
 * labels have all had time to arrive — their natural distribution, never trained on, never resampled: see
 * {@link Holdout}). The challenger is promoted — published as the next version — unless its holdout PR-AUC falls
 * short of the champion's by more than the margin; until the holdout holds enough frauds, challengers are
 * promoted unjudged (PR-AUC on a handful of frauds is noise). A challenger that loses is counted and dropped.
 *
 * <p>A round may run on another thread ({@link #offer} hands it out as a {@link Job}; {@link #complete} takes its
 * result back) while outcomes go on being learnt: the round works on copies made when it starts, and the
 * challengers it promotes catch up on the online updates made meanwhile. {@link #observe} runs it at once.
 *
 * <p>Every change is written through {@link Sink} as it happens (the learner state, each reservoir or holdout slot
 * that changed, the champion), so a restart from those writes resumes exactly. Deterministic: the same outcomes
 * in the same order give the same models, bit for bit.
 */
public final class Learning {
    /** Where the state goes: changelogged stores in the topology, nothing in tests. */
    public interface Sink {
        /** A sink that keeps nothing (the in-process replay's): the learner then never encodes its state. */
        Sink NONE = new Sink() {
            @Override
            public void state(final String key, final byte[] value) {
            }

            @Override
            public void holdout(final int slot, final byte[] value) {
            }

            @Override
            public boolean keeps() {
                return false;
            }
        };

        void state(String key, byte[] value);

        void holdout(int slot, byte[] value);

        /** Whether what is written is kept (false: the learner skips encoding it, which costs most of an update). */
        default boolean keeps() {
            return true;
        }

        /** A sink writing the learner state to {@code state} and the held-out slots to {@code holdout}. */
        static Sink of(final BiConsumer<String, byte[]> state, final BiConsumer<Integer, byte[]> holdout) {
            return new Sink() {
                @Override
                public void state(final String key, final byte[] value) {
                    state.accept(key, value);
                }

                @Override
                public void holdout(final int slot, final byte[] value) {
                    holdout.accept(slot, value);
                }
            };
        }
    }

    /** When a challenger may replace the champion. */
    public record Gate(int holdoutPercent, int holdoutSize, double margin, int minFrauds, boolean calibrate,
                       long maturityMillis) {
        /**
         * A gate that Platt-calibrates every candidate on the whole holdout, for streams whose labels come at once
         * (no maturity wait).
         */
        public Gate(final int holdoutPercent, final int holdoutSize, final double margin, final int minFrauds) {
            this(holdoutPercent, holdoutSize, margin, minFrauds, true, 0);
        }
    }

    /** Everything that shapes learning. */
    public record Config(LearnerConfig learner, SamplingConfig sampling, Reservoir.Kind reservoirKind,
                         int fraudReservoir, int legitReservoir, long reservoirHalfLifeMillis, double legitAdmission,
                         ThresholdPolicy thresholds, boolean costWeights, Gate gate, int publishEvery,
                         long publishIntervalMillis, long seed, List<ModelFamily> families, TreeConfig trees) {
        public Config {
            if (families.isEmpty()) {
                throw new IllegalArgumentException("at least one model family");
            }
            families = List.copyOf(families);
        }

        /** The linear family alone. */
        public Config(final LearnerConfig learner, final SamplingConfig sampling, final Reservoir.Kind reservoirKind,
                      final int fraudReservoir, final int legitReservoir, final long reservoirHalfLifeMillis,
                      final double legitAdmission, final ThresholdPolicy thresholds, final boolean costWeights,
                      final Gate gate, final int publishEvery, final long publishIntervalMillis, final long seed) {
            this(learner, sampling, reservoirKind, fraudReservoir, legitReservoir, reservoirHalfLifeMillis,
                    legitAdmission, thresholds, costWeights, gate, publishEvery, publishIntervalMillis, seed,
                    List.of(ModelFamily.LOGISTIC), TreeConfig.defaults());
        }

        /** This configuration with other tree hyper-parameters. */
        public Config withTrees(final TreeConfig newTrees) {
            return new Config(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                    reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                    publishIntervalMillis, seed, families, newTrees);
        }

        /** This configuration with another champion/challenger gate. */
        public Config withGate(final Gate newGate) {
            return new Config(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                    reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, newGate, publishEvery,
                    publishIntervalMillis, seed, families, trees);
        }

        /** This configuration with other model families (challengers of each family every round). */
        public Config withFamilies(final List<ModelFamily> newFamilies) {
            return new Config(learner, sampling, reservoirKind, fraudReservoir, legitReservoir,
                    reservoirHalfLifeMillis, legitAdmission, thresholds, costWeights, gate, publishEvery,
                    publishIntervalMillis, seed, newFamilies, trees);
        }
    }

    /** What one retraining round did. */
    public record Round(long number, ModelSnapshot challenger, boolean promoted, BatchSampler.Batch batch) {
    }

    public static final String STATE_KEY = "learner";
    public static final String CHAMPION_KEY = "champion";
    private static final String FRAUD_SLOT = "rf/";
    private static final String LEGIT_SLOT = "rl/";
    /** Each learner's fitted part (a tree ensemble), written only when a round or a rollback changes it. */
    private static final String FITTED_SLOT = "fitted/";
    private static final int FORMAT = 5;
    /** Outcomes over which the recent recall per class (for performance-driven sampling) halves its memory. */
    private static final double RECALL_HALF_LIFE = 5000;
    /** How snapshots are stored: JSON, as on the model topic. */
    private static final Serde<ModelSnapshot> SNAPSHOTS = EventSerdes.json(ModelSnapshot.class);
    /** Cap on an example-dependent cost weight, relative to the mean missed-fraud cost. */
    private static final double MAX_COST_WEIGHT = 10;

    private final Config config;
    private final ModelSnapshot prior;
    private final BatchSampler sampler;
    private final Reservoir fraud;
    private final Reservoir legit;
    private final Holdout holdout;
    private final double recallDecay = Math.pow(0.5, 1 / RECALL_HALF_LIFE);
    /** One learner per configured family, in the configured order. */
    private final List<Learner> learners = new ArrayList<>();
    private Model champion;
    private final ChampionScores championScores = new ChampionScores();
    private long version;
    private int sincePublish;
    private long round;
    private long lastRoundTime = Long.MIN_VALUE;
    /** A round started and not yet completed (kept in the state: a restart runs it again). */
    private boolean pendingRound;
    /** Rounds due and not yet started: they fell due while another ran. */
    private int owedRounds;
    /** The round running now, if any (not state: a restart starts it afresh). */
    private Job running;
    /** No round starts while held (after a failed one, until its backoff ends; not state). */
    private boolean held;
    /** Online updates made while it runs, for its challengers to catch up on. */
    private final List<Update> sinceStart = new ArrayList<>();
    // decayed counts of recent decisions, per class: alerted frauds, frauds, approved legitimate, legitimate
    private double fraudCaught;
    private double fraudSeen;
    private double legitPassed;
    private double legitSeen;
    // running mean of what a missed fraud costs, to normalise example-dependent weights
    private double missedCostSum;
    private double missedCostCount;
    // each learner's state and fitted part as read by restore, built into learners when the restore completes
    private final Map<String, byte[]> restoredLearners = new HashMap<>();
    private final Map<String, byte[]> restoredFitted = new HashMap<>();
    private boolean restoredWhole;
    // reservoir counts read with the state, applied when the restore completes
    private long restoredFraudSeen;
    private long restoredLegitSeen;

    public Learning(final Config config, final ModelSnapshot prior) {
        this.config = config;
        this.prior = prior;
        this.sampler = new BatchSampler(config.sampling(), config.seed());
        this.fraud = new Reservoir(config.reservoirKind(), config.fraudReservoir(), config.seed() ^ 0xF,
                config.reservoirHalfLifeMillis());
        this.legit = new Reservoir(config.reservoirKind(), config.legitReservoir(), config.seed() ^ 0x1,
                config.reservoirHalfLifeMillis(), config.legitAdmission());
        this.holdout = new Holdout(config.gate().holdoutSize());
        for (ModelFamily family : config.families()) {
            learners.add(Learner.create(family, config.learner(), config.trees()));
        }
        this.champion = new Model(prior);
    }

    /**
     * Learns from one outcome and runs, at once, the retraining round it made due, if any: returns that round (its
     * challenger published when promoted). The synchronous form of {@link #offer} and {@link #complete}.
     */
    public Optional<Round> observe(final LabelledOutcome o, final Sink sink) {
        final Optional<Job> job = offer(o, sink);
        return job.isEmpty() ? Optional.empty() : complete(job.get().call(), sink);
    }

    /**
     * Learns from one outcome; returns the retraining round it made due, if any, for the caller to run — on any
     * thread, while more outcomes are offered — and hand back to {@link #complete}. One round at a time: none
     * falls due while one is running.
     */
    public Optional<Job> offer(final LabelledOutcome o, final Sink sink) {
        final Example e = new Example(o.features(), o.fraud(), o.eventTime(), o.amount());
        recordDecision(o);
        if (Holdout.isHeldOut(o.transactionId(), config.gate().holdoutPercent())) {
            final int slot = holdout.add(e, o.labelTime());
            if (slot >= 0 && sink.keeps()) {
                sink.holdout(slot, holdout.encoded(slot));
            }
        } else {
            final double w = costWeight(e);
            for (Learner l : learners) {
                l.update(e.x(), e.fraud(), w);
            }
            if (running != null) {
                sinceStart.add(new Update(e.x(), e.fraud(), w));
            }
            final Reservoir r = e.fraud() ? fraud : legit;
            final int slot = r.offer(e);
            if (slot >= 0 && sink.keeps()) {
                sink.state((e.fraud() ? FRAUD_SLOT : LEGIT_SLOT) + slot, r.encoded(slot));
            }
        }
        sincePublish++;
        if (lastRoundTime == Long.MIN_VALUE) {
            lastRoundTime = o.eventTime();
        }
        final boolean byCount = sincePublish >= config.publishEvery();
        if (learners.get(0).seenFraud() > 0 && (byCount || config.publishIntervalMillis() > 0
                && o.eventTime() - lastRoundTime >= config.publishIntervalMillis())) {
            // a round falls due; while one runs, rounds due by count are owed and run one after another
            sincePublish = 0;
            lastRoundTime = o.eventTime();
            owedRounds = byCount ? owedRounds + 1 : Math.max(owedRounds, 1);
        }
        final Optional<Job> job = startIfDue();
        if (sink.keeps()) {
            sink.state(STATE_KEY, stateBytes());
        }
        return job;
    }

    /**
     * Starts the round that is due, if one is and none is running: one a restart interrupted (its start is in the
     * state, its result was never completed) or one owed since it fell due while another ran. For the caller to
     * run and {@link #complete}, as with {@link #offer}; callers that run rounds elsewhere call this when a round
     * ends and now and then, as no outcome may come to start it.
     */
    public Optional<Job> startIfDue() {
        if (running != null || held || learners.get(0).seenFraud() == 0) {
            return Optional.empty();
        }
        if (!pendingRound) {
            if (owedRounds == 0) {
                return Optional.empty();
            }
            owedRounds--;
        }
        return Optional.of(start(lastRoundTime));
    }

    /**
     * Gives up the round running now — it threw, or ran past its time limit — and owes it again: online learning goes
     * on, and the next {@link #startIfDue} retries it on whatever the reservoirs hold then. No model changes.
     */
    public void abandon(final Job job, final Sink sink) {
        if (job != running) {
            return;
        }
        running = null;
        pendingRound = false;
        sinceStart.clear();
        owedRounds++;
        sink.state(STATE_KEY, stateBytes());
    }

    /** Holds (true) or releases (false) the start of rounds: a failed round's caller backs off before retrying. */
    public void holdRounds(final boolean hold) {
        held = hold;
    }

    /** Whether a round has started and not been completed. */
    public boolean roundRunning() {
        return running != null;
    }

    /**
     * Runs a retraining round now, as {@link #observe} does every {@code publishEvery} outcomes, but writes nothing
     * to a sink: for measuring a round's cost, not for a stream whose state must survive a restart.
     */
    public Round retrain(final long now) {
        return complete(start(now).call(), Sink.NONE).orElseThrow();
    }

    /** Rounds due and not started yet (0 when the learner keeps up). */
    public int owedRounds() {
        return owedRounds;
    }

    /**
     * Starts a round: draws its batch and copies everything it reads (learners, champion, the holdout's judged
     * part), so that it can run on another thread while this one goes on learning.
     */
    private Job start(final long now) {
        final BatchSampler.Batch batch = sampler.draw(round, fraud, legit, recall(fraudCaught, fraudSeen),
                recall(legitPassed, legitSeen));
        final double[] weights = new double[batch.examples().size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = costWeight(batch.examples().get(i));
        }
        final List<Learner> copies = new ArrayList<>();
        for (Learner l : learners) {
            copies.add(l.copy());
        }
        pendingRound = true;
        sinceStart.clear();
        running = new Job(this, round, version, now, batch, weights, copies, champion,
                holdout.mature(config.gate().maturityMillis()));
        return running;
    }

    /**
     * Completes a round with what it computed: promotes its challenger (the challengers, caught up on the outcomes
     * offered while it ran, become the learners) or counts it rejected. Empty when the round no longer applies: a
     * model was adopted while it ran (it is dropped, and the next one falls due as usual).
     */
    public Optional<Round> complete(final Trained t, final Sink sink) {
        if (t.job() != running) {
            throw new IllegalStateException("round " + t.job().round + " is not the one running");
        }
        running = null;
        pendingRound = false;
        try {
            if (t.job().baseVersion != version) {
                return Optional.empty();
            }
            round++;
            if (!t.promoted()) {
                return Optional.of(new Round(t.job().round, t.snapshot(), false, t.job().batch));
            }
            for (Update u : sinceStart) {
                for (Learner l : t.challengers()) {
                    l.update(u.x(), u.fraud(), u.weight());
                }
            }
            version++;
            champion = new Model(t.snapshot());
            championScores.remember(champion, t.job().judge.examples(), t.holdoutScores());
            learners.clear();
            learners.addAll(t.challengers());
            writeFitted(sink);
            sink.state(CHAMPION_KEY, SNAPSHOTS.serializer().serialize(null, t.snapshot()));
            return Optional.of(new Round(t.job().round, t.snapshot(), true, t.job().batch));
        } finally {
            sinceStart.clear();
            sink.state(STATE_KEY, stateBytes());
        }
    }

    private record Update(FeatureVector x, boolean fraud, double weight) {
    }

    /** A round whose every family fitted NaN or infinite parameters or scores: it fails, and nothing is published. */
    public static final class NonFiniteModelException extends IllegalStateException {
        NonFiniteModelException(final String message) {
            super(message);
        }
    }

    /**
     * What a round computed, for {@link #complete}; {@code refused} names the families whose fit had non-finite
     * parameters or holdout scores (they did not compete, and start afresh).
     */
    public record Trained(Job job, ModelSnapshot snapshot, boolean promoted, List<Learner> challengers,
                          List<ModelFamily> refused, double[] holdoutScores) {
    }

    /**
     * One retraining round, started on the stream and free of it: it holds its own copies of the batch, the
     * learners, the champion and the judged holdout, so {@link #call} may run on another thread.
     */
    public static final class Job implements Callable<Trained> {
        private final Learning owner;
        private final long round;
        private final long baseVersion;
        private final long now;
        private final BatchSampler.Batch batch;
        private final double[] weights;
        private final List<Learner> challengers;
        private final Model champion;
        private final Holdout.Judged judge;

        private Job(final Learning owner, final long round, final long baseVersion, final long now,
                    final BatchSampler.Batch batch, final double[] weights, final List<Learner> challengers,
                    final Model champion, final Holdout.Judged judge) {
            this.owner = owner;
            this.round = round;
            this.baseVersion = baseVersion;
            this.now = now;
            this.batch = batch;
            this.weights = weights;
            this.challengers = challengers;
            this.champion = champion;
            this.judge = judge;
        }

        /** The event time the round started at. */
        public long time() {
            return now;
        }

        /**
         * Fits a challenger of every family to the batch; the best on the holdout is the candidate, compared with
         * the champion, its thresholds chosen on the holdout.
         */
        @Override
        public Trained call() {
            final Config config = owner.config;
            final ModelSnapshot prior = owner.prior;
            double wf = 0;
            double wl = 0;
            for (int i = 0; i < weights.length; i++) {
                final boolean f = batch.examples().get(i).fraud();
                wf += f ? weights[i] : 0;
                wl += f ? 0 : weights[i];
            }
            final boolean[] labels = judge.labels();
            final boolean enough = judge.frauds() >= config.gate().minFrauds();
            ModelSnapshot candidate = null;
            final List<ModelFamily> refused = new ArrayList<>();
            double[] candidateScores = null;
            double candidateAp = Double.NaN;
            // every family fits on a core of its own; then, in family order, the broken are refused and the best
            // on the holdout becomes the candidate (the same choice, the same models, as one after the other)
            final double fraudWeight = wf;
            final double legitWeight = wl;
            final List<Future<Fitted>> others = new ArrayList<>();
            for (int f = 1; f < challengers.size(); f++) {
                final Learner other = challengers.get(f);
                others.add(FAMILIES.submit(() -> fit(other, fraudWeight, legitWeight, labels, enough)));
            }
            final Fitted[] fitted = new Fitted[challengers.size()];
            try {
                for (int f = 0; f < fitted.length; f++) {
                    fitted[f] = f == 0 ? fit(challengers.get(0), wf, wl, labels, enough) : result(others.get(f - 1));
                }
            } catch (RuntimeException e) { // an interrupted (timed-out) or failed round stops its other fits too
                others.forEach(o -> o.cancel(true));
                throw e;
            }
            for (int f = 0; f < fitted.length; f++) {
                if (!fitted[f].finite()) { // a broken fit never competes, let alone scores; its family starts afresh
                    refused.add(challengers.get(f).family());
                    challengers.set(f, Learner.create(challengers.get(f).family(), config.learner(), config.trees()));
                    continue;
                }
                if (candidate == null || fitted[f].ap() > candidateAp) { // NaN never wins: the first until judged
                    candidate = fitted[f].made();
                    candidateScores = fitted[f].scores();
                    candidateAp = fitted[f].ap();
                }
            }
            if (candidate == null) {
                throw new NonFiniteModelException("round " + round + ": no family fitted a model with finite "
                        + "parameters and scores");
            }
            final double championAp = Curves.averagePrecision(owner.championScores.of(champion, judge), labels);
            final boolean judged = enough && !Double.isNaN(candidateAp) && !Double.isNaN(championAp);
            if (config.gate().holdoutPercent() > 0 && judged && candidateAp < championAp - config.gate().margin()) {
                return new Trained(this, candidate, false, challengers, refused, candidateScores);
            }
            ThresholdPolicy.Choice choice = null;
            if (enough && config.thresholds().kind() != ThresholdPolicy.Kind.FIXED) {
                choice = config.thresholds().choose(candidateScores, labels, judge.amounts(),
                        config.gate().holdoutPercent() / 100.0, judge.days());
            }
            final ModelSnapshot.Training how = new ModelSnapshot.Training(round,
                    config.sampling().mode().name().toLowerCase(Locale.ROOT), batch.examples().size(),
                    batch.fraudShare(), batch.synthetic(),
                    choice == null ? "fixed" : config.thresholds().kind().name().toLowerCase(Locale.ROOT),
                    choice == null ? null : nullIfNaN(choice.precision()),
                    choice == null ? null : nullIfNaN(choice.recall()));
            return new Trained(this, candidate.promoted(choice == null ? prior.reviewThreshold() : choice.review(),
                    choice == null ? prior.blockThreshold() : choice.block(), candidateAp, championAp, how), true,
                    challengers, refused, candidateScores);
        }

        /** One family's challenger fitted to the batch, calibrated on the holdout, and scored there. */
        private Fitted fit(final Learner challenger, final double wf, final double wl, final boolean[] labels,
                           final boolean enough) {
            final Config config = owner.config;
            final ModelSnapshot prior = owner.prior;
            challenger.fit(batch.examples(), weights, config.sampling().epochs(), config.sampling().stepMemory());
            final double inflation = batch.examples().isEmpty() ? challenger.streamOddsInflation()
                    : owner.batchOddsInflation(challenger, wf, wl, challenger.streamFraudRate());
            ModelSnapshot made = challenger.snapshot(baseVersion + 1, baseVersion, now, prior.reviewThreshold(),
                    prior.blockThreshold(), prior.schema(), inflation);
            // one pass over the holdout per candidate: its log-odds give the Platt calibration and, through
            // the calibrated model, its scores (those its AP and its thresholds are read from)
            final double[] logOdds = judge.logOdds(new Model(made));
            if (enough && config.gate().calibrate()) {
                final Calibration c = Calibration.platt(logOdds, labels);
                made = c == null ? made : made.calibrated(c);
            }
            final Model model = new Model(made);
            final double[] scores = new double[logOdds.length];
            boolean finite = true;
            for (int i = 0; i < scores.length; i++) {
                scores[i] = model.probability(logOdds[i]);
                finite &= scores[i] >= 0 && scores[i] <= 1;
            }
            try {
                ModelCheck.check(made, prior.schema());
            } catch (InvalidRecordException e) {
                finite = false;
            }
            return new Fitted(made, scores, finite, finite ? Curves.averagePrecision(scores, labels) : Double.NaN);
        }

        private static Fitted result(final Future<Fitted> fitting) {
            try {
                return fitting.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a family was fitting", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /** A family's challenger after a round's fit: its snapshot, its holdout scores, whether finite, its AP. */
    private record Fitted(ModelSnapshot made, double[] scores, boolean finite, double ap) {
    }

    /**
     * Where the families after the first fit during a round (the first fits on the round's own thread): one thread
     * per core beyond the first, daemon, shared by every round of the process.
     */
    private static final ExecutorService FAMILIES = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
                final Thread t = new Thread(r, "fraudstream-round-family");
                t.setDaemon(true);
                return t;
            });

    /**
     * log of the factor by which a batch inflated the fraud odds: its weighted fraud odds over the stream's
     * (and, for the focal loss, α/(1 − α)).
     */
    private double batchOddsInflation(final Learner learner, final double wf, final double wl,
                                      final double streamRate) {
        if (wf == 0 || wl == 0 || Double.isNaN(streamRate) || streamRate <= 0 || streamRate >= 1) {
            return learner.streamOddsInflation();
        }
        final Loss loss = config.learner().loss();
        final double focal = loss.kind() == Loss.Kind.FOCAL && learner.family() == ModelFamily.LOGISTIC
                ? Math.log(loss.alpha() / (1 - loss.alpha())) : 0;
        return Math.log(wf / wl) - Math.log(streamRate / (1 - streamRate)) + focal;
    }

    /** An example's weight from what it costs: a fraud by what missing it costs, relative to the mean; else 1. */
    private double costWeight(final Example e) {
        if (!config.costWeights() || !e.fraud()) {
            return 1;
        }
        final double missed = config.thresholds().costs().missed(e.amount());
        final double mean = missedCostCount > 0 ? missedCostSum / missedCostCount : missed;
        return mean > 0 ? Math.min(MAX_COST_WEIGHT, Math.max(1 / MAX_COST_WEIGHT, missed / mean)) : 1;
    }

    private void recordDecision(final LabelledOutcome o) {
        fraudCaught *= recallDecay;
        fraudSeen *= recallDecay;
        legitPassed *= recallDecay;
        legitSeen *= recallDecay;
        if (o.fraud()) {
            fraudSeen++;
            fraudCaught += o.alerted() ? 1 : 0;
            missedCostSum += config.thresholds().costs().missed(o.amount());
            missedCostCount++;
        } else {
            legitSeen++;
            legitPassed += o.alerted() ? 0 : 1;
        }
    }

    private static double recall(final double hit, final double all) {
        return all > 1e-9 ? hit / all : Double.NaN;
    }

    private static Double nullIfNaN(final double v) {
        return Double.isNaN(v) ? null : v;
    }

    // ---- state

    public long version() {
        return version;
    }

    public Model champion() {
        return champion;
    }

    public Reservoir fraudReservoir() {
        return fraud;
    }

    public Reservoir legitReservoir() {
        return legit;
    }

    public Holdout holdout() {
        return holdout;
    }

    /**
     * Adopts a model published by someone else (a rollback): it becomes the champion, the online learner restarts
     * from its parameters, and versions continue after it. Ignored unless it is newer than the learner's own.
     */
    public boolean adopt(final ModelSnapshot external, final Sink sink) {
        if (external.version() <= version || !Objects.equals(external.schema(), prior.schema())) {
            return false;
        }
        version = external.version();
        champion = new Model(external);
        for (Learner l : learners) {
            if (l.family() == external.family()) {
                l.resetTo(external);
            }
        }
        writeFitted(sink);
        sink.state(CHAMPION_KEY, SNAPSHOTS.serializer().serialize(null, external));
        sink.state(STATE_KEY, stateBytes());
        return true;
    }

    private void writeFitted(final Sink sink) {
        for (Learner l : learners) {
            final byte[] b = l.fittedBytes();
            if (b != null) {
                sink.state(FITTED_SLOT + l.family().id(), b);
            }
        }
    }

    private byte[] stateBytes() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(version);
            out.writeInt(sincePublish);
            out.writeLong(round);
            out.writeLong(lastRoundTime);
            out.writeBoolean(pendingRound);
            out.writeInt(owedRounds);
            for (double d : new double[] {fraudCaught, fraudSeen, legitPassed, legitSeen, missedCostSum,
                    missedCostCount}) {
                out.writeDouble(d);
            }
            out.writeLong(fraud.seen());
            out.writeLong(legit.seen());
            out.writeInt(learners.size());
            for (Learner l : learners) {
                final byte[] b = l.updatedBytes();
                out.writeUTF(l.family().id());
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores one entry of the learner's state store (any order); then {@link #restored()}. */
    public void restore(final String key, final byte[] value) {
        if (key.equals(STATE_KEY)) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
                final int format = in.readByte();
                if (format != FORMAT && format != FORMAT - 1) {
                    throw new IllegalStateException("unknown learner state format " + format
                            + "; reset the application (kafka-streams-application-reset) to start learning afresh");
                }
                version = in.readLong();
                sincePublish = in.readInt();
                round = in.readLong();
                lastRoundTime = in.readLong();
                pendingRound = format >= 5 && in.readBoolean(); // format 4 knew no rounds in flight
                owedRounds = format >= 5 ? in.readInt() : 0;
                fraudCaught = in.readDouble();
                fraudSeen = in.readDouble();
                legitPassed = in.readDouble();
                legitSeen = in.readDouble();
                missedCostSum = in.readDouble();
                missedCostCount = in.readDouble();
                restoredFraudSeen = in.readLong();
                restoredLegitSeen = in.readLong();
                restoredLearners.clear();
                restoredWhole = format < 5; // format 4 kept each learner whole under this key
                final int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    final String family = in.readUTF();
                    final byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    restoredLearners.put(family, b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (key.startsWith(FITTED_SLOT)) {
            restoredFitted.put(key.substring(FITTED_SLOT.length()), value);
        } else if (key.equals(CHAMPION_KEY)) {
            champion = new Model(SNAPSHOTS.deserializer().deserialize(null, value));
        } else if (key.startsWith(FRAUD_SLOT)) {
            fraud.restore(Integer.parseInt(key.substring(FRAUD_SLOT.length())), value);
        } else if (key.startsWith(LEGIT_SLOT)) {
            legit.restore(Integer.parseInt(key.substring(LEGIT_SLOT.length())), value);
        }
    }

    /** Restores one held-out slot (any order); then {@link #restored()}. */
    public void restoreHoldout(final int slot, final byte[] value) {
        holdout.restore(slot, value);
    }

    /** Completes a restore. */
    public void restored() {
        // families configured since start afresh; families no longer configured are dropped
        if (!restoredLearners.isEmpty()) {
            learners.clear();
            for (ModelFamily family : config.families()) {
                final byte[] b = restoredLearners.get(family.id());
                learners.add(b == null ? Learner.create(family, config.learner(), config.trees())
                        : restoredWhole ? Learner.restore(family, config.learner(), config.trees(), b)
                        : Learner.restore(family, config.learner(), config.trees(), b, restoredFitted.get(family.id())));
            }
        }
        restoredLearners.clear();
        restoredFitted.clear();
        fraud.restored(restoredFraudSeen);
        legit.restored(restoredLegitSeen);
    }

    @Override
    public String toString() {
        return "Learning{version=" + version + ", round=" + round + ", reservoirs=" + fraud.size() + "/"
                + legit.size() + ", holdout=" + holdout.size() + ", sampling=" + config.sampling().mode()
                + ", champion=v" + champion.version() + '}';
    }
}
