package io.fraudstream.learn;

import io.fraudstream.event.Decision;
import io.fraudstream.model.Model;
import io.fraudstream.sample.Example;
import io.fraudstream.sample.ExampleCodec;

/**
 * Watches the champion for concept drift on the mature holdout, for {@link Learning} to retrain early.
 *
 * <p>Design. Every {@value #CHECK_EVERY} outcomes it takes the held-out examples that have matured since its last look
 * (transactions at least the labels' maturity older than the newest label: both classes' labels are in), in
 * transaction-time order, and feeds a {@link PageHinkley} test, for every fraud among them, 1 if it was let through
 * (approved) when it was scored and 0 if it was alerted: the test detects a rise of the miss rate on recent frauds
 * — recall falling — which is what a new fraud pattern does. The decision taken at scoring time, not the current
 * champion's: by the time a transaction matures (a week later) the champion may have partly learnt the new
 * pattern, and would hide the very misses that happened; an example stored without its decision (by an older
 * version) is judged by the current champion. How much it sees on a generated partial change, and why not enough:
 * docs/replay.md, "A fraud pattern that changes". Only frauds are fed: in an
 * imbalanced stream the error of all examples is the legitimate ones' and barely moves when fraud changes (the
 * minority's recall is the signal, as in DDM-OCI, Wang et al., IJCAI 2013). Held-out examples are never trained
 * on. Labels that come later than the maturity (a chargeback
 * after weeks) join the holdout after the look that passed their transaction time, so the test never sees them:
 * set {@code labels.maturity} to cover the label delays that matter.
 *
 * <p>State: seven numbers (when it last looked, outcomes since, detections, and the test's four), kept in the
 * learner's state ({@link LearningState}). Deterministic.
 */
final class DriftMonitor {
    /** Mature held-out frauds the test's reference miss rate spans: weeks at the fraud rates measured. */
    static final long MEMORY = 200;
    /**
     * Outcomes between two looks at the holdout: a look scans every slot (20 000 by default), so once per outcome would
     * cost more than the outcome; a few days of mature frauds make a look's worth at the rates measured.
     */
    static final int CHECK_EVERY = 1000;
    private final DriftConfig config;
    private final PageHinkley test;
    /** The newest transaction time fed to the test (Long.MIN_VALUE before any look). */
    private long watermark = Long.MIN_VALUE;
    private long sinceCheck;
    private long detections;

    DriftMonitor(final DriftConfig config) {
        this.config = config;
        this.test = new PageHinkley(config.tolerance(), config.threshold(), config.minFrauds(), MEMORY);
    }

    /**
     * Counts one outcome and, every {@value #CHECK_EVERY}, looks at what matured in the holdout: true when the champion's
     * miss rate on mature frauds has risen (a drift).
     */
    boolean offered(final Holdout holdout, final Model champion, final long maturityMillis) {
        if (!config.enabled() || ++sinceCheck < CHECK_EVERY) {
            return false;
        }
        sinceCheck = 0;
        if (holdout.clock() == Long.MIN_VALUE) {
            return false;
        }
        final long cut = holdout.clock() - maturityMillis;
        if (cut <= watermark) {
            return false;
        }
        boolean detected = false;
        for (int slot : holdout.maturedBetween(watermark, cut)) {
            final Example e = holdout.example(slot);
            if (e.fraud()) {
                final int decided = holdout.decision(slot);
                final boolean missed = decided == ExampleCodec.NOT_KNOWN
                        ? champion.decide(champion.score(e.x())) == Decision.APPROVE : decided == 0;
                if (test.add(missed ? 1 : 0)) {
                    detected = true;
                    detections++;
                }
            }
        }
        watermark = cut;
        return detected;
    }

    /** Drifts detected since learning began. */
    long detections() {
        return detections;
    }

    /** Its state, for {@link #restore}. */
    double[] values() {
        final double[] v = new double[3 + PageHinkley.STATE];
        v[0] = watermark;
        v[1] = sinceCheck;
        v[2] = detections;
        test.state(v, 3);
        return v;
    }

    void restore(final double[] v) {
        watermark = (long) v[0];
        sinceCheck = (long) v[1];
        detections = (long) v[2];
        test.restore(v, 3);
    }
}
