package io.fraudstream.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants as fraudstream writes and reads them on every record, without {@code java.time}'s formatter:
 * {@link Instant#toString()} and {@link Instant#parse} cost more than everything else a label's record does. The
 * results are exactly theirs (a test holds them to it): {@link #format} for instants of years 1970 to 9999 writes
 * {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z}, and {@link #parse} reads that shape (with 0 to 9 fraction digits) itself and
 * hands anything else — offsets, leap seconds, other years — to {@link Instant#parse}.
 */
public final class IsoInstant {
    private static final long DAY = 86_400_000L;
    /** 9999-12-31T23:59:59.999Z: the last instant {@link #format} writes itself. */
    private static final long LAST = 253_402_300_799_999L;
    /** What {@link #parseCommon} answers for text of another shape (or an invalid date): no instant is this. */
    public static final long NOT_COMMON = Long.MIN_VALUE;
    private static final long[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstant() {
    }

    /** {@code Instant.ofEpochMilli(millis).toString()}. */
    public static String format(final long millis) {
        if (millis < 0 || millis > LAST) {
            return Instant.ofEpochMilli(millis).toString();
        }
        final LocalDate date = LocalDate.ofEpochDay(millis / DAY);
        final int inDay = (int) (millis % DAY);
        final int ms = inDay % 1000;
        final StringBuilder b = new StringBuilder(24);
        digits(b, date.getYear(), 4).append('-');
        digits(b, date.getMonthValue(), 2).append('-');
        digits(b, date.getDayOfMonth(), 2).append('T');
        digits(b, inDay / 3_600_000, 2).append(':');
        digits(b, inDay / 60_000 % 60, 2).append(':');
        digits(b, inDay / 1000 % 60, 2);
        if (ms != 0) {
            digits(b.append('.'), ms, 3);
        }
        return b.append('Z').toString();
    }

    /** {@code Instant.parse(text).toEpochMilli()}; a {@link DateTimeException} when it is not an instant. */
    public static long parse(final String text) {
        final long millis = parseCommon(text);
        return millis != NOT_COMMON ? millis : Instant.parse(text).toEpochMilli();
    }

    /**
     * The instant of {@code text} when it has the common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid
     * date and time from 1970 on; else {@link #NOT_COMMON}, and the caller asks {@code java.time}.
     */
    public static long parseCommon(final String text) {
        final int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return NOT_COMMON;
        }
        final int year = number(text, 0, 4);
        final int month = number(text, 5, 7);
        final int day = number(text, 8, 10);
        final int hour = number(text, 11, 13);
        final int minute = number(text, 14, 16);
        final int second = number(text, 17, 19);
        long nanos = 0;
        if (n > 20) {
            final int digits = n - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return NOT_COMMON;
            }
            final int fraction = number(text, 20, n - 1);
            nanos = fraction < 0 ? -1 : fraction * SCALE[9 - digits];
        }
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return NOT_COMMON;
        }
        final long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_COMMON;
        }
        return epochDay * DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + nanos / 1_000_000;
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int number(final String text, final int from, final int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder digits(final StringBuilder b, final int value, final int width) {
        final String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
