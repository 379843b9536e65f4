package io.fraudstream.eval;

import io.fraudstream.model.CostMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Rolling metrics of labelled outcomes, side by side for several windows, two label-maturity views and two
 * models: exact, unless the mature views went over to a sample (below).
 *
 * <ul>
 *   <li><b>Windows</b>: the last N outcomes to arrive, or the outcomes whose transaction happened within the last
 *   span of event time. The evaluator's clock is the latest label time seen ("now" on the outcomes stream).</li>
 *   <li><b>Label maturity</b>: {@code known} windows count every outcome as soon as its label is known;
 *   {@code mature} windows count only transactions older than the maturity age, whose labels (chargebacks
 *   included) have had time to arrive. A mature time window covers (now − maturity − span, now − maturity]; a mature
 *   count window holds the last N outcomes to have matured.</li>
 *   <li><b>Models</b>: {@code champion} is the score each transaction got at decision time; {@code challenger} is
 *   the score of the learner's latest candidate on the same outcome, computed when the outcome arrives (so after the
 *   candidate was trained, never on what it learnt from), and its own thresholds.</li>
 * </ul>
 *
 * <p>Cost: each view keeps its members (a ring buffer, or a heap by event time for time windows), a
 * {@link RankedScores} and the confusion counts, so an update is O(1) per view (O(log N) for a time window's heap)
 * and a read O(N) (cost, savings and Card Precision@k walk the members). Outcomes are shared between views; an
 * outcome no view holds any more is released through the callback, so its owner can drop it from its store. The
 * same outcomes offered in the same order give the same state: a store replayed at start rebuilds it.
 *
 * <p>Bound: a window holds at most {@code maxOutcomes}. A time window that would hold more lets its oldest go (by
 * event time, as aging would), so at high rates a 24-hour window covers the latest outcomes only, and says so
 * ({@link View#capped()}); without the bound, its memory, its store and each read would grow with the rate (at
 * 2 000 labels/s a day is 173 million outcomes). The members are then the latest {@code maxOutcomes} of those the
 * span holds, whatever the order of arrival: an outcome let go is never newer than one kept, so none is let go
 * that aging would not also have let go before the window could hold it again. What a mature view keeps waiting to
 * mature is bounded separately, below.
 *
 * <p>Maturing: the mature views share one queue of the outcomes waiting to mature, by event time, and each matured
 * outcome joins every mature view whose model scored it. At most {@code maxPending} wait: every one of them becomes
 * a member later, so a bound on members cannot bound them (at 2 000 labels/s, 7 days of maturity are 1.2 billion).
 * When more would wait, the mature views go over to a sample: they keep only the outcomes whose card (an outcome
 * without one: its sequence number) hashes into the lowest 2^−level of the hash range, and each time the queue
 * overflows the level rises by one, and the queue and every mature view drop the outcomes outside the new range.
 * So a mature view always holds a uniform sample of cards at one rate, one in {@link View#sampledOneIn()}, and its
 * ratios (precision, recall, PR-AUC, ROC-AUC, F-β, MCC, alert rate, savings) estimate the whole window's; its
 * counts and cost are the sample's; Card Precision@k is read at k/oneIn (at least 1), the same share of the day's
 * ranked cards. A mature count window holds the last N sampled outcomes to mature (after a rise, those of them
 * still sampled, until it fills again). Sampling by card, not by outcome, keeps a card's outcomes together, as Card
 * Precision@k needs. The level never falls: a window mixing rates would be a biased sample. It is part of the state
 * (see {@link #level()}), the hash ({@link String#hashCode()}, mixed) is the same in every JVM, and known views are
 * never sampled.
 *
 * <p>Over 400 lines because the views share their outcomes, and when an outcome leaves its last view is one
 * invariant: split across files, every file would need the reference counting of the others.
 */
public final class RollingEvaluator {
    public static final String[] MODELS = {"champion", "challenger"};
    public static final String KNOWN = "known";
    public static final String MATURE = "mature";

    /** A window: the last {@code count} outcomes, or (count 0) those within {@code spanMillis} of event time. */
    public record WindowSpec(String name, int count, long spanMillis) {
        /** The last {@code n} outcomes, named {@code lastN}. */
        public static WindowSpec last(final int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a window must hold at least one outcome: " + n);
            }
            return new WindowSpec("last" + n, n, 0);
        }

        /** The outcomes within {@code spanMillis} of event time, named {@code name} (as written: {@code 24h}). */
        public static WindowSpec span(final String name, final long spanMillis) {
            if (spanMillis <= 0) {
                throw new IllegalArgumentException("a window must span some time: " + name);
            }
            return new WindowSpec(name, 0, spanMillis);
        }
    }

    /**
     * @param windows        windows
     * @param maturityMillis maturity age; 0 evaluates known labels only
     * @param costs          cost matrix of cost and savings
     * @param beta           beta of F-beta
     * @param cardK          k of Card Precision@k
     * @param maxOutcomes    most outcomes a window holds: a time window that would hold more keeps the latest by
     *                       event time (it then covers less than its span); no count window may be larger
     * @param maxPending     most outcomes waiting to mature: beyond it, the mature views go over to a sample
     */
    public record Config(List<WindowSpec> windows, long maturityMillis, CostMatrix costs, double beta, int cardK,
                         int maxOutcomes, int maxPending) {
        public Config {
            if (maxOutcomes < 1) {
                throw new IllegalArgumentException("a window must be allowed at least one outcome: " + maxOutcomes);
            }
            if (maxPending < 1) {
                throw new IllegalArgumentException("at least one outcome must be allowed to mature: " + maxPending);
            }
            for (WindowSpec w : windows) {
                if (w.count() > maxOutcomes) {
                    throw new IllegalArgumentException("window " + w.name() + " holds more than " + maxOutcomes
                            + " outcomes");
                }
            }
        }
    }

    /** One labelled outcome as evaluated: each model's score and decision (NaN score: that model did not score it). */
    public static final class Entry {
        final long seq;
        final long eventTime;
        final long labelTime;
        final boolean fraud;
        final double amount;
        final String card;
        /**
         * The card's {@link CardPrecision#key} (0 until the first read needs it, on the evaluator's thread): every
         * publication counts the outcome by it.
         */
        private long cardKey;
        private final double championScore;
        private final double challengerScore;
        private final byte alerts; // bit m: model m alerted
        private final long modelVersion;
        private int refs;
        private boolean kept;

        /** An outcome whose champion score came from an unknown model version (−1). */
        public Entry(final long seq, final long eventTime, final long labelTime, final boolean fraud,
                     final double amount, final String card, final double championScore,
                     final boolean championAlerted, final double challengerScore, final boolean challengerAlerted) {
            this(seq, eventTime, labelTime, fraud, amount, card, championScore, championAlerted, challengerScore,
                    challengerAlerted, -1);
        }

        /** An outcome; {@code modelVersion} is the version that gave the champion score, at decision time. */
        public Entry(final long seq, final long eventTime, final long labelTime, final boolean fraud,
                     final double amount, final String card, final double championScore,
                     final boolean championAlerted, final double challengerScore, final boolean challengerAlerted,
                     final long modelVersion) {
            this.modelVersion = modelVersion;
            this.seq = seq;
            this.eventTime = eventTime;
            this.labelTime = labelTime;
            this.fraud = fraud;
            this.amount = amount;
            this.card = card;
            this.championScore = championScore;
            this.challengerScore = challengerScore;
            this.alerts = (byte) ((championAlerted ? 1 : 0) | (challengerAlerted ? 2 : 0));
        }

        public long seq() {
            return seq;
        }

        public long eventTime() {
            return eventTime;
        }

        public long labelTime() {
            return labelTime;
        }

        public boolean fraud() {
            return fraud;
        }

        public double amount() {
            return amount;
        }

        public String card() {
            return card;
        }

        long cardKey() {
            if (cardKey == 0 && card != null) {
                cardKey = CardPrecision.key(card);
            }
            return cardKey;
        }

        public double score(final int model) {
            return model == 0 ? championScore : challengerScore;
        }

        public boolean alerted(final int model) {
            return (alerts & (1 << model)) != 0;
        }

        /** The model version behind the champion score (−1: unknown). */
        public long modelVersion() {
            return modelVersion;
        }
    }

    /** The highest level: a sample of one in 2^62. */
    private static final int MAX_LEVEL = 62;
    private final Config config;
    private final List<View> views = new ArrayList<>();
    private final LongConsumer onRelease;
    private final Heap maturing = new Heap(); // outcomes waiting to mature, for every mature view
    /** Card Precision@k's tables, counted afresh by each read of a view (reads come one at a time). */
    private final CardPrecision cardScratch = new CardPrecision(1);
    private long clock = Long.MIN_VALUE;
    private volatile int level; // written here only; read by the thread that stores the state

    /** @param onRelease called with the sequence number of a kept outcome once no window holds it any more */
    public RollingEvaluator(final Config config, final LongConsumer onRelease) {
        this.config = config;
        this.onRelease = onRelease;
        for (int model = 0; model < MODELS.length; model++) {
            for (WindowSpec w : config.windows()) {
                views.add(new View(w, KNOWN, 0, model));
                if (config.maturityMillis() > 0) {
                    views.add(new View(w, MATURE, config.maturityMillis(), model));
                }
            }
        }
    }

    public List<View> views() {
        return views;
    }

    /** The view of a window, maturity and model, or null. */
    public View view(final String window, final String labels, final String model) {
        for (View v : views) {
            if (v.window.name().equals(window) && v.labels.equals(labels) && MODELS[v.model].equals(model)) {
                return v;
            }
        }
        return null;
    }

    /** The latest label time seen. */
    public long clock() {
        return clock;
    }

    /** The sampling level of the mature views: they hold one card in 2^level. Safe to read from any thread. */
    public int level() {
        return level;
    }

    /**
     * Starts at a sampling level kept from before (before any outcome is observed), so that a restart goes on with
     * the sample it had.
     */
    public void resumeAt(final int kept) {
        if (clock != Long.MIN_VALUE || kept < 0 || kept > MAX_LEVEL) {
            throw new IllegalStateException("resume before the first outcome, at level 0.." + MAX_LEVEL + ": " + kept);
        }
        level = kept;
    }

    /** Moves the clock to {@code time} (if later): outcomes mature and leave time windows. */
    public void advance(final long time) {
        clock = Math.max(clock, time);
        final long horizon = clock - config.maturityMillis();
        while (maturing.size > 0 && maturing.min().eventTime <= horizon) {
            final Entry e = maturing.pop();
            for (View v : views) {
                if (v.maturity > 0 && Double.isFinite(e.score(v.model))) {
                    e.refs++;
                    v.admit(e);
                }
            }
            release(e); // the queue's hold
        }
        for (View v : views) {
            v.age(clock);
        }
    }

    /** Offers an outcome to every view; true if some view keeps it (its owner should then store it). */
    public boolean observe(final Entry e) {
        clock = Math.max(clock, e.labelTime);
        e.refs = 1; // held while it is offered, so that no view releases it before the others have seen it
        for (View v : views) {
            if (v.maturity == 0 && Double.isFinite(e.score(v.model))) {
                e.refs++;
                v.admit(e);
            }
        }
        if (config.maturityMillis() > 0 && (Double.isFinite(e.score(0)) || Double.isFinite(e.score(1)))
                && sampled(e, level)) {
            e.refs++;
            maturing.push(e);
        }
        advance(clock);
        while (maturing.size > config.maxPending() && level < MAX_LEVEL) {
            sampleMore();
        }
        e.refs--;
        e.kept = e.refs > 0;
        return e.kept;
    }

    /** One level up: the queue and every mature view keep half the cards they had. */
    private void sampleMore() {
        final int next = level + 1;
        maturing.retain(e -> sampled(e, next), this::release);
        for (View v : views) {
            if (v.maturity > 0) {
                v.retain(next);
            }
        }
        level = next;
    }

    /** Whether an outcome's card (or, without one, its sequence number) hashes into the lowest 2^−level. */
    static boolean sampled(final Entry e, final int level) {
        return level == 0 || Mix64.mix(e.card != null ? e.card.hashCode() : e.seq) >>> (64 - level) == 0;
    }

    private void release(final Entry e) {
        if (--e.refs == 0 && e.kept) {
            onRelease.accept(e.seq);
        }
    }

    /** One window of one maturity for one model. */
    public final class View {
        private final WindowSpec window;
        private final String labels;
        private final long maturity;
        private final int model;
        private final RankedScores ranked = new RankedScores();
        private final Heap byTime = new Heap(); // time windows: members by event time
        private Entry[] ring; // count windows: members in arrival order
        private int head;
        private int size;
        private int tp;
        private int fp;
        private int tn;
        private int fn;
        private long capped;

        View(final WindowSpec window, final String labels, final long maturity, final int model) {
            this.window = window;
            this.labels = labels;
            this.maturity = maturity;
            this.model = model;
            this.ring = window.count() > 0 ? new Entry[Math.min(window.count(), 1024)] : null;
        }

        public String window() {
            return window.name();
        }

        public String labels() {
            return labels;
        }

        public String model() {
            return MODELS[model];
        }

        /** Outcomes the window holds now. */
        public int size() {
            return ring != null ? size : byTime.size;
        }

        /** Outcomes waiting to mature (the same queue for every mature view; 0 for a known one). */
        public int pending() {
            return maturity > 0 ? maturing.size : 0;
        }

        /** The view holds one card in this many (1: every outcome; only mature views are sampled). */
        public long sampledOneIn() {
            return maturity > 0 ? 1L << level : 1;
        }

        /** Outcomes this time window let go before they aged out, because it held {@code maxOutcomes}. */
        public long capped() {
            return capped;
        }

        /** Lets go of the members whose transactions are now older than a time window's span. */
        void age(final long now) {
            if (ring == null) {
                while (byTime.size > 0 && byTime.min().eventTime <= now - maturity - window.spanMillis()) {
                    leave(byTime.pop());
                }
            }
        }

        /** Keeps only the members sampled at {@code level}, in their order. */
        void retain(final int level) {
            if (ring == null) {
                byTime.retain(e -> sampled(e, level), this::leave);
                return;
            }
            int kept = 0;
            for (int i = 0; i < size; i++) {
                final Entry e = ring[(head + i) % ring.length];
                if (sampled(e, level)) {
                    ring[(head + kept++) % ring.length] = e;
                } else {
                    leave(e);
                }
            }
            for (int i = kept; i < size; i++) {
                ring[(head + i) % ring.length] = null;
            }
            size = kept;
        }

        private void admit(final Entry e) {
            if (ring == null) {
                if (e.eventTime <= clock - maturity - window.spanMillis()) {
                    release(e); // its transaction is already older than the window
                    return;
                }
                byTime.push(e);
                if (byTime.size > config.maxOutcomes()) { // the oldest goes (e itself, if it is the oldest)
                    capped++;
                    final Entry oldest = byTime.pop();
                    if (oldest == e) {
                        release(e);
                        return;
                    }
                    leave(oldest);
                }
            } else {
                if (size == window.count()) {
                    leave(ring[head]);
                    ring[head] = null;
                    head = (head + 1) % ring.length;
                    size--;
                }
                if (size == ring.length) {
                    final Entry[] grown = new Entry[Math.min(window.count(), ring.length * 2)];
                    for (int i = 0; i < size; i++) {
                        grown[i] = ring[(head + i) % ring.length];
                    }
                    ring = grown;
                    head = 0;
                }
                ring[(head + size) % ring.length] = e;
                size++;
            }
            ranked.add(e.score(model), e.fraud);
            count(e, 1);
        }

        private void leave(final Entry e) {
            ranked.remove(e.score(model), e.fraud);
            count(e, -1);
            release(e);
        }

        private void count(final Entry e, final int d) {
            if (e.alerted(model)) {
                if (e.fraud) {
                    tp += d;
                } else {
                    fp += d;
                }
            } else if (e.fraud) {
                fn += d;
            } else {
                tn += d;
            }
        }

        private Entry member(final int i) {
            return ring != null ? ring[(head + i) % ring.length] : byTime.items[i];
        }

        /** The window's metrics now: O(N). */
        public WindowMetrics metrics() {
            final CostMatrix costs = config.costs();
            // a sample of one card in n: its top k/n cards are the same share of a day's ranking as the top k
            final CardPrecision cards = cardScratch.restart((int) Math.max(1, Math.round(config.cardK()
                    / (double) sampledOneIn())));
            double cost = 0;
            double approveAll = 0;
            final int n = size();
            for (int i = 0; i < n; i++) {
                final Entry e = member(i);
                cost += costs.cost(e.fraud, e.alerted(model), e.amount);
                approveAll += costs.cost(e.fraud, false, e.amount);
                cards.add(e.eventTime, e.card, e.cardKey(), e.score(model), e.fraud);
            }
            return WindowMetrics.of(tp, fp, tn, fn, config.beta(), ranked.averagePrecision(), ranked.rocAuc(), cost,
                    approveAll, cards.meanDaily());
        }

        /**
         * The metrics of the window's outcomes grouped by the model version that scored them at decision time, by
         * version: how each version has done on the traffic it decided. O(N log N), computed afresh.
         */
        public SortedMap<Long, WindowMetrics> metricsByVersion() {
            final SortedMap<Long, View> groups = new TreeMap<>();
            for (int i = 0; i < size(); i++) {
                final Entry e = member(i);
                // a view of its own per version, a count window large enough to hold every member, known labels
                groups.computeIfAbsent(e.modelVersion, v -> new View(new WindowSpec(window.name(), size(), 0),
                        labels, 0, model)).admit(e);
            }
            final SortedMap<Long, WindowMetrics> out = new TreeMap<>();
            groups.forEach((v, view) -> out.put(v, view.metrics()));
            return out;
        }
    }

    /** A binary min-heap of outcomes by event time (ties by sequence, so the order is deterministic). */
    private static final class Heap {
        private Entry[] items = new Entry[16];
        private int size;

        Entry min() {
            return items[0];
        }

        void push(final Entry e) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                final int parent = (i - 1) >>> 1;
                if (!before(e, items[parent])) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = e;
        }

        /** Keeps the items {@code keep} accepts, handing the others to {@code dropped}; then restores the order. */
        void retain(final Predicate<Entry> keep, final Consumer<Entry> dropped) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                final Entry e = items[i];
                if (keep.test(e)) {
                    items[kept++] = e;
                } else {
                    dropped.accept(e);
                }
            }
            Arrays.fill(items, kept, size, null);
            size = kept;
            for (int i = size / 2 - 1; i >= 0; i--) { // Floyd's bottom-up construction
                siftDown(i, items[i]);
            }
        }

        Entry pop() {
            final Entry top = items[0];
            final Entry last = items[--size];
            items[size] = null;
            if (size > 0) {
                siftDown(0, last);
            }
            return top;
        }

        /** Places {@code e} at slot {@code i} or below, moving smaller children up. */
        private void siftDown(final int from, final Entry e) {
            int i = from;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(items[child + 1], items[child])) {
                    child++;
                }
                if (!before(items[child], e)) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = e;
        }

        private static boolean before(final Entry a, final Entry b) {
            return a.eventTime < b.eventTime || a.eventTime == b.eventTime && a.seq < b.seq;
        }
    }
}
