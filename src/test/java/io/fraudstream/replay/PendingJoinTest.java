package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.event.ScoredTransaction;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.stage.PendingJoin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pending join's core (one for both engines) on the in-process engine's store: orders, corrections, horizon. */
class PendingJoinTest {
    private static final long HOUR = 3_600_000L;
    private final FraudMeters meters = FraudMeters.detached();
    private final List<LabelledOutcome> out = new ArrayList<>();
    private final PendingJoin.Store store = MemoryStores.pending();
    private final PendingJoin join = new PendingJoin(store, Duration.ofHours(10), meters.join(), out::add);

    private void assertNothingPending(final String... ids) {
        for (String id : ids) {
            assertThat(store.get(id)).as(id).isNull();
        }
        assertThat(store.expired(Long.MAX_VALUE)).isEmpty();
    }

    private static ScoredTransaction scored(final String id, final long time, final double score) {
        return new ScoredTransaction(id, time, 10, "c", "m", FeatureVector.EMPTY, score, Decision.APPROVE, 0.2, 3,
                time, List.of());
    }

    @Test
    void aLabelMeetsItsTransactionInEitherOrderWithTheScoreAtDecisionTime() {
        join.scored(scored("a", 0, 0.3));
        join.label(new Label("a", true, 2 * HOUR));
        join.label(new Label("b", false, 3 * HOUR));
        join.scored(scored("b", HOUR, 0.7));
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("a", "b");
        assertThat(out.get(0).fraud()).isTrue();
        assertThat(out.get(0).score()).isEqualTo(0.3);
        assertThat(out.get(0).labelTime()).isEqualTo(2 * HOUR);
        assertThat(out.get(1).score()).isEqualTo(0.7);
        assertThat(out).allMatch(o -> o.source().equals(LabelledOutcome.SOURCE_LABEL));
        assertNothingPending("a", "b", "x", "y", "z", "lonely");
        assertThat(meters.counter("fraud.outcomes.joined")).isEqualTo(2);
    }

    @Test
    void theHorizonTakesTheUnlabelledAsLegitimateInTimeThenIdOrderAndDropsLonelyLabels() {
        join.scored(scored("z", 0, 0.1));
        join.scored(scored("y", 0, 0.2));
        join.scored(scored("x", 5 * HOUR, 0.3));
        join.label(new Label("lonely", true, HOUR));
        join.scored(scored("y", 2 * HOUR, 0.25)); // a re-sent transaction: the latest wins, and its time
        join.expire(10 * HOUR);
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("z");
        assertThat(out.get(0).source()).isEqualTo(LabelledOutcome.SOURCE_HORIZON);
        assertThat(out.get(0).fraud()).isFalse();
        assertThat(out.get(0).labelTime()).isEqualTo(10 * HOUR);
        join.expire(12 * HOUR);
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("z", "y");
        assertThat(out.get(1).score()).isEqualTo(0.25);
        assertThat(meters.counter("fraud.labels.unmatched")).isEqualTo(1);
        join.expire(15 * HOUR);
        assertThat(out).extracting(LabelledOutcome::transactionId).containsExactly("z", "y", "x");
        assertNothingPending("a", "b", "x", "y", "z", "lonely");
    }

    @Test
    void aCorrectedLabelReplacesTheEarlierOne() {
        join.label(new Label("a", true, HOUR));
        join.label(new Label("a", false, 2 * HOUR));
        join.scored(scored("a", 0, 0.4));
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.fraud()).isFalse();
            assertThat(o.labelTime()).isEqualTo(2 * HOUR);
        });
        assertNothingPending("a");
    }
}
