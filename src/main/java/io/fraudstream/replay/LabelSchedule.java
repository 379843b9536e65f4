package io.fraudstream.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The labels of a replay in the order they become known: the data's own (each row's label at its label time) and,
 * when investigations are simulated, those of alerted transactions brought forward to when an investigator would
 * have labelled them.
 *
 * <p>Design. In production a fraud team investigates what fraudstream alerts, so an alerted transaction's label —
 * fraud or not — comes back within hours, while the rest wait for a chargeback or the end of the feedback window
 * (Dal Pozzolo et al., "Credit card fraud detection: a realistic modeling and a novel learning strategy", IEEE TNNLS
 * 29(8), 2018). Historical data cannot know which transactions the model under test alerts, so the replay decides
 * it as it scores: {@link #investigate} moves a row's label to {@code at} when that is sooner than its own, and the
 * row's original label is then skipped. The data's labels are sorted once; the brought-forward ones wait in a small
 * heap (those of the last investigation delay's alerts), and both are merged in label-time order (ties by
 * transaction time, then line), so a label is never taken before one known earlier.
 */
final class LabelSchedule {
    static final Comparator<ReplayData.Row> ORDER = Comparator.comparingLong(ReplayData.Row::labelTime)
            .thenComparingLong(ReplayData.Row::time).thenComparingLong(ReplayData.Row::line);

    private final List<ReplayData.Row> byLabelTime;
    private int next;
    private final PriorityQueue<ReplayData.Row> investigated = new PriorityQueue<>(ORDER);
    /** Rows whose own label an investigation superseded. */
    private final Set<ReplayData.Row> superseded = Collections.newSetFromMap(new IdentityHashMap<>());
    private long broughtForward;

    LabelSchedule(final List<ReplayData.Row> byLabelTime) {
        this.byLabelTime = byLabelTime;
    }

    boolean hasNext() {
        skipSuperseded();
        return next < byLabelTime.size() || !investigated.isEmpty();
    }

    /** The next label to become known (call {@link #hasNext} first). */
    ReplayData.Row next() {
        skipSuperseded();
        final ReplayData.Row own = next < byLabelTime.size() ? byLabelTime.get(next) : null;
        final ReplayData.Row early = investigated.peek();
        if (early != null && (own == null || ORDER.compare(early, own) < 0)) {
            return investigated.poll();
        }
        next++;
        return own;
    }

    /**
     * The labels one segment takes ({@link SegmentSpan}), at most {@code n}, in the order {@link #next} will give
     * them, without taking them; none when none remains. The last one's time is the segment's cut.
     */
    List<ReplayData.Row> segment(final int n, final SegmentSpan span) {
        final ReplayData.Row[] early = investigated.toArray(new ReplayData.Row[0]);
        Arrays.sort(early, ORDER);
        final List<ReplayData.Row> ahead = new ArrayList<>();
        int i = next;
        int j = 0;
        while (ahead.size() < n) {
            while (i < byLabelTime.size() && superseded.contains(byLabelTime.get(i))) {
                i++;
            }
            final boolean ownLeft = i < byLabelTime.size();
            if (!ownLeft && j == early.length) {
                break;
            }
            final ReplayData.Row row = j < early.length && (!ownLeft || ORDER.compare(early[j], byLabelTime.get(i)) < 0)
                    ? early[j++] : byLabelTime.get(i++);
            if (!span.take(row)) {
                break;
            }
            ahead.add(row);
        }
        return ahead;
    }

    /** An investigation labels {@code row} at {@code at}, if that is sooner than its own label. */
    void investigate(final ReplayData.Row row, final long at) {
        if (at < row.labelTime() && superseded.add(row)) {
            investigated.add(new ReplayData.Row(row.line(), row.number(), row.id(), row.time(), row.amount(),
                    row.card(), row.merchant(), row.fraud(), at, row.slot()));
            broughtForward++;
        }
    }

    /** Labels an investigation brought forward. */
    long broughtForward() {
        return broughtForward;
    }

    private void skipSuperseded() {
        while (next < byLabelTime.size() && superseded.contains(byLabelTime.get(next))) {
            superseded.remove(byLabelTime.get(next));
            next++;
        }
    }
}
