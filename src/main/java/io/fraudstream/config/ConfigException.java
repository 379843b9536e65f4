package io.fraudstream.config;

/** A configuration error found at start; the message names the offending key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(final String message) {
        super(message);
    }

    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
