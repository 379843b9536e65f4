package io.fraudstream.replay;

/** Reads a file's time value as epoch milliseconds, or throws an {@link IllegalArgumentException} saying why not. */
public interface TimeParser {
    long parse(String value);

    /**
     * The parser a {@code --time-format} flag names: one of {@link TimeFormat}'s names, else a date-time pattern
     * ({@link PatternTime}), else an {@link IllegalArgumentException} listing both.
     */
    static TimeParser fromFlag(final String flag) {
        try {
            return TimeFormat.fromFlag(flag);
        } catch (IllegalArgumentException unknown) {
            try {
                return PatternTime.of(flag);
            } catch (IllegalArgumentException notAPattern) {
                throw new IllegalArgumentException(unknown.getMessage() + ", or a date-time pattern such as "
                        + "'dd/MM/yyyy HH:mm' (" + notAPattern.getMessage() + ")", notAPattern);
            }
        }
    }
}
