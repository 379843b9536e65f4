package io.fraudstream.topology;

import io.fraudstream.codec.EvaluatorEntryCodec;
import io.fraudstream.codec.LongsCodec;
import io.fraudstream.config.Key;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.Decision;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.metrics.EvaluationMeters;
import io.fraudstream.model.Model;
import io.fraudstream.threads.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * Rolling metrics of the labelled outcomes ({@link RollingEvaluator}): every window, for labels known now and for
 * mature ones, for the champion (the score at decision time) and the learner's latest challenger (scored here, on
 * the features the outcome carries, when it arrives).
 *
 * <p>State: every outcome some window still holds is in a changelogged store under its sequence number (plus one
 * record with the next sequence number, the clock and the mature views' sampling level); it is deleted once no window
 * holds it. At start the store is replayed in sequence order through a fresh evaluator at the level kept, which
 * rebuilds exactly the windows a restart interrupted. The level is read from the evaluator's thread as it stands
 * when an outcome is stored, so it may trail by the outcomes in hand; a restart then raises it again, as the same
 * outcomes overflow the same bound.
 * Metrics are read on a wall-clock interval, published to the meters and, as JSON, to the metrics topic.
 *
 * <p>Threads: with {@code metrics.background} (the default) the evaluator lives on a thread of its own — outcomes
 * are handed to it, and a publication (a walk of every window: milliseconds for large ones) runs there — so the
 * stream thread, which also scores, never waits for it. The stream thread keeps the store: it writes every outcome
 * and, with each, deletes those the evaluator has let go meanwhile, and forwards at each interval the snapshots
 * computed since the last.
 * Without it, everything runs on the stream thread (deterministic under TopologyTestDriver).
 */
final class EvaluateProcessor implements Processor<String, LabelledOutcome, String, MetricsSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateProcessor.class);
    private static final long META = -1L;
    private final String storeName;
    private final String modelStoreName;
    private final RollingEvaluator.Config config;
    private final Duration interval;
    private final EvaluationMeters meters;
    private final boolean background;
    /** Sequence numbers the evaluator let go, for the stream thread to delete from the store. */
    private final Queue<Long> released = new ConcurrentLinkedQueue<>();
    /** The latest publication computed and not yet forwarded (an older one not forwarded in time is skipped). */
    private final AtomicReference<List<Record<String, MetricsSnapshot>>> ready = new AtomicReference<>();
    private final AtomicBoolean publishing = new AtomicBoolean();
    /** Views already logged as capped (on the evaluator's thread only). */
    private final Set<String> cappedViews = new HashSet<>();
    /** The mature views' sampling level last logged (on the evaluator's thread only). */
    private int levelLogged;
    private ProcessorContext<String, MetricsSnapshot> context;
    private KeyValueStore<Long, byte[]> store;
    private ModelStore models;
    private ExecutorService worker;
    private Executor evaluation;
    private RollingEvaluator evaluator;
    private long next;
    /** The evaluator's clock (the latest label time), kept here too: the evaluator lives on its own thread. */
    private long clock = Long.MIN_VALUE;

    EvaluateProcessor(final String storeName, final String modelStoreName, final RollingEvaluator.Config config,
                      final Duration interval, final boolean background, final EvaluationMeters meters) {
        this.storeName = storeName;
        this.modelStoreName = modelStoreName;
        this.config = config;
        this.interval = interval;
        this.background = background;
        this.meters = meters;
    }

    @Override
    public void init(final ProcessorContext<String, MetricsSnapshot> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.models = context.getStateStore(modelStoreName);
        this.evaluator = new RollingEvaluator(config, released::add);
        final byte[] meta = store.get(META);
        if (meta != null) {
            final long[] saved = LongsCodec.decode(meta);
            next = saved[0];
            clock = saved[1];
            evaluator.resumeAt(saved.length > 2 ? (int) saved[2] : 0); // kept before 2026-12 without a level
        }
        final List<RollingEvaluator.Entry> kept = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = store.all()) { // read first: replaying deletes what no window holds
            while (it.hasNext()) {
                final KeyValue<Long, byte[]> kv = it.next();
                if (kv.key >= 0) {
                    kept.add(EvaluatorEntryCodec.decode(kv.key, kv.value));
                }
            }
        }
        kept.sort(Comparator.comparingLong(RollingEvaluator.Entry::seq));
        for (RollingEvaluator.Entry e : kept) {
            if (!evaluator.observe(e)) {
                released.add(e.seq()); // windows were made smaller since
            }
        }
        if (clock != Long.MIN_VALUE) {
            evaluator.advance(clock);
        }
        deleteReleased();
        publishMeters();
        if (background) {
            worker = DaemonThreads.single("fraudstream-evaluator");
            evaluation = worker;
        } else {
            evaluation = Runnable::run;
        }
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public void process(final Record<String, LabelledOutcome> record) {
        final LabelledOutcome o = record.value();
        if (LabelledOutcome.SOURCE_LABEL.equals(o.source())) {
            meters.labelDelay(o.labelDelay());
        }
        final Model challenger = models.challenger();
        double challengerScore = Double.NaN;
        boolean challengerAlerted = false;
        if (challenger != null && o.features() != null) {
            challengerScore = challenger.score(o.features());
            challengerAlerted = challenger.decide(challengerScore) != Decision.APPROVE;
        }
        final RollingEvaluator.Entry e = new RollingEvaluator.Entry(next++, o.eventTime(), o.labelTime(), o.fraud(),
                o.amount(), o.cardId(), o.score(), o.alerted(), challengerScore, challengerAlerted, o.modelVersion());
        // stored at once, deleted when the evaluator lets it go (at once for one no window keeps)
        store.put(e.seq(), EvaluatorEntryCodec.encode(e));
        clock = Math.max(clock, o.labelTime());
        store.put(META, LongsCodec.encode(next, clock, evaluator.level()));
        evaluation.execute(() -> {
            if (!evaluator.observe(e)) {
                released.add(e.seq());
            }
        });
        // as they come, not once per interval: at 2 000 labels/s an interval's worth was 10 000 deletes, then as many
        // tombstones at the commit after, a burst on the stream thread that made a latency spike every 5 s
        deleteReleased();
    }

    /** On the stream thread: deletes what was let go, forwards what was computed, starts the next publication. */
    private void publish(final long now) {
        deleteReleased();
        forwardReady();
        final long seen = next;
        if (publishing.compareAndSet(false, true)) { // one at a time: a slow one is not queued behind itself
            evaluation.execute(() -> {
                try {
                    compute(now, seen);
                } finally {
                    publishing.set(false);
                }
            });
        }
        if (!background) {
            forwardReady(); // ready now
        }
    }

    /** On the evaluator's thread: every view's metrics to the meters and, as records, to the ready queue. */
    private void compute(final long now, final long seen) {
        final List<Record<String, MetricsSnapshot>> records = new ArrayList<>();
        for (RollingEvaluator.View v : evaluator.views()) {
            final WindowMetrics m = v.metrics();
            meters.window(v.window(), v.labels(), v.model(), m);
            records.add(new Record<>(key(v), MetricsSnapshot.of(v, now, seen, m), now));
            if (v.capped() > 0 && cappedViews.add(key(v))) {
                LOG.warn("metrics window {} holds {} outcomes ({}): it now keeps the latest only and covers "
                        + "less than its span", key(v), v.size(), Key.METRICS_WINDOW_MAX_OUTCOMES.key());
            }
            meters.capped(v.window(), v.labels(), v.model(), v.capped()); // 0 until it is: rate() needs the series
            if (RollingEvaluator.MATURE.equals(v.labels())) {
                meters.pending(v.window(), v.labels(), v.model(), v.pending());
                meters.sampled(v.window(), v.labels(), v.model(), v.sampledOneIn());
            }
        }
        if (evaluator.level() > levelLogged) {
            levelLogged = evaluator.level();
            LOG.warn("more than {} outcomes wait to mature ({}): the mature windows now hold one card in {}",
                    config.maxPending(), Key.METRICS_MATURE_MAX_PENDING.key(), 1L << levelLogged);
        }
        final RollingEvaluator.View v = versionView();
        final SortedMap<Long, WindowMetrics> byVersion = v.metricsByVersion();
        meters.versions(byVersion);
        byVersion.forEach((version, m) -> records.add(new Record<>(key(v) + "/v" + version,
                MetricsSnapshot.of(v, now, seen, m, version), now)));
        ready.set(records);
    }

    private void deleteReleased() {
        for (Long seq = released.poll(); seq != null; seq = released.poll()) {
            StoreAdapters.remove(store, seq);
        }
    }

    private void forwardReady() {
        final List<Record<String, MetricsSnapshot>> records = ready.getAndSet(null);
        if (records != null) {
            records.forEach(context::forward);
        }
    }

    private void publishMeters() {
        for (RollingEvaluator.View v : evaluator.views()) {
            meters.window(v.window(), v.labels(), v.model(), v.metrics());
        }
        meters.versions(versionView().metricsByVersion());
    }

    /** Per-version metrics are of the first configured window, known labels, champion scores. */
    private RollingEvaluator.View versionView() {
        return evaluator.view(config.windows().get(0).name(), RollingEvaluator.KNOWN, RollingEvaluator.MODELS[0]);
    }

    private static String key(final RollingEvaluator.View v) {
        return v.window() + "/" + v.labels() + "/" + v.model();
    }
}
