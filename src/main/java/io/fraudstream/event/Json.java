package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/** Shared Jackson configuration and the field readers used by the validating event parsers. */
public final class Json {
    /** Unknown fields are ignored everywhere: producers may add fields without breaking fraudstream. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Earliest and latest accepted event times: 1970-01-01 and 2200-01-01. */
    private static final long MAX_TIMESTAMP = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    private Json() {
    }

    static JsonParser open(final byte[] data, final InputLimits limits) throws IOException {
        if (data == null || data.length == 0) {
            throw new InvalidRecordException("value.empty", data == null ? "record value is null (a tombstone)"
                    : "record value is empty");
        }
        if (data.length > limits.maxRecordBytes()) {
            throw new InvalidRecordException("value.too-large", "record value is " + data.length
                    + " bytes, at most " + limits.maxRecordBytes() + " accepted");
        }
        final JsonParser parser = FACTORY.createParser(data);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException("json.not-object", "record value is not a JSON object");
        }
        return parser;
    }

    /**
     * The rejection for a parser failure: {@code json.too-deep}, {@code json.too-long} or {@code json.too-large} for
     * Jackson's {@link StreamReadConstraints} (nesting, number, string and name lengths, document size), else
     * {@code json.malformed}, with the parser's location when it has one.
     */
    static InvalidRecordException malformed(final IOException e) {
        final String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        final JsonLocation where = e instanceof JsonProcessingException j ? j.getLocation() : null;
        final String detail = message + (where == null ? "" : " at " + where.offsetDescription());
        if (e instanceof StreamConstraintsException) {
            final String m = String.valueOf(message).toLowerCase(Locale.ROOT);
            final String reason = m.contains("nesting") ? "json.too-deep"
                    : m.contains("document length") || m.contains("token count") ? "json.too-large" : "json.too-long";
            return new InvalidRecordException(reason, "JSON over a parser limit: " + detail, e);
        }
        return new InvalidRecordException("json.malformed", "malformed JSON: " + detail, e);
    }

    /** A string field, or null for JSON null; numbers are accepted and kept as their text (ids are often numeric). */
    static String text(final JsonParser p, final String field) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw new InvalidRecordException(field + ".invalid", field + ": expected a string, got " + describe(t));
    }

    /** A finite number (a numeric string is accepted too). */
    static double number(final JsonParser p, final String field) throws IOException {
        final JsonToken t = p.currentToken();
        final double v;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            v = p.getDoubleValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                v = Double.parseDouble(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidRecordException(field + ".invalid", field + ": not a number: \"" + p.getText() + "\"");
            }
        } else {
            throw new InvalidRecordException(field + ".invalid", field + ": expected a number, got " + describe(t));
        }
        if (!Double.isFinite(v)) {
            throw new InvalidRecordException(field + ".invalid", field + ": must be finite, was " + v);
        }
        return v;
    }

    /** An event time: ISO-8601 instant (with Z or an offset) or integral epoch milliseconds. */
    static long timestamp(final JsonParser p, final String field) throws IOException {
        final JsonToken t = p.currentToken();
        final long millis;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            millis = p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            final String s = p.getText().trim();
            try {
                millis = IsoInstant.parse(s);
            } catch (DateTimeException e) {
                throw new InvalidRecordException(field + ".invalid",
                        field + ": not an ISO-8601 instant or epoch milliseconds: \"" + s + "\"");
            }
        } else {
            throw new InvalidRecordException(field + ".invalid",
                    field + ": expected an ISO-8601 string or epoch milliseconds, got " + describe(t));
        }
        return checkTimestamp(millis, field);
    }

    /** {@code millis}, if between 1970-01-01 and 2200-01-01; else a {@code <field>.out-of-range} rejection. */
    static long checkTimestamp(final long millis, final String field) {
        if (millis < 0 || millis > MAX_TIMESTAMP) {
            throw new InvalidRecordException(field + ".out-of-range",
                    field + ": " + millis + " ms is outside 1970-01-01..2200-01-01");
        }
        return millis;
    }

    static boolean bool(final JsonParser p, final String field) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && (p.getIntValue() == 0 || p.getIntValue() == 1)) {
            return p.getIntValue() == 1;
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText().trim().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> {
                    return true;
                }
                case "false", "0" -> {
                    return false;
                }
                default -> { }
            }
        }
        throw new InvalidRecordException(field + ".invalid", field + ": expected true/false or 1/0, got " + describe(t)
                + (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT ? " \"" + p.getText() + "\"" : ""));
    }

    static String describe(final JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
