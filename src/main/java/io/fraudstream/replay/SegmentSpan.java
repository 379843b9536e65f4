package io.fraudstream.replay;

import io.fraudstream.stage.PendingJoin;
import java.time.Duration;
import java.util.List;

/**
 * How many labels one segment of a replay may take so that the pending join expires no transaction whose label the
 * segment brings. A segment scores its transactions up to its cut (its last label's time) before it joins its
 * labels, so the join's stream time reaches the cut first; a transaction older than the cut by the pending horizon
 * is then taken as legitimate at the horizon, even when its label, fraud or not, came within the horizon and is
 * among the segment's. Where a publication's labels span days (dense data) that never happens; where they span more
 * than the horizon (IBM TabFormer's few cards over thirty years, the e-commerce data's one purchase per user over a
 * year) it did: 11% of a 2 M-row TabFormer-shaped file's outcomes and 95 of the e-commerce file's 14 263 frauds
 * came out as the horizon's "legitimate". So a segment ends before a label whose time reaches the earliest
 * transaction of its labels within the horizon (less one expiry interval), and the publication's labels take
 * several segments; a segment's first label is always taken. Both engines cut by it, so they still agree.
 */
final class SegmentSpan {
    /** How far past a transaction the cut may reach: the horizon, less an expiry interval for the punctuation. */
    private final long reach;
    /**
     * The earliest transaction time among the labels taken that came within reach of their transaction; none
     * (the first label, or only labels past the horizon) binds nothing.
     */
    private long earliest = Long.MAX_VALUE;

    SegmentSpan(final Duration horizon) {
        this.reach = horizon.toMillis() - PendingJoin.expiryInterval(horizon).toMillis();
    }

    /** Whether the next label in order fits this segment; if so it is taken. */
    boolean take(final ReplayData.Row label) {
        if (earliest != Long.MAX_VALUE && label.labelTime() - earliest >= reach) {
            return false;
        }
        if (label.labelTime() - label.time() < reach) {
            earliest = Math.min(earliest, label.time());
        }
        return true;
    }

    /** How many of {@code labels}, from {@code from}, at most {@code max}, one segment takes. */
    static int count(final List<ReplayData.Row> labels, final int from, final int max, final Duration horizon) {
        final SegmentSpan span = new SegmentSpan(horizon);
        int n = 0;
        while (n < max && from + n < labels.size() && span.take(labels.get(from + n))) {
            n++;
        }
        return n;
    }
}
