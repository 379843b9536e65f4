package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeFormatTest {
    private static long ms(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void everyFormatParsesToEpochMilliseconds() {
        assertThat(TimeFormat.ISO.parse("2026-03-01T10:15:30Z")).isEqualTo(ms("2026-03-01T10:15:30Z"));
        assertThat(TimeFormat.ISO.parse("2026-03-01T12:15:30+02:00")).isEqualTo(ms("2026-03-01T10:15:30Z"));
        assertThat(TimeFormat.ISO.parse("2026-03-01T10:15:30")).isEqualTo(ms("2026-03-01T10:15:30Z"));
        assertThat(TimeFormat.fromFlag("yyyy-MM-dd HH:mm:ss").parse("2018-04-01 00:00:31"))
                .isEqualTo(ms("2018-04-01T00:00:31Z"));
        assertThat(TimeFormat.DATETIME.parse("2018-04-01 00:00:31.250")).isEqualTo(ms("2018-04-01T00:00:31.250Z"));
        assertThat(TimeFormat.fromFlag("epoch-seconds").parse("1772360130.5")).isEqualTo(1772360130500L);
        assertThat(TimeFormat.fromFlag("epoch-millis").parse("1772360130500")).isEqualTo(1772360130500L);
        assertThat(TimeFormat.fromFlag("seconds-from-start").parse("172792.0"))
                .isEqualTo(TimeFormat.ORIGIN.toEpochMilli() + 172_792_000L);
        assertThat(TimeFormat.fromFlag("hours-from-start").parse("743")) // PaySim's last step
                .isEqualTo(TimeFormat.ORIGIN.toEpochMilli() + 743 * 3_600_000L);
        assertThat(TimeFormat.fromFlag("days-from-start").parse("179.5")) // BankSim counts days
                .isEqualTo(TimeFormat.ORIGIN.toEpochMilli() + 179 * 86_400_000L + 43_200_000L);
        // the Bank Account Fraud suite counts calendar months; a fraction is that share of its month
        assertThat(TimeFormat.fromFlag("months-from-start").parse("7")).isEqualTo(ms("2026-08-05T00:00:00Z"));
        assertThat(TimeFormat.MONTHS_FROM_START.parse("0.5")).isEqualTo(ms("2026-01-20T12:00:00Z"));
        assertThat(TimeFormat.MONTHS_FROM_START.parse("1.5")).isEqualTo(ms("2026-02-19T00:00:00Z"));
    }

    @Test
    void aTimeOutsideYearsOneTo9999IsRefusedInEveryFormat() {
        assertThatThrownBy(() -> TimeFormat.EPOCH_SECONDS.parse("1e300"))
                .hasMessage("time outside years 1 to 9999 as epoch-seconds: \"1e300\"");
        assertThatThrownBy(() -> TimeFormat.EPOCH_MILLIS.parse("-9223372036854775808")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TimeFormat.SECONDS_FROM_START.parse("-1e300")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TimeFormat.DAYS_FROM_START.parse("3000000")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TimeFormat.MONTHS_FROM_START.parse("1e300")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TimeFormat.MONTHS_FROM_START.parse("-95000")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TimeFormat.ISO.parse("+999999999-12-31T23:59:59Z")).hasMessageContaining("iso");
        assertThatThrownBy(() -> TimeFormat.ISO.parse("+10000-01-01T00:00:00Z")).hasMessageContaining("outside");
        assertThat(TimeFormat.ISO.parse("9999-12-31T23:59:59Z")).isEqualTo(ms("9999-12-31T23:59:59Z"));
    }

    @Test
    void badValuesAndFlagsAreNamed() {
        assertThatThrownBy(() -> TimeFormat.DATETIME.parse("2018-04-01T00:00:31"))
                .hasMessage("not a datetime time: \"2018-04-01T00:00:31\"");
        assertThatThrownBy(() -> TimeFormat.EPOCH_MILLIS.parse("12.5")).hasMessageContaining("epoch-millis");
        assertThatThrownBy(() -> TimeFormat.fromFlag("unix")).hasMessageContaining("unknown time format 'unix'");
    }

    @Test
    void anyOtherFormatIsADateTimePattern() {
        assertThat(TimeParser.fromFlag("yyyy-MM-dd HH:mm:ss")).isSameAs(TimeFormat.DATETIME); // the fast reader
        assertThat(TimeParser.fromFlag("dd/MM/yyyy HH:mm").parse(" 05/01/2026 13:45 "))
                .isEqualTo(ms("2026-01-05T13:45:00Z"));
        assertThat(TimeParser.fromFlag("dd.MM.yyyy").parse("05.01.2026")).isEqualTo(ms("2026-01-05T00:00:00Z"));
        assertThat(TimeParser.fromFlag("yyyy-MM-dd HH:mm XXX").parse("2026-01-05 13:45 +02:00"))
                .isEqualTo(ms("2026-01-05T11:45:00Z"));
        // IBM TabFormer's Year, Month, Day and Time columns, joined by spaces
        assertThat(TimeParser.fromFlag("yyyy M d HH:mm").parse("2002 9 1 06:21")).isEqualTo(ms("2002-09-01T06:21:00Z"));
        assertThatThrownBy(() -> TimeParser.fromFlag("dd/MM/yyyy").parse("2026-01-05"))
                .hasMessage("not a 'dd/MM/yyyy' time: \"2026-01-05\"");
        assertThatThrownBy(() -> TimeParser.fromFlag("yyyyy-MM-dd").parse("10000-01-01"))
                .hasMessageContaining("outside years 1 to 9999");
        assertThatThrownBy(() -> TimeParser.fromFlag("unix")).hasMessageContaining("unknown time format 'unix'")
                .hasMessageContaining("or a date-time pattern such as 'dd/MM/yyyy HH:mm'");
        assertThatThrownBy(() -> TimeParser.fromFlag("HH:mm")).hasMessageContaining("needs a year");
    }

    @Test
    void moneyIsReadAsPublicFilesWriteIt() {
        assertThat(Decimals.amount("$134.09")).isEqualTo(134.09);
        assertThat(Decimals.amount(" \u20ac 1,234.50")).isEqualTo(1234.5);
        assertThat(Decimals.amount("12")).isEqualTo(12.0);
        assertThatThrownBy(() -> Decimals.amount("$-77.00")).hasMessage("amount: must be finite and >= 0, was $-77.00");
        assertThatThrownBy(() -> Decimals.amount("-$77")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Decimals.amount("1,23")).hasMessage("amount: not a number: \"1,23\"");
        assertThatThrownBy(() -> Decimals.amount("USD 5")).hasMessageContaining("not a number");
    }

    @Test
    void numbersAreDecimalsOnlySoADurationIsNeverReadAsSeconds() {
        assertThat(Decimals.number(" -1.5e3 ")).isEqualTo(-1500.0);
        assertThat(Decimals.number(".5")).isEqualTo(0.5);
        for (String notANumber : new String[] {"2d", "1f", "0x1p3", "NaN", "Infinity", "", "1,5"}) {
            assertThatThrownBy(() -> Decimals.number(notANumber)).as(notANumber)
                    .isInstanceOf(NumberFormatException.class);
        }
        assertThatThrownBy(() -> TimeFormat.EPOCH_SECONDS.parse("2d")).hasMessageContaining("epoch-seconds");
    }

    @Test
    void theCommonShapesReadFastGiveJavaTimesInstants() {
        final Random random = new Random(9);
        final DateTimeFormatter datetime = DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int i = 0; i < 50_000; i++) {
            final Instant t = Instant.ofEpochSecond(random.nextLong(0, 7_258_118_400L));
            final String iso = t.toString();
            assertThat(TimeFormat.ISO.parse(iso)).isEqualTo(OffsetDateTime.parse(iso).toInstant().toEpochMilli());
            final String dt = datetime.format(t.atZone(ZoneOffset.UTC));
            assertThat(TimeFormat.DATETIME.parse(dt)).as(dt).isEqualTo(t.toEpochMilli());
        }
        // java.time's resolver clamps an impossible day; the fast path leaves such values to it
        assertThat(TimeFormat.DATETIME.parse("2018-02-30 00:00:31")).isEqualTo(LocalDateTime.parse(
                "2018-02-30 00:00:31", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC).toEpochMilli());
    }
}
