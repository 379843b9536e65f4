package io.fraudstream.replay;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * A time written in a pattern of {@link DateTimeFormatter}'s letters ({@code --time-format 'dd/MM/yyyy HH:mm'}),
 * for files whose times none of {@link TimeFormat}'s names read: day-first dates, month names, a time spread over
 * several columns ({@code --time-column Year,Month,Day,Time --time-format 'yyyy M d HH:mm'}, the values joined by
 * spaces, as IBM's TabFormer card data writes them). UTC unless the pattern reads a zone or an offset; a pattern
 * without a time of day gives the start of the day. The pattern must read a date: a flag that is none of the named
 * formats and no such pattern is a mistake, said at start.
 */
final class PatternTime implements TimeParser {
    private final String pattern;
    private final DateTimeFormatter formatter;

    private PatternTime(final String pattern, final DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    static PatternTime of(final String pattern) {
        final DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a pattern: " + e.getMessage(), e);
        }
        if (!(pattern.contains("y") || pattern.contains("u")) || !pattern.contains("d")
                || !(pattern.contains("M") || pattern.contains("L"))) {
            throw new IllegalArgumentException("a pattern needs a year (y), a month (M) and a day (d)");
        }
        return new PatternTime(pattern, formatter);
    }

    @Override
    public long parse(final String value) {
        final String v = value.trim();
        final long millis;
        try {
            final TemporalAccessor t = formatter.parseBest(v, ZonedDateTime::from, LocalDateTime::from,
                    LocalDate::from);
            millis = t instanceof ZonedDateTime z ? z.toInstant().toEpochMilli()
                    : t instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC).toEpochMilli()
                    : ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a '" + pattern + "' time: \"" + v + "\"");
        }
        return TimeFormat.inYears1To9999(millis, pattern, v);
    }
}
