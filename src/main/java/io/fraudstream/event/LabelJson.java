package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Validating JSON codec for {@link Label}. */
public final class LabelJson {
    private LabelJson() {
    }

    public static Label parse(final byte[] data) {
        return parse(data, InputLimits.DEFAULT);
    }

    /** A label, or an {@link InvalidRecordException} naming the first problem, limits included. */
    public static Label parse(final byte[] data, final InputLimits limits) {
        try (JsonParser p = Json.open(data, limits)) {
            String id = null;
            Boolean fraud = null;
            Long timestamp = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "transactionId" -> id = InputLimits.checkLength(Json.text(p, "transactionId"),
                            limits.maxIdLength(), "transactionId");
                    case "fraud" -> fraud = p.currentToken() == JsonToken.VALUE_NULL ? null : Json.bool(p, "fraud");
                    case "timestamp" -> timestamp = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : Json.timestamp(p, "timestamp");
                    default -> p.skipChildren();
                }
            }
            if (id == null || id.isBlank()) {
                throw new InvalidRecordException("transactionId.missing", "transactionId: required, non-empty string");
            }
            if (fraud == null) {
                throw new InvalidRecordException("fraud.missing", "fraud: required boolean");
            }
            if (timestamp == null) {
                throw new InvalidRecordException("timestamp.missing", "timestamp: required (ISO-8601 or epoch ms)");
            }
            return new Label(id, fraud, timestamp);
        } catch (IOException e) {
            throw Json.malformed(e);
        }
    }

    /**
     * What {@code parse(write(label), limits)} gives — the same label or the same refusal — without writing the
     * record (the in-process replay checks every label this way); a record that might be near
     * {@code maxRecordBytes} is written and parsed after all. {@code TransactionCheckTest} holds the two together.
     */
    public static Label check(final Label label, final InputLimits limits) {
        final String id = label.transactionId();
        if (80 + 6L * (id == null ? 0 : id.length()) > limits.maxRecordBytes()) {
            return parse(write(label), limits);
        }
        InputLimits.checkLength(id, limits.maxIdLength(), "transactionId"); // the parser's order: field by field
        Json.checkTimestamp(label.timestamp(), "timestamp");
        if (id == null || id.isBlank()) {
            throw new InvalidRecordException("transactionId.missing", "transactionId: required, non-empty string");
        }
        return label;
    }

    public static byte[] write(final Label label) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("transactionId", label.transactionId());
            g.writeBooleanField("fraud", label.fraud());
            g.writeStringField("timestamp", IsoInstant.format(label.timestamp()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
