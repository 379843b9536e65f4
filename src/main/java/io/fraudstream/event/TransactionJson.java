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

    /** The bytes a record must stay under to be checked without being written (Jackson's limits lie above). */
    private static final int CHECKED_UNWRITTEN = 1_000_000;

    /**
     * What {@code parse(write(t), limits)} gives — the same transaction, its maps in the parser's order, or the same
     * refusal with the same reason — without writing the record: the in-process replay checks every row this way.
     * A record that might be near {@code maxRecordBytes} (its size is bounded from above, each character as an
     * escape) is written and parsed after all. {@code TransactionCheckTest} holds the two to each other.
     */
    public static Transaction check(final Transaction t, final InputLimits limits) {
        long bound = 160;
        bound += 6L * (length(t.id()) + length(t.cardId()) + length(t.merchantId()) + length(t.currency()));
        for (String name : t.features().keySet()) {
            bound += 6L * length(name) + 40;
        }
        for (Map.Entry<String, String> e : t.attributes().entrySet()) {
            bound += 6L * (length(e.getKey()) + length(e.getValue())) + 8;
        }
        if (bound > Math.min(limits.maxRecordBytes(), CHECKED_UNWRITTEN)) {
            return parse(write(t), limits);
        }
        // the parser's order: each field as it meets it, then what is missing, then the amount's sign
        InputLimits.checkLength(t.id(), limits.maxIdLength(), "id");
        Json.checkTimestamp(t.timestamp(), "timestamp");
        if (!Double.isFinite(t.amount())) {
            throw new InvalidRecordException("amount.invalid", "amount: must be finite, was " + t.amount());
        }
        InputLimits.checkLength(t.cardId(), limits.maxNameLength(), "cardId");
        InputLimits.checkLength(t.merchantId(), limits.maxNameLength(), "merchantId");
        InputLimits.checkLength(t.currency(), limits.maxNameLength(), "currency");
        final Map<String, Double> features = t.features().isEmpty() ? null : new HashMap<>();
        for (Map.Entry<String, Double> e : t.features().entrySet()) {
            InputLimits.checkLength(e.getKey(), limits.maxNameLength(), "features");
            if (features.size() >= limits.maxFeatures()) {
                throw new InvalidRecordException("features.too-many", "features: more than " + limits.maxFeatures()
                        + " entries");
            }
            if (e.getValue() == null) {
                continue;
            }
            if (!Double.isFinite(e.getValue())) {
                throw new InvalidRecordException("features.invalid", "features." + e.getKey() + ": must be finite, was "
                        + e.getValue());
            }
            features.put(e.getKey(), e.getValue());
        }
        final Map<String, String> attributes = t.attributes().isEmpty() ? null : new HashMap<>();
        for (Map.Entry<String, String> e : t.attributes().entrySet()) {
            InputLimits.checkLength(e.getKey(), limits.maxNameLength(), "attributes");
            if (attributes.size() >= limits.maxAttributes()) {
                throw new InvalidRecordException("attributes.too-many", "attributes: more than "
                        + limits.maxAttributes() + " entries");
            }
            if (e.getValue() != null) {
                attributes.put(e.getKey(), InputLimits.checkLength(e.getValue(), limits.maxNameLength(),
                        "attributes"));
            }
        }
        if (t.id() == null || t.id().isBlank()) {
            throw new InvalidRecordException("id.missing", "id: required, non-empty string");
        }
        if (t.amount() < 0) {
            throw new InvalidRecordException("amount.negative", "amount: must be >= 0, was " + t.amount());
        }
        return new Transaction(t.id(), t.timestamp(), t.amount(), t.cardId(), t.merchantId(), t.currency(), features,
                attributes);
    }

    private static int length(final String s) {
        return s == null ? 0 : s.length();
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
