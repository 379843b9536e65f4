package io.fraudstream.replay;

import io.fraudstream.event.IsoInstant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How a time column is written. Times without a zone are read as UTC. The {@code …_FROM_START} formats are
 * relative: seconds since the start of the file (as in the Kaggle credit-card data set's {@code Time} and IEEE-CIS's
 * {@code TransactionDT}), hours (PaySim's {@code step}), days (BankSim's {@code step}) or calendar months (the Bank
 * Account Fraud suite's {@code month}), placed at {@link #ORIGIN} so that days, hours and weekends stay meaningful
 * features. A file that counts hours or days gives every
 * transaction of one hour or day the same time: that is all such a file knows, and nothing is spread out.
 */
public enum TimeFormat implements TimeParser {
    /** ISO-8601: {@code 2026-03-01T10:15:30Z}, with an offset, or without a zone (UTC). */
    ISO,
    /** {@code yyyy-MM-dd HH:mm:ss} (optionally with fractional seconds), UTC. */
    DATETIME,
    /** Epoch seconds (fractions allowed). */
    EPOCH_SECONDS,
    /** Epoch milliseconds. */
    EPOCH_MILLIS,
    /** Seconds since the start of the file (fractions allowed). */
    SECONDS_FROM_START,
    /** Hours since the start of the file (fractions allowed). */
    HOURS_FROM_START,
    /** Days since the start of the file (fractions allowed). */
    DAYS_FROM_START,
    /** Calendar months since the start of the file (a fraction is that share of its month's days). */
    MONTHS_FROM_START;

    /** Where relative times start: Monday 2026-01-05 00:00 UTC. */
    public static final Instant ORIGIN = Instant.parse("2026-01-05T00:00:00Z");
    private static final long MIN_MILLIS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][.SS][.S]");

    /**
     * Parses a flag value: iso, datetime (or {@code yyyy-MM-dd HH:mm:ss}), epoch-seconds, epoch-millis,
     * seconds-from-start, hours-from-start, days-from-start, months-from-start.
     */
    public static TimeFormat fromFlag(final String flag) {
        final String f = flag.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "iso" -> ISO;
            case "datetime", "yyyy-mm-dd hh:mm:ss" -> DATETIME;
            case "epoch-seconds", "epoch-s" -> EPOCH_SECONDS;
            case "epoch-millis", "epoch-ms" -> EPOCH_MILLIS;
            case "seconds-from-start", "relative-seconds" -> SECONDS_FROM_START;
            case "hours-from-start" -> HOURS_FROM_START;
            case "days-from-start" -> DAYS_FROM_START;
            case "months-from-start" -> MONTHS_FROM_START;
            default -> throw new IllegalArgumentException("unknown time format '" + flag + "': expected iso, datetime, "
                    + "epoch-seconds, epoch-millis, seconds-from-start, hours-from-start, days-from-start or "
                    + "months-from-start");
        };
    }

    /**
     * Epoch milliseconds of a value, or an exception naming what is wrong: a value that is not a time of this format,
     * or one outside years 1 to 9999 (a number such as {@code 1e300} seconds would otherwise wrap round to a time
     * before every other row).
     */
    @Override
    public long parse(final String value) {
        final String v = value.trim();
        return inYears1To9999(parseUnchecked(v), name().toLowerCase(Locale.ROOT).replace('_', '-'), v);
    }

    /** {@code millis}, or a refusal when it is outside years 1 to 9999, naming the format and the value. */
    static long inYears1To9999(final long millis, final String format, final String value) {
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("time outside years 1 to 9999 as " + format + ": \"" + value + "\"");
        }
        return millis;
    }

    private long parseUnchecked(final String v) {
        try {
            return switch (this) {
                case ISO -> parseIso(v);
                case DATETIME -> parseDateTime(v);
                case EPOCH_SECONDS -> Math.round(Decimals.number(v) * 1000);
                case EPOCH_MILLIS -> Long.parseLong(v);
                case SECONDS_FROM_START -> fromStart(v, 1_000);
                case HOURS_FROM_START -> fromStart(v, 3_600_000);
                case DAYS_FROM_START -> fromStart(v, 86_400_000);
                case MONTHS_FROM_START -> monthsFromStart(v);
            };
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a " + name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " time: \"" + v + "\"");
        }
    }

    private static long fromStart(final String v, final long millisPerUnit) {
        final double offset = Decimals.number(v) * millisPerUnit;
        // out of range as a whole, rather than wrapped round by the addition
        return Math.abs(offset) > MAX_MILLIS ? Long.MAX_VALUE : ORIGIN.toEpochMilli() + Math.round(offset);
    }

    private static long monthsFromStart(final String v) {
        final double months = Decimals.number(v);
        if (Math.abs(months) > 12 * 10_000) {
            return Long.MAX_VALUE; // out of range as a whole
        }
        final long whole = (long) Math.floor(months);
        final ZonedDateTime start = ORIGIN.atZone(ZoneOffset.UTC).plusMonths(whole);
        final long length = start.plusMonths(1).toInstant().toEpochMilli() - start.toInstant().toEpochMilli();
        return start.toInstant().toEpochMilli() + Math.round((months - whole) * length);
    }

    private static long parseDateTime(final String v) {
        if (v.length() == 19 && v.charAt(10) == ' ') {
            final long common = IsoInstant.parseCommon(v.substring(0, 10) + 'T' + v.substring(11) + 'Z');
            if (common != IsoInstant.NOT_COMMON) {
                return common;
            }
        }
        return LocalDateTime.parse(v, DATETIME_FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The common shapes read without java.time's parsers (the same instants: {@link IsoInstant#parseCommon}). */
    private static long parseIso(final String v) {
        final long common = IsoInstant.parseCommon(v);
        if (common != IsoInstant.NOT_COMMON) {
            return common;
        }
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }
}
