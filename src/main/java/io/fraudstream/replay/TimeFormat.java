package io.fraudstream.replay;

import io.fraudstream.event.IsoInstant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How a time column is written. Times without a zone are read as UTC. {@link #SECONDS_FROM_START} is
 * relative: seconds since the start of the file (as in the Kaggle credit-card data set's {@code Time}), placed
 * at {@link #ORIGIN} so that days, hours and weekends stay meaningful features.
 */
public enum TimeFormat {
    /** ISO-8601: {@code 2026-03-01T10:15:30Z}, with an offset, or without a zone (UTC). */
    ISO,
    /** {@code yyyy-MM-dd HH:mm:ss} (optionally with fractional seconds), UTC. */
    DATETIME,
    /** Epoch seconds (fractions allowed). */
    EPOCH_SECONDS,
    /** Epoch milliseconds. */
    EPOCH_MILLIS,
    /** Seconds since the start of the file (fractions allowed). */
    SECONDS_FROM_START;

    /** Where relative times start: Monday 2026-01-05 00:00 UTC. */
    public static final Instant ORIGIN = Instant.parse("2026-01-05T00:00:00Z");
    private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][.SS][.S]");

    /** Parses a flag value: iso, datetime (or {@code yyyy-MM-dd HH:mm:ss}), epoch-seconds, epoch-millis, seconds-from-start. */
    public static TimeFormat fromFlag(final String flag) {
        final String f = flag.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "iso" -> ISO;
            case "datetime", "yyyy-mm-dd hh:mm:ss" -> DATETIME;
            case "epoch-seconds", "epoch-s" -> EPOCH_SECONDS;
            case "epoch-millis", "epoch-ms" -> EPOCH_MILLIS;
            case "seconds-from-start", "relative-seconds" -> SECONDS_FROM_START;
            default -> throw new IllegalArgumentException("unknown time format '" + flag + "': expected iso, datetime, "
                    + "epoch-seconds, epoch-millis or seconds-from-start");
        };
    }

    /** Epoch milliseconds of a value, or an exception naming what is wrong. */
    public long parse(final String value) {
        final String v = value.trim();
        try {
            return switch (this) {
                case ISO -> parseIso(v);
                case DATETIME -> parseDateTime(v);
                case EPOCH_SECONDS -> Math.round(ReplayData.number(v) * 1000);
                case EPOCH_MILLIS -> Long.parseLong(v);
                case SECONDS_FROM_START -> ORIGIN.toEpochMilli() + Math.round(ReplayData.number(v) * 1000);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a " + name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " time: \"" + v + "\"");
        }
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
