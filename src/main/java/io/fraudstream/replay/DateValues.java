package io.fraudstream.replay;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Text columns of dates, read as numbers: a value becomes the days from it to the transaction's time (positive when
 * the date is before), so that a card holder's date of birth is their age (the Sparkov card data's {@code dob}) and
 * an account's sign-up time is the account's age when it pays (the e-commerce fraud data's {@code signup_time},
 * whose fraudsters buy within seconds of signing up). As text, each such value would be an attribute hashed into a
 * bucket with unrelated ones: nothing a model could rank by. A column is one of dates when every value of the first
 * rows is {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm:ss[.fraction]} or an ISO-8601 date-time (UTC unless it says
 * otherwise), the shapes {@link TimeFormat} reads.
 */
final class DateValues {
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private DateValues() {
    }

    /**
     * Whether {@code value} is a date or date-time of a shape this class reads. Asked of every value of the rows
     * that choose the columns' types, so a value of another shape is told by its characters, without an exception.
     */
    static boolean isDate(final String value) {
        final String v = value.trim();
        if (!isDay(v) && !isDateTime(v, ' ') && !isDateTime(v, 'T')) {
            return false;
        }
        try {
            millis(v);
            return true;
        } catch (IllegalArgumentException e) { // of a date's shape, but not one (2015-13-01)
            return false;
        }
    }

    /** Days from the date {@code value} to {@code eventMillis}, or an {@link IllegalArgumentException}. */
    static double daysBefore(final String value, final long eventMillis) {
        return (eventMillis - millis(value)) / MILLIS_PER_DAY;
    }

    private static long millis(final String value) {
        final String v = value.trim();
        if (isDay(v)) {
            try { // by hand: java.time's parser was most of the cost of a date column
                return LocalDate.of(digits(v, 0, 4), digits(v, 5, 7), digits(v, 8, 10)).toEpochDay() * 86_400_000L;
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not a date: \"" + v + "\"", e);
            }
        }
        if (isDateTime(v, ' ')) {
            return TimeFormat.DATETIME.parse(v);
        }
        if (isDateTime(v, 'T')) {
            return TimeFormat.ISO.parse(v);
        }
        throw new IllegalArgumentException("not a date: \"" + v + "\"");
    }

    /** {@code yyyy-MM-dd} by its shape. */
    private static boolean isDay(final String v) {
        return v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-';
    }

    /** {@code yyyy-MM-dd} then {@code separator} and a time, by its shape. */
    private static boolean isDateTime(final String v, final char separator) {
        return v.length() >= 19 && v.charAt(4) == '-' && v.charAt(10) == separator;
    }

    private static int digits(final String v, final int from, final int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            final char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a date: \"" + v + "\"");
            }
            n = n * 10 + c - '0';
        }
        return n;
    }
}
