package io.fraudstream.event;

/**
 * A record that cannot be processed, with a stable, low-cardinality reason code (used as a metric tag
 * and in the {@code fraudstream.reason} dead-letter header) and a precise human-readable message.
 * Bad input is data, not a bug: no stack trace is captured, so a flood of invalid records stays cheap and
 * their dead-letter headers stay short.
 */
public final class InvalidRecordException extends RuntimeException {
    private final String reason;

    public InvalidRecordException(final String reason, final String message) {
        this(reason, message, null);
    }

    public InvalidRecordException(final String reason, final String message, final Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    /** Stable reason code, e.g. {@code amount.negative}. */
    public String reason() {
        return reason;
    }
}
