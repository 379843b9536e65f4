package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON codec for {@link Score} and {@link Alert}; {@code scoredAt} and {@code eventTime} are ISO-8601 instants. */
public final class ScoreJson {
    private ScoreJson() {
    }

    public static byte[] write(final Score s) {
        return write(s, null);
    }

    /** An alert: the score's fields, then {@code amount}, {@code cardId}, {@code merchantId}, {@code eventTime}. */
    public static byte[] write(final Alert a) {
        return write(a.score(), a);
    }

    private static byte[] write(final Score s, final Alert alert) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(alert == null ? 160 : 240);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("transactionId", s.transactionId());
            g.writeNumberField("score", s.score());
            g.writeStringField("decision", s.decision().name());
            g.writeNumberField("threshold", s.threshold());
            g.writeNumberField("modelVersion", s.modelVersion());
            g.writeStringField("scoredAt", IsoInstant.format(s.scoredAt()));
            g.writeArrayFieldStart("reasons");
            for (Reason r : s.reasons()) {
                g.writeStartObject();
                g.writeStringField("feature", r.feature());
                g.writeNumberField("contribution", Math.round(r.contribution() * 1e4) / 1e4);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (alert != null) {
                g.writeNumberField("amount", alert.amount());
                if (alert.cardId() != null) {
                    g.writeStringField("cardId", alert.cardId());
                }
                if (alert.merchantId() != null) {
                    g.writeStringField("merchantId", alert.merchantId());
                }
                g.writeStringField("eventTime", IsoInstant.format(alert.eventTime()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An alert: a score with the transaction's amount, card, merchant and event time. */
    public static Alert parseAlert(final byte[] data) {
        final Alert[] out = new Alert[1];
        parse(data, out);
        return out[0];
    }

    public static Score parse(final byte[] data) {
        return parse(data, null);
    }

    /** A score; when {@code alert} is given, the alert's fields are read too, into {@code alert[0]}. */
    private static Score parse(final byte[] data, final Alert[] alert) {
        double amount = Double.NaN;
        String cardId = null;
        String merchantId = null;
        long eventTime = -1;
        try (JsonParser p = Json.open(data, InputLimits.NONE)) {
            String id = null;
            double score = Double.NaN;
            Decision decision = null;
            double threshold = Double.NaN;
            long version = -1;
            long scoredAt = -1;
            final List<Reason> reasons = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "transactionId" -> id = Json.text(p, field);
                    case "score" -> score = Json.number(p, field);
                    case "decision" -> decision = Decision.valueOf(Json.text(p, field));
                    case "threshold" -> threshold = Json.number(p, field);
                    case "modelVersion" -> version = (long) Json.number(p, field);
                    case "scoredAt" -> scoredAt = Json.timestamp(p, field);
                    case "reasons" -> readReasons(p, reasons);
                    case "amount" -> amount = Json.number(p, field);
                    case "cardId" -> cardId = Json.text(p, field);
                    case "merchantId" -> merchantId = Json.text(p, field);
                    case "eventTime" -> eventTime = Json.timestamp(p, field);
                    default -> p.skipChildren();
                }
            }
            if (id == null || decision == null || Double.isNaN(score)) {
                throw new InvalidRecordException("score.incomplete", "score: transactionId, score and decision required");
            }
            final Score parsed = new Score(id, score, decision, threshold, version, scoredAt, reasons);
            if (alert != null) {
                alert[0] = new Alert(parsed, amount, cardId, merchantId, eventTime);
            }
            return parsed;
        } catch (IOException e) {
            throw Json.malformed(e);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("decision.invalid", "decision: " + e.getMessage());
        }
    }

    private static void readReasons(final JsonParser p, final List<Reason> into) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String feature = null;
            double contribution = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "feature" -> feature = Json.text(p, field);
                    case "contribution" -> contribution = Json.number(p, field);
                    default -> p.skipChildren();
                }
            }
            into.add(new Reason(feature, contribution));
        }
    }
}
