package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Validating JSON codec for {@link Transaction}. A streaming parser: one pass, no tree, and a precise
 * reason for the first problem found. Unknown fields are skipped.
 */
public final class TransactionJson {
    private TransactionJson() {
    }

    public static Transaction parse(final byte[] data) {
        return parse(data, InputLimits.DEFAULT);
    }

    /** A transaction, or an {@link InvalidRecordException} naming the first problem, limits included. */
    public static Transaction parse(final byte[] data, final InputLimits limits) {
        try (JsonParser p = Json.open(data, limits)) {
            String id = null;
            Long timestamp = null;
            Double amount = null;
            String cardId = null;
            String merchantId = null;
            String currency = null;
            Map<String, Double> features = null;
            Map<String, String> attributes = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = InputLimits.checkLength(Json.text(p, "id"), limits.maxIdLength(), "id");
                    case "timestamp" -> timestamp = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : Json.timestamp(p, "timestamp");
                    case "amount" -> amount = p.currentToken() == JsonToken.VALUE_NULL ? null : Json.number(p, "amount");
                    case "cardId" -> cardId = InputLimits.checkLength(Json.text(p, "cardId"), limits.maxNameLength(),
                            "cardId");
                    case "merchantId" -> merchantId = InputLimits.checkLength(Json.text(p, "merchantId"), limits.maxNameLength(),
                            "merchantId");
                    case "currency" -> currency = InputLimits.checkLength(Json.text(p, "currency"), limits.maxNameLength(),
                            "currency");
                    case "features" -> features = features(p, limits);
                    case "attributes" -> attributes = attributes(p, limits);
                    default -> p.skipChildren();
                }
            }
            if (id == null || id.isBlank()) {
                throw new InvalidRecordException("id.missing", "id: required, non-empty string");
            }
            if (timestamp == null) {
                throw new InvalidRecordException("timestamp.missing", "timestamp: required (ISO-8601 or epoch ms)");
            }
            if (amount == null) {
                throw new InvalidRecordException("amount.missing", "amount: required, finite number >= 0");
            }
            if (amount < 0) {
                throw new InvalidRecordException("amount.negative", "amount: must be >= 0, was " + amount);
            }
            return new Transaction(id, timestamp, amount, cardId, merchantId, currency, features, attributes);
        } catch (IOException e) {
            throw Json.malformed(e);
        }
    }

    private static Map<String, Double> features(final JsonParser p, final InputLimits limits) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException("features.invalid",
                    "features: expected an object of name -> number, got " + Json.describe(p.currentToken()));
        }
        final Map<String, Double> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = InputLimits.checkLength(p.currentName(), limits.maxNameLength(), "features");
            if (out.size() >= limits.maxFeatures()) {
                throw new InvalidRecordException("features.too-many", "features: more than "
                        + limits.maxFeatures() + " entries");
            }
            p.nextToken();
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                continue; // a missing value: the model treats it as the feature's mean
            }
            try {
                out.put(name, Json.number(p, "features." + name));
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException("features.invalid", e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, String> attributes(final JsonParser p, final InputLimits limits)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException("attributes.invalid",
                    "attributes: expected an object of name -> string, got " + Json.describe(p.currentToken()));
        }
        final Map<String, String> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = InputLimits.checkLength(p.currentName(), limits.maxNameLength(), "attributes");
            if (out.size() >= limits.maxAttributes()) {
                throw new InvalidRecordException("attributes.too-many", "attributes: more than "
                        + limits.maxAttributes() + " entries");
            }
            final JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t.isStructStart()) {
                throw new InvalidRecordException("attributes.invalid",
                        "attributes." + name + ": expected a string, got " + Json.describe(t));
            }
            out.put(name, InputLimits.checkLength(p.getText(), limits.maxNameLength(), "attributes"));
        }
        return out;
    }

    public static byte[] write(final Transaction t) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            g.writeStringField("timestamp", IsoInstant.format(t.timestamp()));
            g.writeNumberField("amount", t.amount());
            if (t.cardId() != null) {
                g.writeStringField("cardId", t.cardId());
            }
            if (t.merchantId() != null) {
                g.writeStringField("merchantId", t.merchantId());
            }
            if (t.currency() != null) {
                g.writeStringField("currency", t.currency());
            }
            if (!t.features().isEmpty()) {
                g.writeObjectFieldStart("features");
                for (Map.Entry<String, Double> e : t.features().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            if (!t.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> e : t.attributes().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
