package io.fraudstream.replay;

import io.fraudstream.config.Settings;
import io.fraudstream.event.Decision;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.EventTimeWindow;
import io.fraudstream.event.InputLimits;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.learn.Learning;
import io.fraudstream.learn.RetrainingRound;
import io.fraudstream.learn.StateSink;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.Model;
import io.fraudstream.model.ModelCheck;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.stage.CardFeatures;
import io.fraudstream.stage.DuplicateCheck;
import io.fraudstream.stage.EnrichedTransaction;
import io.fraudstream.stage.HistoryStart;
import io.fraudstream.stage.MerchantCounts;
import io.fraudstream.stage.MerchantDayTable;
import io.fraudstream.stage.MerchantFeatures;
import io.fraudstream.stage.PendingJoin;
import io.fraudstream.stage.Scoring;
import io.fraudstream.stage.Stages;
import io.fraudstream.threads.DaemonThreads;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process engine: the stage cores of the topology — validation, event-time window, duplicates, card and
 * merchant features, score, pending join, learning — driven in one thread with in-memory state
 * ({@link MemoryStores}), under the segment protocol of {@link ReplayEngine}; only a segment's scores, which
 * depend on nothing but the transaction and the model, are computed on every core before they are joined in order.
 * No broker, no serialisation between stages, no commits: only what the stages themselves compute.
 *
 * <p>Where the Kafka engine's outcome depends on its transport, this engine does what that transport does with one
 * partition: a transaction and a label are checked as their records would be parsed ({@link TransactionJson#check},
 * {@link LabelJson#check}, each held to its parser by a test), with the input limits, so both engines refuse the
 * same; merchant counters are written as soon as a transaction is given its features or a fraud outcome is joined,
 * which gives the features the topology's published counters give (no merchant window reads the last
 * {@code features.merchant.delay} of event time, and the Kafka engine waits for the counters between batches
 * shorter than that); pending expiry runs when stream time crosses the same aligned
 * punctuation times; a published model is installed from its record bytes through the same check as the model
 * store. A round runs on a thread of its own, as on the topology's learner thread, while the next segment's
 * transactions are validated and given their features; they are scored once its model is installed.
 *
 * <p>With an investigation delay ({@code --investigate-alerts}), the labels of the transactions a segment alerts are
 * brought forward as they are scored ({@link LabelSchedule}). Its cut was fixed before, so when they fall inside it
 * the segment's last label comes earlier than the cut, and the transactions between were scored by the model
 * before: a lag of less than one segment, in the replay's disfavour.
 */
public final class InProcessReplay implements ReplayEngine {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessReplay.class);
    private final Settings settings;
    private final ReplayData data;
    private final PrintStream out;
    private final FraudMeters meters = FraudMeters.detached();
    private final Map<String, Long> refused = new TreeMap<>();

    /** Investigation delay of alerted transactions' labels, ms; 0: the data's label times alone. */
    private final long investigateMillis;

    public InProcessReplay(final Settings settings, final ReplayData data, final PrintStream out) {
        this(settings, data, out, 0);
    }

    /**
     * @param investigateMillis if positive, every transaction alerted when scored has its label (fraud or not) this
     *                          much event time after it, when that is sooner than the data's: a fraud team
     *                          investigating fraudstream's own alerts ({@link LabelSchedule})
     */
    public InProcessReplay(final Settings settings, final ReplayData data, final PrintStream out,
                           final long investigateMillis) {
        this.settings = settings;
        this.data = data;
        this.out = out;
        this.investigateMillis = investigateMillis;
    }

    @Override
    public Result run() {
        final long start = System.nanoTime();
        final ExecutorService rounds = DaemonThreads.single("fraudstream-replay-round");
        try {
            final Pipeline p = new Pipeline(rounds);
            final List<ReplayData.Row> txs = data.rows();
            final LabelSchedule labels = new LabelSchedule(data.rowsByLabelTime());
            final int every = settings.publishEvery();
            final Progress progress = new Progress(out, 2L * txs.size(), "events");
            int t = 0;
            int l = 0;
            while (labels.hasNext()) {
                // up to the label that completes the next publication, unless the pending horizon cuts it shorter
                final List<ReplayData.Row> segment = labels.segment((l / every + 1) * every - l,
                        new SegmentSpan(settings.pendingHorizon()));
                final int labelEnd = l + segment.size();
                final long cut = segment.get(segment.size() - 1).labelTime();
                // the segment's transactions: their features while the last segment's round runs, then their scores
                // once its model is installed
                long mark = System.nanoTime();
                final List<EnrichedTransaction> ready = new ArrayList<>();
                final List<ReplayData.Row> readyRows = new ArrayList<>(); // ready's rows, one for one, if investigated
                while (t < txs.size() && txs.get(t).time() <= cut) {
                    final ReplayData.Row row = txs.get(t++);
                    final int before = ready.size();
                    p.enrich(data.transaction(row), ready);
                    if (investigateMillis > 0 && ready.size() > before) {
                        readyRows.add(row);
                    }
                }
                p.transactionNanos += System.nanoTime() - mark;
                p.finishRound();
                mark = System.nanoTime();
                final ScoredTransaction[] scored = p.score(ready);
                for (int i = 0; i < readyRows.size(); i++) {
                    if (scored[i].decision() != Decision.APPROVE) {
                        labels.investigate(readyRows.get(i), scored[i].eventTime() + investigateMillis);
                    }
                }
                p.transactionNanos += System.nanoTime() - mark;
                progress.update(t + l);
                mark = System.nanoTime();
                while (l < labelEnd && labels.hasNext()) {
                    p.label(ReplayData.label(labels.next()));
                    l++;
                }
                p.labelNanos += System.nanoTime() - mark;
                p.startRound();
                p.learning.holdRounds(false); // a round that failed is retried in the next segment
                progress.update(t + l);
            }
            p.finishRound();
            final double seconds = (System.nanoTime() - start) / 1e9;
            if (!refused.isEmpty()) {
                out.println("Refused by the stages (as the topology would dead-letter them): " + refused);
            }
            return new Result(p.outcomes, p.models, p.learning.driftDetections(), labels.broughtForward(), seconds,
                    new Timing(p.transactionNanos / 1e9, p.labelNanos / 1e9, p.roundNanos / 1e9, p.waitedNanos / 1e9,
                            p.rounds));
        } finally {
            rounds.shutdownNow();
        }
    }

    /** The stages and their state for one run. */
    private final class Pipeline {
        private final ExecutorService roundThread;
        private final InputLimits limits = settings.inputLimits();
        private final EventTimeWindow window = settings.eventTimeWindow();
        private final CardHistory cardHistory = settings.cardHistory();
        private final MerchantActivity merchantActivity = settings.merchantActivity();
        private final DuplicateCheck duplicates = new DuplicateCheck(
                MemoryStores.seen(settings.pendingHorizon().plus(Stages.GRACE).toMillis()), settings.pendingHorizon());
        private final CardFeatures card = cardHistory == null ? null : new CardFeatures(cardHistory,
                MemoryStores.cardEvents(cardHistory.longest().plus(Stages.GRACE).toMillis()),
                new HistoryStart(HistoryStart.inMemory()));
        /** The merchant counters: written as the topology's merchant-count task writes them, read by scoring. */
        private final MerchantDayTable merchantDays = merchantActivity == null ? null
                : new MerchantDayTable(merchantActivity.retention().toMillis());
        private final MerchantFeatures merchant = merchantActivity == null ? null
                : new MerchantFeatures(merchantActivity, merchantDays);
        private final MerchantCounts merchantCounts = merchantActivity == null ? null
                : new MerchantCounts(merchantDays, new HistoryStart(HistoryStart.inMemory()));
        private final Scoring scoring = Stages.replayScoring(settings);
        private final ModelSnapshot prior = settings.prior();
        private final Serializer<ModelSnapshot> modelBytes = EventSerdes.json(ModelSnapshot.class).serializer();
        private final Learning learning = new Learning(settings.learning(), prior);
        private final PendingJoin pending = new PendingJoin(MemoryStores.pending(), settings.pendingHorizon(),
                meters.join(), this::outcome);
        private final long expiryInterval = PendingJoin.expiryInterval(settings.pendingHorizon()).toMillis();
        private final List<LabelledOutcome> outcomes = new ArrayList<>();
        private final List<ModelSnapshot> models = new ArrayList<>();
        private Model model = new Model(prior);
        private long transactionTime = -1;
        private long labelTime = -1;
        private long pendingTime = -1;
        private long nextExpiry;
        /** The round the last segment's labels started, not yet begun, and the one running. */
        private RetrainingRound due;
        private Future<RetrainingRound.Trained> running;
        private RetrainingRound runningJob;
        private long roundStarted;
        private long transactionNanos;
        private long labelNanos;
        private long roundNanos;
        private long waitedNanos;
        private int rounds;

        Pipeline(final ExecutorService roundThread) {
            this.roundThread = roundThread;
        }

        /**
         * A transaction validated (as the topology's deserializer and event-time guard do) and given its features:
         * added to {@code ready}, or refused and counted.
         */
        void enrich(final Transaction row, final List<EnrichedTransaction> ready) {
            try {
                // as the deserializer would parse the record (without writing it); the row's strings are kept, so
                // that the millions of outcomes a report holds share them instead of holding copies
                final Transaction t = TransactionJson.check(row, limits);
                transactionTime = inWindow(t.timestamp(), transactionTime);
                duplicates.check(t);
                if (card == null) {
                    ready.add(EnrichedTransaction.of(t));
                    return;
                }
                ready.add(merchant.enrich(card.enrich(t)));
                if (t.merchantId() != null) { // as the scored transaction's merchant event, once it is scored
                    merchantCounts.transaction(t.merchantId(), t.timestamp());
                }
            } catch (InvalidRecordException e) {
                refused.merge(e.reason(), 1L, Long::sum);
            }
        }

        /**
         * A segment's transactions scored, on every core (a score depends on the transaction and the model alone,
         * and the model stays until the next round's is installed), then joined and punctuated in order.
         */
        ScoredTransaction[] score(final List<EnrichedTransaction> ready) {
            final Model current = model;
            final ScoredTransaction[] scored = new ScoredTransaction[ready.size()];
            IntStream.range(0, scored.length).parallel()
                    .forEach(i -> scored[i] = scoring.score(ready.get(i), current, System.currentTimeMillis()));
            for (ScoredTransaction s : scored) {
                pending.scored(s);
                punctuate(s.eventTime());
            }
            return scored;
        }

        void label(final Label row) {
            final Label label;
            try {
                label = LabelJson.check(row, limits);
                labelTime = inWindow(label.timestamp(), labelTime);
            } catch (InvalidRecordException e) {
                refused.merge(e.reason(), 1L, Long::sum);
                return;
            }
            pending.label(label);
            punctuate(label.timestamp());
        }

        /** The event time's partition stream time after it, or a refusal as the event-time guard's. */
        private long inWindow(final long eventTime, final long streamTime) {
            window.require(eventTime, streamTime, System.currentTimeMillis());
            return Math.max(streamTime, eventTime);
        }

        /**
         * After a record: the pending join's stream time, and expiry when it reaches the next punctuation time (Kafka
         * Streams aligns them to multiples of the interval and punctuates after processing).
         */
        private void punctuate(final long time) {
            pendingTime = Math.max(pendingTime, time);
            if (pendingTime >= nextExpiry) {
                pending.expire(pendingTime);
                nextExpiry = (pendingTime / expiryInterval + 1) * expiryInterval;
            }
        }

        /** An outcome: to the merchant's fraud counters, then to the learner (and any round it starts). */
        private void outcome(final LabelledOutcome o) {
            outcomes.add(o.summary());
            if (merchantCounts != null && o.fraud() && o.merchantId() != null) {
                merchantCounts.fraud(o.merchantId(), o.eventTime());
            }
            learning.offer(o, StateSink.NONE).ifPresent(this::due);
        }

        /**
         * A round the learner started: as on the topology's learner thread, it runs while later outcomes are learnt
         * online (in a replay, a segment's last label starts it, so none are), and scoring waits for its model.
         */
        private void due(final RetrainingRound job) {
            if (due != null || running != null) {
                throw new IllegalStateException("the learner started a round while one was running");
            }
            due = job;
        }

        /** Starts the round due, on the round thread, so that the next segment's features overlap it. */
        void startRound() {
            if (due != null) {
                runningJob = due;
                due = null;
                rounds++;
                roundStarted = System.nanoTime();
                running = roundThread.submit(runningJob);
            }
        }

        /** Waits for the round running, installs what it promoted; then runs any round owed, here and now. */
        void finishRound() {
            startRound(); // one a segment's transactions started (horizon outcomes) runs now
            while (running != null) {
                final long waitStart = System.nanoTime();
                RetrainingRound.Trained trained = null;
                RuntimeException failure = null;
                try {
                    trained = running.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a retraining round", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error; // out of memory, say: the replay cannot go on, and says so (ReplayCommand)
                    }
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                final long now = System.nanoTime();
                waitedNanos += now - waitStart;
                roundNanos += now - roundStarted;
                running = null;
                if (failure == null) {
                    learning.complete(trained, StateSink.NONE).filter(Learning.Round::promoted)
                            .ifPresent(r -> install(r.challenger()));
                } else {
                    learning.abandon(runningJob, StateSink.NONE);
                    learning.holdRounds(true);
                    LOG.error("retraining round abandoned; online learning goes on, the round is retried", failure);
                }
                runningJob = null;
                learning.startIfDue().ifPresent(this::due);
                startRound();
            }
        }

        /**
         * A published model, installed as the model store installs the champion record: from its bytes, through the
         * same check (a refused one is listed, as the Kafka engine lists every archive copy, but never scores).
         */
        private void install(final ModelSnapshot published) {
            models.add(published);
            try {
                model = new Model(ModelCheck.parse(modelBytes.serialize(null, published), prior.schema()));
            } catch (InvalidRecordException e) {
                LOG.error("refusing model v{} ({}): {}", published.version(), e.reason(), e.getMessage());
            }
        }
    }
}
