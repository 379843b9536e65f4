package io.fraudstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionJsonTest {
    private static Transaction parse(final String json) {
        return TransactionJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesEveryFieldAndIgnoresUnknownOnes() {
        final Transaction t = parse("""
                {"id":"t-1","timestamp":"2026-03-01T10:15:30.5+01:00","amount":12.5,"cardId":"c1","merchantId":"m9",
                 "currency":"EUR","features":{"v1":-1.5,"v2":"2e3","skip":null},"attributes":{"channel":"ecom","n":7},
                 "somethingNew":{"nested":[1,2,3]}}
                """);
        assertThat(t.id()).isEqualTo("t-1");
        assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-03-01T09:15:30.5Z").toEpochMilli());
        assertThat(t.amount()).isEqualTo(12.5);
        assertThat(t.cardId()).isEqualTo("c1");
        assertThat(t.merchantId()).isEqualTo("m9");
        assertThat(t.currency()).isEqualTo("EUR");
        assertThat(t.features()).isEqualTo(Map.of("v1", -1.5, "v2", 2000.0));
        assertThat(t.attributes()).isEqualTo(Map.of("channel", "ecom", "n", "7"));
    }

    @Test
    void acceptsEpochMillisAndNumericIdsAndOmittedOptionals() {
        final Transaction t = parse("{\"id\":123,\"timestamp\":1767225600000,\"amount\":0}");
        assertThat(t.id()).isEqualTo("123");
        assertThat(t.timestamp()).isEqualTo(1767225600000L);
        assertThat(t.cardId()).isNull();
        assertThat(t.features()).isEmpty();
        assertThat(t.attributes()).isEmpty();
    }

    @Test
    void roundTripsThroughItsOwnWriter() {
        final Transaction t = new Transaction("x", 1767225600123L, 99.99, "c", "m", "USD", Map.of("f", 1.25),
                Map.of("a", "b"));
        assertThat(TransactionJson.parse(TransactionJson.write(t))).isEqualTo(t);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp\":1,\"amount\":1}                                  | id.missing        | id: required",
        "{\"id\":\"  \",\"timestamp\":1,\"amount\":1}                    | id.missing        | id: required",
        "{\"id\":\"a\",\"amount\":1}                                     | timestamp.missing | timestamp: required",
        "{\"id\":\"a\",\"timestamp\":\"yesterday\",\"amount\":1}         | timestamp.invalid | not an ISO-8601 instant",
        "{\"id\":\"a\",\"timestamp\":-5,\"amount\":1}                    | timestamp.out-of-range | outside",
        "{\"id\":\"a\",\"timestamp\":1}                                  | amount.missing    | amount: required",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":-0.01}                 | amount.negative   | must be >= 0, was -0.01",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":\"NaN\"}               | amount.invalid    | must be finite",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":\"12,5\"}              | amount.invalid    | not a number",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":true}                  | amount.invalid    | expected a number, got a boolean",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"features\":{\"v\":\"x\"}} | features.invalid | features.v: not a number",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"features\":[1]}    | features.invalid  | expected an object",
        "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"attributes\":{\"k\":{}}} | attributes.invalid | attributes.k",
        "{\"id\":{\"x\":1},\"timestamp\":1,\"amount\":1}                 | id.invalid        | expected a string, got an object",
        "[1,2]                                                           | json.not-object   | not a JSON object",
        "{\"id\":\"a\",                                                  | json.malformed    | malformed JSON",
    })
    void rejectsWithAPreciseReason(final String json, final String reason, final String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidRecordException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> TransactionJson.parse(new byte[0])).isInstanceOfSatisfying(
                InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo("value.empty"));
    }

    @Test
    void aTombstoneThroughTheInputSerdeIsAnEmptyValueNotANullPointer() {
        assertThatThrownBy(() -> EventSerdes.transaction().deserializer().deserialize("transactions", null))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo("value.empty"));
        assertThatThrownBy(() -> EventSerdes.label().deserializer().deserialize("labels", null))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo("value.empty"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "value.too-large  | 70000",
        "id.too-long      | 0",
        "cardId.too-long  | 1",
        "features.too-many | 2",
        "features.too-long | 3",
        "attributes.too-many | 4",
        "attributes.too-long | 5",
        "json.too-long    | 6",
        "json.too-deep    | 7",
    })
    void limitsRefuseWithTheirOwnReason(final String reason, final int which) {
        final InputLimits limits = new InputLimits(65_536, 16, 16, 2, 1);
        final String json = switch (which) {
            case 0 -> "{\"id\":\"" + "x".repeat(17) + "\",\"timestamp\":1,\"amount\":1}";
            case 1 -> "{\"id\":\"a\",\"cardId\":\"" + "c".repeat(17) + "\",\"timestamp\":1,\"amount\":1}";
            case 2 -> "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"features\":{\"a\":1,\"b\":2,\"c\":3}}";
            case 3 -> "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"features\":{\"" + "n".repeat(17) + "\":1}}";
            case 4 -> "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"attributes\":{\"a\":\"1\",\"b\":\"2\"}}";
            case 5 -> "{\"id\":\"a\",\"timestamp\":1,\"amount\":1,\"attributes\":{\"a\":\"" + "v".repeat(17) + "\"}}";
            case 6 -> "{\"id\":\"a\",\"timestamp\":1,\"amount\":1" + "1".repeat(2_000) + "}";
            case 7 -> "{\"id\":\"a\",\"x\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}";
            default -> "{\"id\":\"a\",\"pad\":\"" + "p".repeat(70_000) + "\"}";
        };
        assertThatThrownBy(() -> TransactionJson.parse(json.getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
