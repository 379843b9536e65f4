package io.fraudstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelAndScoreJsonTest {
    @Test
    void labelsAcceptBooleansAndZeroOne() {
        assertThat(LabelJson.parse("{\"transactionId\":\"t\",\"fraud\":1,\"timestamp\":5}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Label("t", true, 5));
        assertThat(LabelJson.parse("{\"transactionId\":\"t\",\"fraud\":\"false\",\"timestamp\":\"1970-01-01T00:00:00.007Z\",\"x\":1}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new Label("t", false, 7));
    }

    @Test
    void labelsWithoutVerdictAreRejected() {
        assertThatThrownBy(() -> LabelJson.parse("{\"transactionId\":\"t\",\"fraud\":2,\"timestamp\":5}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo("fraud.invalid"));
        assertThatThrownBy(() -> LabelJson.parse("{\"transactionId\":\"t\",\"timestamp\":5}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo("fraud.missing"));
    }

    @Test
    void scoresRoundTripWithAnIsoScoredAt() {
        final Score s = new Score("t", 0.25, Decision.REVIEW, 0.2, 4, 1767225600123L,
                List.of(new Reason("card.amount.vs.mean", 1.25), new Reason("night", 0.5)));
        final byte[] json = ScoreJson.write(s);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"scoredAt\":\"2026-01-01T00:00:00.123Z\"")
                .contains("\"decision\":\"REVIEW\"")
                .contains("\"reasons\":[{\"feature\":\"card.amount.vs.mean\",\"contribution\":1.25},");
        assertThat(ScoreJson.parse(json)).isEqualTo(s);
    }

    @Test
    void decisionsFollowTheThresholds() {
        assertThat(Decision.of(0.19, 0.2, 0.6)).isEqualTo(Decision.APPROVE);
        assertThat(Decision.of(0.2, 0.2, 0.6)).isEqualTo(Decision.REVIEW);
        assertThat(Decision.of(0.6, 0.2, 0.6)).isEqualTo(Decision.BLOCK);
    }

    @Test
    void anAlertIsAScoreWithAmountCardMerchantAndEventTime() {
        final Score score = new Score("t1", 0.83, Decision.BLOCK, 0.6, 14, 1_700_000_000_123L,
                List.of(new Reason("merchant.risk.7d", 2.41)));
        final Alert alert = new Alert(score, 129.9, "card-17", null, 1_700_000_000_000L);
        final byte[] json = ScoreJson.write(alert);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"amount\":129.9", "\"cardId\":\"card-17\"", "\"eventTime\":\"2023-11-14T22:13:20Z\"")
                .doesNotContain("merchantId");
        assertThat(ScoreJson.parseAlert(json)).isEqualTo(alert);
        assertThat(ScoreJson.parse(json)).as("a reader of scores reads alerts too").isEqualTo(score);
    }
}
