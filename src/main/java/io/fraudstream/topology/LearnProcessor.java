package io.fraudstream.topology;

import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.LearningConfig;
import io.fraudstream.learn.RetrainingRound;
import io.fraudstream.learn.StateSink;
import io.fraudstream.metrics.LearnerMeters;
import io.fraudstream.model.ModelSnapshot;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of models, on the one partition of the outcomes topic, so versions are totally ordered:
 * hands each labelled outcome to {@link Learning} (online update, class reservoirs, holdout, retraining rounds
 * with champion and challenger) and publishes every promoted challenger to the model topic. Learning's whole
 * state — learner, champion, reservoirs, holdout — is written to changelogged stores as it changes, and read
 * back at start, so under exactly-once a restart resumes exactly. A model on the model topic newer than the
 * learner's own (a rollback) becomes the champion, and versions continue after it.
 *
 * <p>Retraining rounds run on a thread of this processor's own (unless {@code learner.background=false}): a
 * round fits for seconds, and on the stream thread it would hold up the scoring tasks that share that thread and
 * the transaction that is open (one longer than {@code transaction.timeout.ms} is aborted by the broker, and the
 * task would run the same round again, for ever). The stream thread hands a round its copies, goes on learning,
 * and picks the result up — publishing it inside its own transaction — at the next outcome or wall-clock tick.
 * A round interrupted by a restart is owed in the state and runs again.
 *
 * <p>A round that throws, or runs past {@code learner.round.timeout} (its thread is interrupted and, should it not
 * stop, left behind for a fresh one), is abandoned: logged with its cause, counted by reason, owed again, and
 * retried after a backoff that doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF} while rounds keep
 * failing. Online learning and scoring go on meanwhile; a round that failed never fails the task (a task that failed
 * would meet the same round after its restart, and learning would freeze for good).
 */
