package io.fraudstream.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.codec.CardEventCodec;
import io.fraudstream.event.FeatureVector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardHistoryTest {
    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private final CardHistory history = new CardHistory(List.of(Duration.ofDays(30), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(7)));

    @Test
    void aCardSeenForTheFirstTimeHasCountsOfZeroAndNothingElseButItsMerchant() {
        final FeatureVector f = history.features(100 * D, 50, "m1", List.of());
        assertThat(f.get("card.count.1h")).isZero();
        assertThat(f.get("card.count.30d")).isZero();
        assertThat(f.get("card.amount.mean.1d")).isNaN(); // absent: unknown, scored as the mean
        assertThat(f.get("card.since.last")).isNaN();
        assertThat(f.get("card.amount.vs.mean")).isNaN();
        assertThat(f.get("card.merchants.1d")).isEqualTo(1);
        assertThat(f.get("card.merchant.new")).isEqualTo(1);
    }

    @Test
    void exactValuesOverEveryWindow() {
        final long t = 100 * D;
        final List<CardHistory.Event> events = List.of(
                new CardHistory.Event(t - 10 * D, 100, "m1"),   // only in 30d
                new CardHistory.Event(t - 2 * D, 40, "m2"),     // 7d, 30d
                new CardHistory.Event(t - 5 * H, 20, "m3"),     // 1d, 7d, 30d
                new CardHistory.Event(t - 30 * 60_000L, 10, "m2"), // all windows
                new CardHistory.Event(t + 1000, 999, "m9"),     // after the transaction: never counts
                new CardHistory.Event(t - 31 * D, 500, "m1"));  // older than the longest window
        final FeatureVector f = history.features(t, 170, "m1", events);
        assertThat(f.get("card.count.1h")).isEqualTo(1);
        assertThat(f.get("card.amount.mean.1h")).isEqualTo(10);
        assertThat(f.get("card.amount.std.1h")).isZero();
        assertThat(f.get("card.count.1d")).isEqualTo(2);
        assertThat(f.get("card.amount.mean.1d")).isEqualTo(15);
        assertThat(f.get("card.amount.std.1d")).isCloseTo(5, within(1e-12));
        assertThat(f.get("card.count.7d")).isEqualTo(3);
        assertThat(f.get("card.amount.mean.7d")).isCloseTo(70.0 / 3, within(1e-12));
        assertThat(f.get("card.count.30d")).isEqualTo(4);
        assertThat(f.get("card.amount.mean.30d")).isEqualTo(42.5);
        assertThat(f.get("card.amount.std.30d")).isCloseTo(Math.sqrt((100 * 100 + 40 * 40 + 20 * 20 + 10 * 10) / 4.0
                - 42.5 * 42.5), within(1e-9));
        assertThat(f.get("card.since.last")).isCloseTo(Math.log1p(1800), within(1e-12));
        assertThat(f.get("card.amount.vs.mean")).isCloseTo(Math.log(171 / 43.5), within(1e-12));
        assertThat(f.get("card.merchants.1d")).isEqualTo(3); // m1 (this one), m3, m2
        assertThat(f.get("card.merchant.new")).isZero(); // m1 was paid 10 days ago
        // windows come out in increasing order whatever order they were configured in
        assertThat(history.names().subList(0, 3)).containsExactly("card.count.1h", "card.amount.mean.1h",
                "card.amount.std.1h");
    }

    @Test
    void windowsNotWhollyWithinTheKnownHistoryAreLeftOut() {
        final long t = 100 * D;
        final FeatureVector f = history.features(t, 10, "m1", List.of(new CardHistory.Event(t - H / 2, 5, "m1")),
                t - 2 * D);
        assertThat(f.get("card.count.1h")).isEqualTo(1);
        assertThat(f.get("card.count.1d")).isEqualTo(1);
        assertThat(f.get("card.count.7d")).isNaN();
        assertThat(f.get("card.amount.mean.30d")).isNaN();
        assertThat(f.get("card.merchants.1d")).isEqualTo(1);
        assertThat(f.get("card.merchant.new")).isNaN();
        assertThat(f.get("card.since.last")).isCloseTo(Math.log1p(1800), within(1e-12));
    }

    @Test
    void eventsRoundTripThroughTheStoreEncoding() {
        assertThat(CardEventCodec.decode(7, CardEventCodec.encode(new CardHistory.Event(0, 12.5, "térmínal-9"))))
                .isEqualTo(new CardHistory.Event(7, 12.5, "térmínal-9"));
        assertThat(CardEventCodec.decode(7, CardEventCodec.encode(new CardHistory.Event(0, 3, null)))).isEqualTo(new CardHistory.Event(7, 3, null));
        assertThat(CardHistory.windowName(Duration.ofMinutes(90))).isEqualTo("90m");
    }
}
