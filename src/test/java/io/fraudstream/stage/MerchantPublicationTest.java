package io.fraudstream.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.feature.MerchantActivity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Held merchant-day counters: the latest per day, published together, and found again after a restart. */
class MerchantPublicationTest {
    private static final long DAY = MerchantActivity.DAY;
    private static final long DELAY = 7 * DAY;

    /** The marker as the task's store keeps it, counting its writes. */
    private static final class Marker implements MerchantPublication.Marker {
        long day = MerchantPublication.NONE;
        int writes;

        @Override
        public long get() {
            return day;
        }

        @Override
        public void put(final long value) {
            day = value;
            writes++;
        }
    }

    private static MerchantCounts.Update update(final String merchant, final long day, final int count) {
        return new MerchantCounts.Update(merchant, day, new int[] {count}, 0);
    }

    @Test
    void eachDayIsPublishedOnceWithItsLatestCountersInTheOrderFirstHeld() {
        final MerchantPublication p = new MerchantPublication(new Marker(), DELAY);
        assertThat(p.hold(update("m1", 0, 1), 10)).isTrue();
        assertThat(p.hold(update("m2", 0, 1), 11)).isTrue();
        assertThat(p.hold(update("m1", 0, 2), 12)).isFalse(); // the same day again
        assertThat(p.hold(update("m1", DAY, 1), DAY + 1)).isTrue();
        final List<MerchantCounts.Update> published = new ArrayList<>();
        assertThat(p.drain(published::add)).isEqualTo(3);
        assertThat(published).extracting(u -> u.merchant() + "@" + u.day() / DAY + "=" + u.counters()[0])
                .containsExactly("m1@0=2", "m2@0=1", "m1@1=1");
        assertThat(p.size()).isZero();
        assertThat(p.drain(published::add)).isZero();
    }

    @Test
    void aChangePublishedAtOnceIsNoLongerHeld() {
        final MerchantPublication p = new MerchantPublication(new Marker(), DELAY);
        p.hold(update("m1", 0, 1), 10);
        assertThat(p.publishedNow(update("m1", 0, 2))).isTrue();
        assertThat(p.publishedNow(update("m2", 0, 1))).isFalse();
        assertThat(p.size()).isZero();
    }

    @Test
    void dueWhenTheOldestHeldChangeLiesHalfTheDelayBehindOrAtTheCap() {
        final MerchantPublication p = new MerchantPublication(new Marker(), DELAY);
        assertThat(p.due(100 * DAY)).isFalse(); // nothing held
        p.hold(update("m1", 0, 1), DAY / 2);
        assertThat(p.due(DAY / 2 + DELAY / 2 - 1)).isFalse();
        assertThat(p.due(DAY / 2 + DELAY / 2)).isTrue();
        p.drain(u -> { });
        for (int i = 0; i < MerchantPublication.CAP - 1; i++) {
            p.hold(update("m" + i, 0, 1), 0);
        }
        assertThat(p.due(0)).isFalse();
        p.hold(update("last", 0, 1), 0);
        assertThat(p.due(0)).isTrue();
        final MerchantPublication noDelay = new MerchantPublication(new Marker(), 1);
        noDelay.hold(update("m1", 0, 1), 5);
        assertThat(noDelay.due(5)).isTrue(); // a delay under 2 ms holds nothing
    }

    @Test
    void theMarkerKeepsTheEarliestHeldDayAndIsWrittenOnlyWhenItChanges() {
        final Marker marker = new Marker();
        final MerchantPublication p = new MerchantPublication(marker, DELAY);
        p.hold(update("m1", 5 * DAY, 1), 5 * DAY);
        p.hold(update("m2", 5 * DAY, 1), 5 * DAY);
        p.hold(update("m1", 6 * DAY, 1), 6 * DAY);
        assertThat(marker.day).isEqualTo(5 * DAY);
        p.hold(update("m3", 4 * DAY, 1), 6 * DAY); // a late transaction of an earlier day
        assertThat(marker.day).isEqualTo(4 * DAY);
        assertThat(marker.writes).isEqualTo(2);
        p.drain(u -> { });
        assertThat(marker.day).isEqualTo(MerchantPublication.NONE);
        assertThat(marker.writes).isEqualTo(3);
        p.drain(u -> { });
        assertThat(marker.writes).isEqualTo(3);
    }

    @Test
    void aRestartFindsTheMarkerAndPublishesWhatItRestores() {
        final Marker marker = new Marker();
        final MerchantPublication before = new MerchantPublication(marker, DELAY);
        before.hold(update("m1", 5 * DAY, 3), 5 * DAY);
        // the task stops here: what it held is gone, the marker stays
        final MerchantPublication after = new MerchantPublication(marker, DELAY);
        assertThat(after.heldFrom()).isEqualTo(5 * DAY);
        after.restore(update("m1", 5 * DAY, 3));
        final List<MerchantCounts.Update> published = new ArrayList<>();
        after.drain(published::add);
        assertThat(published).extracting(u -> u.counters()[0]).containsExactly(3);
        assertThat(new MerchantPublication(marker, DELAY).heldFrom()).isEqualTo(MerchantPublication.NONE);
    }
}