final class LearnProcessor implements Processor<String, LabelledOutcome, String, ModelSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(LearnProcessor.class);
    /** How often the stream thread looks for a finished round when no outcome comes. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private final String storeName;
    private final String holdoutStoreName;
    private final String modelStoreName;
    private final LearningConfig config;
    private final ModelSnapshot prior;
    private final LearnerMeters meters;
    private final boolean background;
    private final long timeoutNanos;
    /** Makes the executor of rounds, given its thread's name (a fresh one after a round that would not stop). */
    private final Function<String, ExecutorService> trainers;
    private ProcessorContext<String, ModelSnapshot> context;
    private Learning learning;
    private StateSink sink;
    private ModelStore models;
    private ExecutorService trainer;
    private Future<RetrainingRound.Trained> training;
    private RetrainingRound job;
    private long trainingStarted;
    /** When (System.nanoTime) rounds may start again after a failure; its backoff doubles per failure in a row. */
    private long retryAt;
    private long backoffNanos = FIRST_BACKOFF.toNanos();
    private long trainingTimestamp;
    /** Rounds owed when the learner last said it fell behind; 0 while it keeps up. */
    private int warnedOwed;

    LearnProcessor(final String storeName, final String holdoutStoreName, final String modelStoreName,
                   final LearningConfig config, final ModelSnapshot prior, final LearnerMeters meters,
                   final boolean background, final Duration roundTimeout,
                   final Function<String, ExecutorService> trainers) {
        this.storeName = storeName;
        this.holdoutStoreName = holdoutStoreName;
        this.modelStoreName = modelStoreName;
        this.config = config;
        this.prior = prior;
        this.meters = meters;
        this.background = background;
        this.timeoutNanos = roundTimeout.toNanos();
        this.trainers = trainers;
    }

    @Override
    public void init(final ProcessorContext<String, ModelSnapshot> context) {
        this.context = context;
        final KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
        final KeyValueStore<Integer, byte[]> holdoutStore = context.getStateStore(holdoutStoreName);
        this.models = context.getStateStore(modelStoreName);
        learning = new Learning(config, prior);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, byte[]> kv = it.next();
                learning.restore(kv.key, kv.value);
            }
        }
        try (KeyValueIterator<Integer, byte[]> it = holdoutStore.all()) {
            while (it.hasNext()) {
                final KeyValue<Integer, byte[]> kv = it.next();
                learning.restoreHoldout(kv.key, kv.value);
            }
        }
        learning.restored();
        meters.reservoirs(learning.fraudReservoir().size(), learning.legitReservoir().size());
        sink = StateSink.of(store::put, holdoutStore::put);
        if (background) {
            trainer = newTrainer();
            // also starts a round a restart left owed (nothing may be forwarded from init)
            context.schedule(POLL, PunctuationType.WALL_CLOCK_TIME, now -> poll());
        }
    }

    private ExecutorService newTrainer() {
        return trainers.apply("fraudstream-learner-" + context.taskId());
    }

    private static double nan(final Double value) {
        return value == null ? Double.NaN : value;
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final ModelSnapshot scoring = models.current().snapshot();
        if (scoring.version() > learning.version() && learning.adopt(scoring, sink)) {
            meters.modelAdopted();
        }
        final long drifts = learning.driftDetections();
        learning.offer(record.value(), sink).ifPresent(job -> start(job, record.timestamp()));
        if (learning.driftDetections() > drifts) {
            meters.driftDetected();
        }
        poll();
        meters.roundsOwed(learning.owedRounds());
        meters.learnerOutcome(); // last: once counted, the round it started is running (or, in the foreground, done)
    }

    /** Runs a round: on the trainer, or here and now. */
    private void start(final RetrainingRound next, final long timestamp) {
        meters.roundStarted();
        reportBacklog(learning.owedRounds());
        trainingStarted = System.nanoTime();
        trainingTimestamp = timestamp;
        job = next;
        if (trainer == null) {
            final RetrainingRound.Trained trained;
            try {
                trained = next.call();
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            finish(trained);
        } else {
            training = trainer.submit(next);
        }
    }

    /**
     * Says when the learner falls behind — once, and again each time the rounds owed double (a backlog of labels
     * would otherwise log a line per round) — and when it has caught up; {@code fraud_learner_rounds_owed} has the
     * count at every moment.
     */
    private void reportBacklog(final int owed) {
        if (owed > 0 && (warnedOwed == 0 || owed >= 2 * warnedOwed)) {
            LOG.warn("the learner falls behind: {} more retraining rounds are due (rounds take longer than "
                    + "model.publish.every outcomes take to come)", owed);
            warnedOwed = owed;
        } else if (owed == 0 && warnedOwed > 0) {
            LOG.info("the learner has caught up: no retraining round is owed");
            warnedOwed = 0;
        }
    }

    /**
     * Publishes the round that has finished, if one has; then starts the next one due, if any (one that fell due
     * while another ran, or one a restart interrupted).
     */
    private void poll() {
        if (training != null && training.isDone()) {
            final Future<RetrainingRound.Trained> done = training;
            training = null;
            final RetrainingRound.Trained trained;
            try {
                trained = done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while collecting a retraining round", e);
            } catch (ExecutionException e) {
                failed(e.getCause());
                return;
            }
            finish(trained);
        } else if (training != null && System.nanoTime() - trainingStarted > timeoutNanos) {
            training.cancel(true);
            training = null;
            trainer.shutdownNow(); // should the round ignore its interrupt, the next one gets a thread of its own
            trainer = newTrainer();
            failed(new TimeoutException("ran past learner.round.timeout (" + timeoutNanos / 1_000_000 + " ms)"));
            return;
        }
        if (training == null && retryAt != 0 && System.nanoTime() - retryAt >= 0) {
            retryAt = 0;
            learning.holdRounds(false);
        }
        if (training == null) {
            learning.startIfDue().ifPresent(next -> start(next, next.time()));
        }
    }

    /** The round running failed: abandoned, counted, owed again, retried after the backoff. */
    private void failed(final Throwable cause) {
        final long nanos = System.nanoTime() - trainingStarted;
        final String reason = cause instanceof RetrainingRound.NonFiniteModelException ? "non-finite"
                : cause instanceof TimeoutException ? "timeout" : "error." + cause.getClass().getSimpleName();
        learning.abandon(job, sink);
        job = null;
        meters.roundFailed(reason, nanos);
        LOG.error("retraining round abandoned after {} ms ({}); online learning goes on, the round is retried in {} s",
                nanos / 1_000_000, reason, backoffNanos / 1_000_000_000, cause);
        learning.holdRounds(true);
        retryAt = System.nanoTime() + backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
    }

    private void finish(final RetrainingRound.Trained trained) {
        final long nanos = System.nanoTime() - trainingStarted;
        job = null;
        backoffNanos = FIRST_BACKOFF.toNanos();
        meters.roundSucceeded();
        trained.refused().forEach(family -> {
            meters.challengerRefused(family);
            LOG.error("retraining round: the {} family fitted non-finite parameters or scores; it did not compete "
                    + "and starts afresh", family);
        });
        final Optional<Learning.Round> round = learning.complete(trained, sink);
        round.ifPresent(r -> {
            meters.retrained(r.batch().fraudShare(), learning.fraudReservoir().size(),
                    learning.legitReservoir().size());
            // every candidate, promoted or not, is measured live beside the champion by the evaluator
            context.forward(new Record<>(TopicKeys.CHALLENGER, r.challenger(), trainingTimestamp));
            if (r.promoted()) {
                // the archive copy first: compaction keeps every version for rollbacks; then the current model
                context.forward(new Record<>(TopicKeys.archive(r.challenger().version()), r.challenger(),
                        trainingTimestamp));
                context.forward(new Record<>(TopicKeys.CHAMPION, r.challenger(), trainingTimestamp));
                final ModelSnapshot m = r.challenger();
                meters.modelPublished(nan(m.holdoutPrAuc()),
                        m.training() == null ? Double.NaN : nan(m.training().holdoutPrecision()),
                        m.training() == null ? Double.NaN : nan(m.training().holdoutRecall()));
            } else {
                meters.candidateRejected();
            }
            LOG.info("retraining round {}: {} {} v{} ({} family, {} examples, {} ms)", r.number(),
                    r.promoted() ? "promoted" : "rejected", r.promoted() ? "as" : "candidate", r.challenger().version(),
                    r.challenger().family(), r.batch().examples().size(), nanos / 1_000_000);
        });
        if (round.isEmpty()) {
            LOG.info("retraining round dropped after {} ms: model v{} was adopted while it ran", nanos / 1_000_000,
                    learning.version());
        }
        meters.roundEnded(nanos);
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.shutdownNow(); // a round still fitting finishes unseen; the state says it is owed
        }
    }
}
