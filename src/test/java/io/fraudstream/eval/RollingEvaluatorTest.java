package io.fraudstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.config.Windows;
import io.fraudstream.model.CostMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property test: every metric of every view (count and time windows, known and mature labels, champion and
 * challenger) equals a brute-force reference recomputed from scratch, after every outcome of many random streams
 * with heavy ties, late and out-of-order labels, outcomes a challenger did not score, and single-class windows.
 */
class RollingEvaluatorTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** An outcome observed, the clock after it and the mature views' sampling level after it. */
    private record Step(RollingEvaluator.Entry entry, long clock, int level) {
    }

    @Test
    void everyMetricOfEveryViewMatchesABruteForceReferenceOnRandomStreams() {
        final Random random = new Random(20261125);
        int checkedDefined = 0;
        long capped = 0;
        int maxLevel = 0;
        for (int stream = 0; stream < 60; stream++) {
            // time windows capped (a count window may hold no more than the cap), or (on their own, where the
            // reference's simple definition holds) mature views sampled once more than a few outcomes wait to mature
            final boolean capping = random.nextBoolean();
            final int count = 1 + random.nextInt(capping ? 12 : 60);
            final long span = (1 + random.nextInt(48)) * HOUR;
            final long maturity = random.nextBoolean() ? 0 : (1 + random.nextInt(72)) * HOUR;
            final CostMatrix costs = random.nextBoolean() ? new CostMatrix(5, true, 0) : new CostMatrix(2, false, 50);
            final RollingEvaluator.Config config = new RollingEvaluator.Config(List.of(
                    Windows.parse("last" + count),
                    Windows.parse(span / HOUR + "h")), maturity, costs, 2, 1 + random.nextInt(7),
                    capping ? count + random.nextInt(20) : Integer.MAX_VALUE,
                    capping || random.nextInt(3) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(6));
            int level = 0;
            final Set<Long> stored = new HashSet<>();
            final RollingEvaluator evaluator = new RollingEvaluator(config, seq -> assertThat(stored.remove(seq))
                    .as("released once, and only if kept").isTrue());
            final List<Step> steps = new ArrayList<>();
            // few distinct scores (many ties) or many (deep trees, grown arrays)
            final int levels = stream % 2 == 0 ? 2 + random.nextInt(8) : 100 + random.nextInt(1000);
            final double fraudRate = random.nextDouble() < 0.2 ? 0 : 0.05 + random.nextDouble() * 0.3;
            long time = 0;
            for (int i = 0; i < 250; i++) {
                time += random.nextInt((int) (3 * HOUR));
                final long eventTime = time - random.nextInt((int) (4 * DAY)); // labels arrive late, out of order
                final boolean fraud = random.nextDouble() < fraudRate;
                final double champion = random.nextInt(levels) / (double) levels;
                final double challenger = random.nextDouble() < 0.3 ? Double.NaN : random.nextInt(levels) / (double) levels;
                final RollingEvaluator.Entry e = new RollingEvaluator.Entry(i, eventTime, time, fraud,
                        random.nextInt(500), random.nextBoolean() ? null : "card" + random.nextInt(stream % 3 == 0 ? 40 : 6), champion,
                        champion >= 0.5, challenger, challenger >= 0.4, 1 + i / 40 + random.nextInt(2));
                if (evaluator.observe(e)) {
                    stored.add((long) i);
                }
                steps.add(new Step(e, evaluator.clock(), level));
                // the level: raised while more sampled outcomes with a score wait to mature than the bound
                while (maturity > 0 && waiting(steps, level, maturity) > config.maxPending()) {
                    level++;
                }
                steps.set(i, new Step(e, evaluator.clock(), level));
                assertThat(evaluator.level()).as("stream %d step %d: sampling level", stream, i).isEqualTo(level);
                maxLevel = Math.max(maxLevel, level);
                for (RollingEvaluator.View v : evaluator.views()) {
                    final List<RollingEvaluator.Entry> members = reference(steps, v, config, level);
                    assertThat(v.size()).as("members of %s/%s/%s", v.window(), v.labels(), v.model())
                            .isEqualTo(members.size());
                    final int model = v.model().equals("champion") ? 0 : 1;
                    final String what = "stream " + stream + " step " + i + " " + v.window() + "/" + v.labels() + "/"
                            + v.model();
                    assertThat(v.sampledOneIn()).as(what).isEqualTo(v.labels().equals(RollingEvaluator.KNOWN) ? 1
                            : 1L << level);
                    checkedDefined += compare(v.metrics(), members, model, config, what,
                            (int) Math.max(1, Math.round(config.cardK() / (double) v.sampledOneIn())));
                    // and each model version's share of the window (versions overlap while labels come late)
                    final Map<Long, List<RollingEvaluator.Entry>> byVersion = new TreeMap<>();
                    members.forEach(m -> byVersion.computeIfAbsent(m.modelVersion(), k -> new ArrayList<>()).add(m));
                    final Map<Long, WindowMetrics> measured = v.metricsByVersion();
                    assertThat(measured.keySet()).as(what).containsExactlyElementsOf(byVersion.keySet());
                    byVersion.forEach((version, group) -> compare(measured.get(version), group, model, config,
                            what + " v" + version, config.cardK()));
                }
                // everything a view holds is stored, and nothing else
                final Set<Long> held = new HashSet<>();
                for (RollingEvaluator.View v : evaluator.views()) {
                    reference(steps, v, config, level).forEach(m -> held.add(m.seq()));
                }
                final long clock = evaluator.clock();
                for (Step s : steps) { // and what waits to mature
                    if (maturity > 0 && s.entry().eventTime() > clock - maturity && waits(s.entry(), level)) {
                        held.add(s.entry().seq());
                    }
                }
                assertThat(stored).containsExactlyInAnyOrderElementsOf(held);
            }
            for (RollingEvaluator.View v : evaluator.views()) {
                capped += v.capped();
            }
        }
        assertThat(capped).as("outcomes let go by a capped time window").isGreaterThan(100);
        assertThat(maxLevel).as("mature views sampled at one card in 8 or fewer").isGreaterThanOrEqualTo(3);
        assertThat(checkedDefined).as("windows with both classes, where every metric is defined").isGreaterThan(5000);
    }

    /**
     * A sampled mature window estimates the whole one: the same stream through an evaluator whose mature views hold
     * every outcome and one whose queue may hold 20 000 (of about 60 000 waiting: one card in 4), read at the same
     * moments: every ratio within a few hundredths (frauds are 3.7% here, so that the sample holds about 550).
     */
    @Test
    void aSampledMatureWindowEstimatesTheRatiosOfTheWholeOne() {
        final RollingEvaluator.Config whole = new RollingEvaluator.Config(List.of(Windows.parse("24h")), DAY,
                CostMatrix.defaults(), 2, 100, Integer.MAX_VALUE, Integer.MAX_VALUE);
        final RollingEvaluator.Config bounded = new RollingEvaluator.Config(whole.windows(), DAY, whole.costs(), 2,
                100, Integer.MAX_VALUE, 20_000);
        final RollingEvaluator a = new RollingEvaluator(whole, seq -> { });
        final RollingEvaluator b = new RollingEvaluator(bounded, seq -> { });
        final Random random = new Random(7);
        final List<Double> cardPrecision = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < 300_000; i++) {
            final long time = i * 1_440L; // 60 000 a day, each labelled within 10 minutes
            final String card = "c" + random.nextInt(50_000);
            final boolean fraud = (card.hashCode() & 7) == 0 && random.nextDouble() < 0.3; // frauds on some cards
            final double score = Math.min(1, Math.max(0, random.nextGaussian() * 0.15 + (fraud ? 0.45 : 0.2)));
            final RollingEvaluator.Entry e = new RollingEvaluator.Entry(i, time - random.nextInt(600_000), time,
                    fraud, 10 + random.nextInt(300), card, score, score > 0.4, Double.NaN, false);
            a.observe(e);
            b.observe(new RollingEvaluator.Entry(i, e.eventTime(), time, fraud, e.amount(), card, score, score > 0.4,
                    Double.NaN, false));
            if (i % 20_000 == 19_999 && i > 2 * 60_000) {
                final RollingEvaluator.View va = a.view("24h", RollingEvaluator.MATURE, "champion");
                final RollingEvaluator.View vb = b.view("24h", RollingEvaluator.MATURE, "champion");
                assertThat(vb.pending()).isLessThanOrEqualTo(20_000);
                assertThat(va.pending()).isGreaterThan(55_000);
                assertThat(vb.sampledOneIn()).isEqualTo(4); // 60 000 waiting: the first level under 20 000
                final WindowMetrics ma = va.metrics();
                final WindowMetrics mb = vb.metrics();
                assertThat((double) mb.count()).isCloseTo(ma.count() / 4.0, within(ma.count() * 0.02));
                assertThat(mb.precision()).isCloseTo(ma.precision(), within(0.03));
                assertThat(mb.recall()).isCloseTo(ma.recall(), within(0.04));
                assertThat(mb.prAuc()).isCloseTo(ma.prAuc(), within(0.03));
                assertThat(mb.rocAuc()).isCloseTo(ma.rocAuc(), within(0.01));
                assertThat(mb.savings()).isCloseTo(ma.savings(), within(0.03));
                // a day at the window's start with few cards makes single reads of Card Precision@k jump
                cardPrecision.add(mb.cardPrecisionAtK() - ma.cardPrecisionAtK());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(9);
        cardPrecision.sort(null);
        assertThat(cardPrecision.get(4)).as("median difference of Card Precision@k").isCloseTo(0, within(0.05));
    }

    /** Whether an outcome waits in the mature views' queue (or is held there) at this sampling level. */
    private static boolean waits(final RollingEvaluator.Entry e, final int level) {
        return (Double.isFinite(e.score(0)) || Double.isFinite(e.score(1))) && RollingEvaluator.sampled(e, level);
    }

    /** How many outcomes wait to mature now at this sampling level. */
    private static int waiting(final List<Step> steps, final int level, final long maturity) {
        final long now = steps.get(steps.size() - 1).clock();
        int n = 0;
        for (Step s : steps) {
            n += s.entry().eventTime() > now - maturity && waits(s.entry(), level) ? 1 : 0;
        }
        return n;
    }

    /**
     * The members of a view, from the definition. A mature time window's are those sampled at {@code level}; a
     * mature count window holds the last N sampled outcomes to mature, and at each rise of the level those of them
     * still sampled.
     */
    private static List<RollingEvaluator.Entry> reference(final List<Step> steps, final RollingEvaluator.View v,
                                                           final RollingEvaluator.Config config, final int level) {
        final int model = v.model().equals("champion") ? 0 : 1;
        final long maturity = v.labels().equals(RollingEvaluator.KNOWN) ? 0 : config.maturityMillis();
        final RollingEvaluator.WindowSpec w = config.windows().stream().filter(s -> s.name().equals(v.window()))
                .findFirst().orElseThrow();
        final long now = steps.get(steps.size() - 1).clock();
        final List<RollingEvaluator.Entry> out = new ArrayList<>();
        if (w.count() == 0) {
            for (Step s : steps) {
                final RollingEvaluator.Entry e = s.entry();
                final boolean mature = maturity == 0 || e.eventTime() <= now - maturity;
                if (Double.isFinite(e.score(model)) && mature && e.eventTime() > now - maturity - w.spanMillis()) {
                    out.add(e);
                }
            }
            // at most maxOutcomes: the latest by event time (then sequence)
            out.sort(Comparator.comparingLong(RollingEvaluator.Entry::eventTime)
                    .thenComparingLong(RollingEvaluator.Entry::seq));
            out.removeIf(e -> maturity > 0 && !RollingEvaluator.sampled(e, level));
            return out.subList(Math.max(0, out.size() - config.maxOutcomes()), out.size());
        }
        // count windows: the last N to arrive (known) or to mature (mature: ordered by the step at which the clock
        // passed event time + maturity, then by event time and sequence)
        final Map<RollingEvaluator.Entry, Integer> maturedAt = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            final RollingEvaluator.Entry e = steps.get(i).entry();
            if (!Double.isFinite(e.score(model))) {
                continue;
            }
            for (int j = i; j < steps.size(); j++) {
                if (maturity == 0 || steps.get(j).clock() - maturity >= e.eventTime()) {
                    maturedAt.put(e, j);
                    break;
                }
            }
        }
        final List<RollingEvaluator.Entry> matured = new ArrayList<>(maturedAt.keySet());
        matured.sort(Comparator.<RollingEvaluator.Entry>comparingInt(maturedAt::get)
                .thenComparingLong(e -> maturity == 0 ? 0 : e.eventTime()).thenComparingLong(RollingEvaluator.Entry::seq));
        final List<RollingEvaluator.Entry> window = new ArrayList<>();
        int at = 0;
        int before = 0; // the level the outcomes maturing at step j were kept at: the one after step j - 1
        for (int j = 0; j < steps.size(); j++) {
            for (; at < matured.size() && maturedAt.get(matured.get(at)) == j; at++) {
                if (maturity == 0 || RollingEvaluator.sampled(matured.get(at), before)) {
                    window.add(matured.get(at));
                    if (window.size() > w.count()) {
                        window.remove(0);
                    }
                }
            }
            final int after = steps.get(j).level();
            if (maturity > 0 && after > before) {
                window.removeIf(e -> !RollingEvaluator.sampled(e, after));
            }
            before = after;
        }
        return window;
    }

    /** Compares every metric with its definition; returns 1 if both classes were present. */
    private static int compare(final WindowMetrics m, final List<RollingEvaluator.Entry> members, final int model,
                               final RollingEvaluator.Config config, final String what, final int cardK) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        double cost = 0;
        double all = 0;
        for (RollingEvaluator.Entry e : members) {
            final boolean a = e.alerted(model);
            tp += a && e.fraud() ? 1 : 0;
            fp += a && !e.fraud() ? 1 : 0;
            tn += !a && !e.fraud() ? 1 : 0;
            fn += !a && e.fraud() ? 1 : 0;
            final double missed = config.costs().missedByAmount() ? e.amount() : config.costs().missedFraud();
            cost += a ? config.costs().reviewCost() : e.fraud() ? missed : 0;
            all += e.fraud() ? missed : 0;
        }
        final int p = tp + fn;
        final int n = tn + fp;
        final boolean both = p > 0 && n > 0;
        assertThat(new int[] {m.count(), m.positives(), m.truePositives(), m.falsePositives(), m.trueNegatives(),
                m.falseNegatives()}).as(what).containsExactly(members.size(), p, tp, fp, tn, fn);
        // one class only: every classification metric undefined
        same(m.precision(), !both || tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp), what + " precision");
        same(m.recall(), !both ? Double.NaN : tp / (double) p, what + " recall");
        same(m.specificity(), !both ? Double.NaN : tn / (double) n, what + " specificity");
        final double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        final double recall = p == 0 ? 0 : tp / (double) p;
        final double b2 = config.beta() * config.beta();
        same(m.f1(), !both ? Double.NaN : precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
                what + " f1");
        same(m.fBeta(), !both ? Double.NaN : precision + recall == 0 ? 0
                : (1 + b2) * precision * recall / (b2 * precision + recall), what + " fbeta");
        final double mccDen = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        same(m.mcc(), mccDen == 0 ? Double.NaN : ((double) tp * tn - (double) fp * fn) / mccDen, what + " mcc");
        same(m.balancedAccuracy(), both ? (tp / (double) p + tn / (double) n) / 2 : Double.NaN, what + " balanced");
        same(m.alertRate(), members.isEmpty() ? Double.NaN : (tp + fp) / (double) members.size(), what + " alert rate");
        same(m.cost(), cost, what + " cost");
        same(m.savings(), all > 0 ? 1 - cost / all : Double.NaN, what + " savings");
        same(m.prAuc(), both ? ap(members, model) : Double.NaN, what + " pr-auc");
        same(m.rocAuc(), both ? roc(members, model) : Double.NaN, what + " roc-auc");
        same(m.cardPrecisionAtK(), cardPrecision(members, model, cardK), what + " cp@k");
        return both ? 1 : 0;
    }

    private static void same(final double actual, final double expected, final String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
        }
    }

    /**
     * Mean over frauds of the precision at that fraud's score, ties inclusive: step-wise AP by another route (scores
     * compared at the ranking's resolution, {@link RankedScores#rank}).
     */
    private static double ap(final List<RollingEvaluator.Entry> members, final int model) {
        double sum = 0;
        int frauds = 0;
        for (RollingEvaluator.Entry f : members) {
            if (!f.fraud()) {
                continue;
            }
            frauds++;
            int atOrAbove = 0;
            int fraudsAtOrAbove = 0;
            for (RollingEvaluator.Entry e : members) {
                if (RankedScores.rank(e.score(model)) >= RankedScores.rank(f.score(model))) {
                    atOrAbove++;
                    fraudsAtOrAbove += e.fraud() ? 1 : 0;
                }
            }
            sum += fraudsAtOrAbove / (double) atOrAbove;
        }
        return sum / frauds;
    }

    /** Every (fraud, legitimate) pair: 1 if the fraud scores higher, 1/2 if tied. */
    private static double roc(final List<RollingEvaluator.Entry> members, final int model) {
        double wins = 0;
        long pairs = 0;
        for (RollingEvaluator.Entry f : members) {
            for (RollingEvaluator.Entry l : members) {
                if (f.fraud() && !l.fraud()) {
                    pairs++;
                    final double a = RankedScores.rank(f.score(model));
                    final double b = RankedScores.rank(l.score(model));
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    private static double cardPrecision(final List<RollingEvaluator.Entry> members, final int model, final int k) {
        final Map<Long, Map<String, List<RollingEvaluator.Entry>>> days = new TreeMap<>();
        for (RollingEvaluator.Entry e : members) {
            if (e.card() != null) {
                days.computeIfAbsent(Math.floorDiv(e.eventTime(), DAY), d -> new TreeMap<>())
                        .computeIfAbsent(e.card(), c -> new ArrayList<>()).add(e);
            }
        }
        if (days.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map<String, List<RollingEvaluator.Entry>> cards : days.values()) {
            final List<String> ranked = new ArrayList<>(cards.keySet()); // sorted by id, then stably by max score
            ranked.sort(Comparator.comparingDouble((String c) -> -cards.get(c).stream()
                    .mapToDouble(e -> e.score(model)).max().orElseThrow()));
            final int top = Math.min(k, ranked.size());
            int compromised = 0;
            for (String c : ranked.subList(0, top)) {
                compromised += cards.get(c).stream().anyMatch(RollingEvaluator.Entry::fraud) ? 1 : 0;
            }
            sum += compromised / (double) top;
        }
        return sum / days.size();
    }
}
