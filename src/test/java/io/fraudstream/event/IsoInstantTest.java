package io.fraudstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast ISO-8601 instants are exactly java.time's: what it writes, what it reads, what it refuses. */
class IsoInstantTest {
    @Test
    void writesWhatInstantToStringWrites() {
        final Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            final long millis = switch (i % 4) {
                case 0 -> random.nextLong(0, 253_402_300_800_000L);
                case 1 -> random.nextLong(1_700_000_000_000L, 1_800_000_000_000L) / 1000 * 1000; // whole seconds
                case 2 -> random.nextLong(-10_000_000_000_000L, 0); // before 1970: java.time's own
                default -> random.nextLong(1_700_000_000_000L, 1_800_000_000_000L) / 10 * 10;
            };
            assertThat(IsoInstant.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        for (long edge : List.of(0L, 1L, 999L, 1000L, 86_399_999L, 86_400_000L, 253_402_300_799_999L,
                253_402_300_800_000L, -1L, Long.MAX_VALUE / 1000)) {
            assertThat(IsoInstant.format(edge)).isEqualTo(Instant.ofEpochMilli(edge).toString());
        }
    }

    @Test
    void readsWhatInstantParseReads() {
        final Random random = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            final Instant t = Instant.ofEpochSecond(random.nextLong(0, 7_258_118_400L), random.nextInt(1_000_000_000));
            final String text = t.toString();
            assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
        }
        for (String text : List.of("2026-03-01T10:15:30Z", "2026-03-01T10:15:30.1Z", "2026-03-01T10:15:30.123456789Z",
                "2024-02-29T00:00:00Z", "2026-03-01T10:15:30+02:00", "2026-03-01T10:15:30.5-05:30",
                "1969-12-31T23:59:59Z", "2026-12-31T23:59:60Z", "2026-03-01T10:15:30.Z", "+12026-03-01T10:15:30Z")) {
            assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("2026-02-29T10:15:30Z", "2026-13-01T10:15:30Z", "2026-03-01T24:15:30Z",
                "2026-03-01T10:61:30Z", "2026-03-01T10:15:30.1234567890Z",
                "2026-03-01 10:15:30Z", "2026-03-01T10:15:3xZ", "yesterday", "2026-03-01T10:15:30",
                "2026-0a-01T10:15:30Z", "2026-03-01T10:15:30.12a4Z")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
