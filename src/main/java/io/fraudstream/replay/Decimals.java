package io.fraudstream.replay;

import java.util.regex.Pattern;

/**
 * Numbers in a replayed file: a plain decimal for every numeric column and time, and money as public files write
 * it for the amount.
 */
final class Decimals {
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    private static final String CURRENCY_SIGNS = "$\u20ac\u00a3\u00a5";

    private Decimals() {
    }

    /**
     * An amount: finite and at least 0, as a plain decimal or as money is written in public files, a currency sign
     * first ({@code $134.09}, {@code $-77.00} in IBM's TabFormer data, whose refunds are then refused as negative)
     * and thousands grouped by commas ({@code "1,234.50"}), else an {@link IllegalArgumentException} saying which.
     */
    static double amount(final String s) {
        final String t = s.trim();
        final String plain = isDecimal(t) ? t : plainMoney(t); // the common case without a regular expression
        if (!isDecimal(plain)) {
            throw new IllegalArgumentException("amount: not a number: \"" + s + "\"");
        }
        final double a = Double.parseDouble(plain);
        if (!Double.isFinite(a) || a < 0) {
            throw new IllegalArgumentException("amount: must be finite and >= 0, was " + s.trim());
        }
        return a;
    }

    /** {@code s} without a leading currency sign (after or before a sign) and without thousands separators. */
    static String plainMoney(final String s) {
        String t = s.trim();
        String sign = "";
        if (t.startsWith("-") || t.startsWith("+")) {
            sign = t.substring(0, 1);
            t = t.substring(1);
        }
        if (!t.isEmpty() && CURRENCY_SIGNS.indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1).trim();
        }
        if (sign.isEmpty() && (t.startsWith("-") || t.startsWith("+"))) {
            sign = t.substring(0, 1);
            t = t.substring(1);
        }
        return sign + (GROUPED.matcher(t).matches() ? t.replace(",", "") : t);
    }

    /**
     * A plain decimal number ({@code 12}, {@code -0.5}, {@code 1e-3}), else {@link NumberFormatException}. Stricter
     * than {@link Double#parseDouble}, which also takes {@code 2d}, {@code 1f} and hexadecimal: in a data file
     * {@code 2d} is a duration or a code, not the number 2.
     */
    static double number(final String s) {
        final String t = s.trim();
        if (!isDecimal(t)) {
            throw new NumberFormatException("not a decimal number: \"" + s + "\"");
        }
        return Double.parseDouble(t);
    }

    /**
     * Whether {@code t} is {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}: scanned by hand, as a regular
     * expression cost a third of reading millions of rows.
     */
    static boolean isDecimal(final String t) {
        final int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        final int intStart = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        final boolean intDigits = i > intStart;
        if (i < n && t.charAt(i) == '.') {
            i++;
            final int fracStart = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (!intDigits && i == fracStart) {
                return false; // "." alone
            }
        } else if (!intDigits) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            final int expStart = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code s} is a plain decimal number ({@link #number}) and finite; no exception either way. */
    static boolean isNumber(final String s) {
        final String t = s.trim();
        return isDecimal(t) && Double.isFinite(Double.parseDouble(t));
    }
}
