package io.fraudstream.event;

/**
 * Size limits on input records, checked while parsing, before anything is stored or re-serialised. A record over
 * a limit is dead-lettered with a stable reason ({@code value.too-large}, {@code id.too-long},
 * {@code features.too-many}, ...): one oversized record must never reach a write the broker refuses (a record
 * larger than {@code max.message.bytes} once re-serialised would fail its task again after every restart).
 *
 * @param maxRecordBytes largest record value, in bytes
 * @param maxIdLength    longest transaction id (characters)
 * @param maxNameLength  longest card id, merchant id, currency, feature or attribute name, attribute value
 * @param maxFeatures    most entries in {@code features}
 * @param maxAttributes  most entries in {@code attributes}
 */
public record InputLimits(int maxRecordBytes, int maxIdLength, int maxNameLength, int maxFeatures,
                          int maxAttributes) {
    /** The defaults of the {@code fraudstream.input.max.*} keys (which take them from here). */
    public static final InputLimits DEFAULT = new InputLimits(65_536, 128, 128, 256, 64);

    /** For fraudstream's own internal records, already checked once on input: no limit. */
    public static final InputLimits NONE = new InputLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE);

    public InputLimits {
        if (maxRecordBytes < 1 || maxIdLength < 1 || maxNameLength < 1 || maxFeatures < 0 || maxAttributes < 0) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }

    /** {@code value} if it is at most {@code max} characters long, else an {@code <field>.too-long} rejection. */
    static String checkLength(final String value, final int max, final String field) {
        if (value != null && value.length() > max) {
            throw new InvalidRecordException(field + ".too-long", field + ": " + value.length()
                    + " characters, at most " + max + " accepted");
        }
        return value;
    }
}
