package io.fraudstream.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** JSON codec for {@link Score}; {@code scoredAt} is written as an ISO-8601 instant. */
public final class ScoreJson {
    private ScoreJson() {
    }

    public static byte[] write(final Score s) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("transactionId", s.transactionId());
            g.writeNumberField("score", s.score());
            g.writeStringField("decision", s.decision().name());
            g.writeNumberField("threshold", s.threshold());
            g.writeNumberField("modelVersion", s.modelVersion());
            g.writeStringField("scoredAt", Instant.ofEpochMilli(s.scoredAt()).toString());
            g.writeArrayFieldStart("reasons");
            for (Reason r : s.reasons()) {
                g.writeStartObject();
                g.writeStringField("feature", r.feature());
                g.writeNumberField("contribution", Math.round(r.contribution() * 1e4) / 1e4);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Score parse(final byte[] data) {
        try (JsonParser p = Json.open(data, InputLimits.NONE)) {
            String id = null;
            double score = Double.NaN;
            Decision decision = null;
            double threshold = Double.NaN;
            long version = -1;
            long scoredAt = -1;
            final java.util.List<Reason> reasons = new java.util.ArrayList<>();
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
                    default -> p.skipChildren();
                }
            }
            if (id == null || decision == null || Double.isNaN(score)) {
                throw new InvalidRecordException("score.incomplete", "score: transactionId, score and decision required");
            }
            return new Score(id, score, decision, threshold, version, scoredAt, reasons);
        } catch (IOException e) {
            throw Json.malformed(e);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("decision.invalid", "decision: " + e.getMessage());
        }
    }

    private static void readReasons(final JsonParser p, final java.util.List<Reason> into) throws IOException {
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
