package io.fraudstream.learn;

import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.BatchSampler;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.Reservoir;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * The single writer of models, free of Kafka: learns online from every labelled outcome but the held-out ones,
 * keeps one reservoir per class and the alert feedback apart ({@link TrainingExamples}), and every
 * {@code publishEvery} outcomes (or {@code publishIntervalMillis} of event time) runs a retraining round
 * ({@link RetrainingRound}): a batch drawn from the reservoirs by the dynamic
 * sampling schedule, a challenger of each configured family fitted to it (the linear one warm-started from the
 * champion's learner, with the online updates since, for a few epochs; trees afresh on the batch), each
 * Platt-calibrated on the holdout, the best of them the candidate, its thresholds chosen on the holdout, and a
 * comparison with the champion on the holdout (held-out transactions of a recent period whose labels have all had
 * time to arrive — their natural distribution, never trained on, never resampled: see {@link Holdout}). The
 * challenger is promoted — published as the next version — unless its holdout PR-AUC falls short of the champion's
 * by more than the margin; until the holdout holds enough frauds, challengers are promoted unjudged (PR-AUC on a
 * handful of frauds is noise). A challenger that loses is counted and dropped.
 *
 * <p>A round may run on another thread ({@link #offer} hands it out; {@link #complete} takes its result back) while
 * outcomes go on being learnt: the round works on copies made when it starts, and the challengers it promotes catch
 * up on the online updates made meanwhile. {@link #observe} runs it at once.
 *
 * <p>Every change is written through a {@link StateSink} as it happens (the learner state, each reservoir or holdout
 * slot that changed, the champion), so a restart from those writes resumes exactly; the learner state's format is
 * {@link LearningStateCodec}'s. Deterministic: the same outcomes in the same order give the same models, bit for bit.
 *
 * <p>Configured by a {@link LearningConfig}; what the decisions of late were is kept by {@link RecentDecisions}; a
 * {@link DriftMonitor} watches the recall of the live decisions, and a drift it detects brings a round forward.
 */
public final class Learning {
    /** What one retraining round did. */
    public record Round(long number, ModelSnapshot challenger, boolean promoted, BatchSampler.Batch batch) {
    }

    public static final String STATE_KEY = "learner";
    public static final String CHAMPION_KEY = "champion";
    /** Each learner's fitted part (a tree ensemble), written only when a round or a rollback changes it. */
    private static final String FITTED_SLOT = "fitted/";
    /** How snapshots are stored: JSON, as on the model topic. */
    private static final Serde<ModelSnapshot> SNAPSHOTS = EventSerdes.json(ModelSnapshot.class);

    private final LearningConfig config;
    private final ModelSnapshot prior;
    private final BatchSampler sampler;
    private final TrainingExamples examples;
    private final Holdout holdout;
    private final RecentDecisions decisions;
    private final DriftMonitor drift;
    private final LearnerCodec codec;
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
    private RetrainingRound running;
    /** No round starts while held (after a failed one, until its backoff ends; not state). */
    private boolean held;
    /** Online updates made while it runs, for its challengers to catch up on. */
    private final List<Update> sinceStart = new ArrayList<>();
    // the state as read by restore, built into learners and reservoirs when the restore completes
    private LearningState restoredState;
    private final Map<String, byte[]> restoredFitted = new HashMap<>();

    public Learning(final LearningConfig config, final ModelSnapshot prior) {
        this.config = config;
        this.prior = prior;
        this.sampler = new BatchSampler(config.sampling(), config.seed());
        this.examples = new TrainingExamples(config);
        this.holdout = new Holdout(config.gate().holdoutSize());
        this.decisions = new RecentDecisions(config.thresholds().costs(), config.costWeights());
        this.drift = new DriftMonitor(config.drift(), config.gate().maturityMillis());
        this.codec = new LearnerCodec(config.learner(), config.trees());
        for (ModelFamily family : config.families()) {
            learners.add(Learner.create(family, config.learner(), config.trees()));
        }
        this.champion = new Model(prior);
    }

    /**
     * Learns from one outcome and runs, at once, the retraining round it made due, if any: returns that round (its
     * challenger published when promoted). The synchronous form of {@link #offer} and {@link #complete}.
     */
    public Optional<Round> observe(final LabelledOutcome o, final StateSink sink) {
        final Optional<RetrainingRound> job = offer(o, sink);
        return job.isEmpty() ? Optional.empty() : complete(job.get().call(), sink);
    }

    /**
     * Learns from one outcome; returns the retraining round it made due, if any, for the caller to run — on any
     * thread, while more outcomes are offered — and hand back to {@link #complete}. One round at a time: none
     * falls due while one is running.
     */
    public Optional<RetrainingRound> offer(final LabelledOutcome o, final StateSink sink) {
        final Example e = new Example(o.features(), o.fraud(), o.eventTime(), o.amount());
        decisions.record(o);
        if (Holdout.isHeldOut(o.transactionId(), config.gate().holdoutPercent())) {
            final int slot = holdout.add(e, o.labelTime());
            if (slot >= 0 && sink.keeps()) {
                sink.holdout(slot, holdout.encoded(slot));
            }
        } else {
            final double w = decisions.costWeight(e);
            for (Learner l : learners) {
                l.update(e.x(), e.fraud(), w);
            }
            if (running != null) {
                sinceStart.add(new Update(e.x(), e.fraud(), w));
            }
            examples.offer(o, e, sink);
        }
        sincePublish++;
        if (lastRoundTime == Long.MIN_VALUE) {
            lastRoundTime = o.eventTime();
        }
        final boolean byCount = sincePublish >= config.publishEvery();
        final boolean drifted = drift.offered(o);
        if (learners.get(0).seenFraud() > 0 && (byCount || drifted || config.publishIntervalMillis() > 0
                && o.eventTime() - lastRoundTime >= config.publishIntervalMillis())) {
            // a round falls due (a drift brings it forward); while one runs, those due by count are owed
            sincePublish = 0;
            lastRoundTime = o.eventTime();
            owedRounds = byCount ? owedRounds + 1 : Math.max(owedRounds, 1);
        }
        final Optional<RetrainingRound> job = startIfDue();
        if (sink.keeps()) {
            sink.state(STATE_KEY, LearningStateCodec.encode(state()));
        }
        return job;
    }

    /**
     * Starts the round that is due, if one is and none is running: one a restart interrupted (its start is in the
     * state, its result was never completed) or one owed since it fell due while another ran. For the caller to
     * run and {@link #complete}, as with {@link #offer}; callers that run rounds elsewhere call this when a round
     * ends and now and then, as no outcome may come to start it.
     */
    public Optional<RetrainingRound> startIfDue() {
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
    public void abandon(final RetrainingRound job, final StateSink sink) {
        if (job != running) {
            return;
        }
        running = null;
        pendingRound = false;
        sinceStart.clear();
        owedRounds++;
        sink.state(STATE_KEY, LearningStateCodec.encode(state()));
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
        return complete(start(now).call(), StateSink.NONE).orElseThrow();
    }

    /** Drifts detected since learning began ({@link DriftMonitor}), each of which brought a round forward. */
    public long driftDetections() {
        return drift.detections();
    }

    /** Rounds due and not started yet (0 when the learner keeps up). */
    public int owedRounds() {
        return owedRounds;
    }

    /**
     * Starts a round: copies everything it reads (the reservoirs, learners, champion, the holdout's judged part, the
     * recalls and the mean missed cost), so that it can run on another thread while this one goes on learning; the
     * round draws its batch there (a draw of 40 000 examples took ~9 ms of the stream thread per round).
     */
    private RetrainingRound start(final long now) {
        // drawn on the round's thread, from copies of what the draw reads as it is now
        final Reservoir fraud = examples.fraud.copy();
        final Reservoir legit = examples.legit.copy();
        final long number = round;
        final double fraudRecall = decisions.fraudRecall();
        final double legitRecall = decisions.legitRecall();
        final Supplier<BatchSampler.Batch> draw = () -> sampler.draw(number, fraud, legit, fraudRecall, legitRecall);
        final List<Learner> copies = new ArrayList<>();
        for (Learner l : learners) {
            copies.add(l.copy());
        }
        pendingRound = true;
        sinceStart.clear();
        running = new RetrainingRound(config, prior, championScores, round, version, now, draw,
                decisions.costWeightNow(), examples.feedback.examples(), copies, champion,
                holdout.mature(config.gate().maturityMillis()));
        return running;
    }

    /**
     * Completes a round with what it computed: promotes its challenger (the challengers, caught up on the outcomes
     * offered while it ran, become the learners) or counts it rejected. Empty when the round no longer applies: a
     * model was adopted while it ran (it is dropped, and the next one falls due as usual).
     */
    public Optional<Round> complete(final RetrainingRound.Trained t, final StateSink sink) {
        if (t.job() != running) {
            throw new IllegalStateException("round " + t.job().number() + " is not the one running");
        }
        running = null;
        pendingRound = false;
        try {
            if (t.job().baseVersion() != version) {
                return Optional.empty();
            }
            round++;
            if (!t.promoted()) {
                return Optional.of(new Round(t.job().number(), t.snapshot(), false, t.job().batch()));
            }
            for (Update u : sinceStart) {
                for (Learner l : t.challengers()) {
                    l.update(u.x(), u.fraud(), u.weight());
                }
            }
            version++;
            champion = new Model(t.snapshot());
            championScores.remember(champion, t.job().judged().examples(), t.holdoutScores());
            learners.clear();
            learners.addAll(t.challengers());
            writeFitted(sink);
            sink.state(CHAMPION_KEY, SNAPSHOTS.serializer().serialize(null, t.snapshot()));
            return Optional.of(new Round(t.job().number(), t.snapshot(), true, t.job().batch()));
        } finally {
            sinceStart.clear();
            sink.state(STATE_KEY, LearningStateCodec.encode(state()));
        }
    }

    private record Update(FeatureVector x, boolean fraud, double weight) {
    }

    // ---- state

    public long version() {
        return version;
    }

    public Model champion() {
        return champion;
    }

    public Reservoir fraudReservoir() {
        return examples.fraud;
    }

    public Reservoir legitReservoir() {
        return examples.legit;
    }

    public Holdout holdout() {
        return holdout;
    }

    /**
     * Adopts a model published by someone else (a rollback): it becomes the champion, the online learner restarts
     * from its parameters, and versions continue after it. Ignored unless it is newer than the learner's own.
     */
    public boolean adopt(final ModelSnapshot external, final StateSink sink) {
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
        sink.state(STATE_KEY, LearningStateCodec.encode(state()));
        return true;
    }

    private void writeFitted(final StateSink sink) {
        for (Learner l : learners) {
            final byte[] b = codec.fitted(l);
            if (b != null) {
                sink.state(FITTED_SLOT + l.family().id(), b);
            }
        }
    }

    private LearningState state() {
        final Map<String, byte[]> parts = new LinkedHashMap<>();
        for (Learner l : learners) {
            parts.put(l.family().id(), codec.updated(l));
        }
        return new LearningState(version, sincePublish, round, lastRoundTime, pendingRound, owedRounds,
                decisions.values(), examples.fraud.seen(), examples.legit.seen(), parts, false, drift.values());
    }

    /** Restores one entry of the learner's state store (any order); then {@link #restored()}. */
    public void restore(final String key, final byte[] value) {
        if (key.equals(STATE_KEY)) {
            final LearningState s = LearningStateCodec.decode(value);
            version = s.version();
            sincePublish = s.sincePublish();
            round = s.round();
            lastRoundTime = s.lastRoundTime();
            pendingRound = s.pendingRound();
            owedRounds = s.owedRounds();
            decisions.restore(s.decisions());
            if (s.drift() != null) {
                drift.restore(s.drift());
            }
            restoredState = s;
        } else if (key.startsWith(FITTED_SLOT)) {
            restoredFitted.put(key.substring(FITTED_SLOT.length()), value);
        } else if (key.equals(CHAMPION_KEY)) {
            champion = new Model(SNAPSHOTS.deserializer().deserialize(null, value));
        } else {
            examples.restore(key, value);
        }
    }

    /** Restores one held-out slot (any order); then {@link #restored()}. */
    public void restoreHoldout(final int slot, final byte[] value) {
        holdout.restore(slot, value);
    }

    /** Completes a restore. */
    public void restored() {
        // families configured since start afresh; families no longer configured are dropped
        final LearningState s = restoredState;
        if (s != null && !s.learners().isEmpty()) {
            learners.clear();
            for (ModelFamily family : config.families()) {
                final byte[] b = s.learners().get(family.id());
                learners.add(b == null ? Learner.create(family, config.learner(), config.trees())
                        : s.whole() ? codec.decodeWhole(family, b)
                        : codec.decode(family, b, restoredFitted.get(family.id())));
            }
        }
        restoredFitted.clear();
        restoredState = null;
        examples.restored(s == null ? 0 : s.fraudSeen(), s == null ? 0 : s.legitSeen());
    }
}
