package io.fraudstream.learn;

import io.fraudstream.eval.Curves;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.model.Calibration;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.BatchSampler;
import io.fraudstream.sample.Example;
import io.fraudstream.threads.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One retraining round, started by {@link Learning} and free of it: it holds its own copies of the reservoirs (it
 * draws its batch and weighs each example by its cost when it runs), the learners, the champion and the judged part
 * of the holdout, so {@link #call} may run on another thread while outcomes go on being learnt. It fits a
 * challenger of every family to the batch and the alert feedback (each family after the first on a core of its
 * own), Platt-calibrates each on the holdout, refuses those with non-finite parameters or scores, makes the best on
 * the holdout the candidate, compares it with the champion there, and chooses its thresholds there. What it
 * computed goes back to {@link Learning#complete}.
 */
public final class RetrainingRound implements Callable<RetrainingRound.Trained> {
    /**
     * Where the families after the first fit during a round (the first fits on the round's own thread): one thread
     * per core beyond the first, daemon, shared by every round of the process.
     */
    private static final ExecutorService FAMILIES = DaemonThreads.pool("fraudstream-round-family",
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    private final LearningConfig config;
    private final ModelSnapshot prior;
    private final ChampionScores championScores;
    private final long round;
    private final long baseVersion;
    private final long now;
    private final Supplier<BatchSampler.Batch> draw;
    private final ToDoubleFunction<Example> costWeight;
    /** Drawn and weighed by {@link #call}, on the round's thread. */
    private BatchSampler.Batch batch;
    private double[] weights;
    private final List<Example> feedback;
    private final List<Learner> challengers;
    private final Model champion;
    private final Holdout.Judged judge;

    /**
     * What a round computed, for {@link Learning#complete}; {@code refused} names the families whose fit had
     * non-finite parameters or holdout scores (they did not compete, and start afresh).
     */
    public record Trained(RetrainingRound job, ModelSnapshot snapshot, boolean promoted, List<Learner> challengers,
                          List<ModelFamily> refused, double[] holdoutScores) {
    }

    /** A round whose every family fitted NaN or infinite parameters or scores: it fails, and nothing is published. */
    public static final class NonFiniteModelException extends IllegalStateException {
        NonFiniteModelException(final String message) {
            super(message);
        }
    }

    RetrainingRound(final LearningConfig config, final ModelSnapshot prior, final ChampionScores championScores,
                    final long round, final long baseVersion, final long now, final Supplier<BatchSampler.Batch> draw,
                    final ToDoubleFunction<Example> costWeight, final List<Example> feedback,
                    final List<Learner> challengers, final Model champion, final Holdout.Judged judge) {
        this.config = config;
        this.prior = prior;
        this.championScores = championScores;
        this.round = round;
        this.baseVersion = baseVersion;
        this.now = now;
        this.draw = draw;
        this.costWeight = costWeight;
        this.feedback = feedback;
        this.challengers = challengers;
        this.champion = champion;
        this.judge = judge;
    }

    /** The event time the round started at. */
    public long time() {
        return now;
    }

    long number() {
        return round;
    }

    long baseVersion() {
        return baseVersion;
    }

    /** The batch the round drew: known once {@link #call} has run. */
    BatchSampler.Batch batch() {
        return batch;
    }

    Holdout.Judged judged() {
        return judge;
    }

    /**
     * Fits a challenger of every family to the batch; the best on the holdout is the candidate, compared with
     * the champion, its thresholds chosen on the holdout.
     */
    @Override
    public Trained call() {
        batch = draw.get();
        weights = new double[batch.examples().size()];
        double wf = 0;
        double wl = 0;
        for (int i = 0; i < weights.length; i++) {
            final Example e = batch.examples().get(i);
            weights[i] = costWeight.applyAsDouble(e);
            wf += e.fraud() ? weights[i] : 0;
            wl += e.fraud() ? 0 : weights[i];
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
        final double championAp = Curves.averagePrecision(championScores.of(champion, judge), labels);
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
        challenger.fit(batch.examples(), weights, feedback, config.sampling().epochs(),
                config.sampling().stepMemory());
        final double inflation = batch.examples().isEmpty() ? challenger.streamOddsInflation()
                : batchOddsInflation(challenger, wf, wl, challenger.streamFraudRate());
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

    /** A family's challenger after a round's fit: its snapshot, its holdout scores, whether finite, its AP. */
    private record Fitted(ModelSnapshot made, double[] scores, boolean finite, double ap) {
    }

    private static Double nullIfNaN(final double v) {
        return Double.isNaN(v) ? null : v;
    }
}
