package io.fraudstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.event.Label;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.feature.CardHistory;
import io.fraudstream.feature.FeatureSchema;
import io.fraudstream.stage.PendingEntry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The outcomes topic's binary records ({@link OutcomeCodec}): every field round-trips exactly (the learner and the
 * evaluator must see what the in-process engine hands them), JSON from an earlier version or another producer still
 * reads, foreign bytes are refused with one reason and never with another exception, and what is read is checked.
 */
class OutcomeCodecTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(new CardHistory(List.of(Duration.ofHours(1))), null);
    private final OutcomeCodec codec = new OutcomeCodec(SCHEMA);
    private final Serde<LabelledOutcome> binary = codec.serde(false);
    private final Serde<LabelledOutcome> json = codec.serde(true);

    private static LabelledOutcome outcome(final String source, final String card, final double[] values) {
        final FeatureVector x = new FeatureVector(new String[] {"amount.log", "card.count.1h", "f.distance",
                "a.country#3"}, values);
        return new LabelledOutcome("tx-é1", 1_700_000_000_123L, 1_700_000_360_000L, true, source, 129.9, card,
                "m-204", 0.8125, Decision.BLOCK, 42, x);
    }

    private static LabelledOutcome outcome(final String source, final String card) {
        return outcome(source, card, new double[] {2.5, 3, -41.25e-7, 1});
    }

    private static String reason(final Throwable e) {
        return ((InvalidRecordException) e).reason();
    }

    @Test
    void everyFieldRoundTripsInAFractionOfItsJson() {
        for (LabelledOutcome o : List.of(outcome(LabelledOutcome.SOURCE_LABEL, "card-17"),
                outcome(LabelledOutcome.SOURCE_HORIZON, null), outcome("investigation", "c"),
                new LabelledOutcome("tx-2", 5, 6, false, LabelledOutcome.SOURCE_LABEL, 0, null, null, 0,
                        Decision.APPROVE, 0, FeatureVector.EMPTY))) {
            final byte[] bytes = binary.serializer().serialize("outcomes", o);
            assertThat(binary.deserializer().deserialize("outcomes", bytes)).isEqualTo(o);
            assertThat(codec.decode(bytes)).isEqualTo(o);
        }
        final LabelledOutcome o = outcome(LabelledOutcome.SOURCE_LABEL, "card-17");
        assertThat(binary.serializer().serialize("outcomes", o).length * 2)
                .isLessThan(json.serializer().serialize("outcomes", o).length);
        // an engineered feature's name read back is the schema's own string, not a new one per record
        final FeatureVector read = codec.decode(codec.encode(o)).features();
        assertThat(read.names()[0]).isSameAs(new OutcomeCodec(SCHEMA).decode(codec.encode(o)).features().names()[0]);
    }

    @Test
    void eitherFormReadsWhatTheOtherWrote() {
        final LabelledOutcome o = outcome(LabelledOutcome.SOURCE_LABEL, "card-17");
        final byte[] asJson = json.serializer().serialize("outcomes", o);
        assertThat(asJson[0]).isEqualTo((byte) '{');
        assertThat(binary.deserializer().deserialize("outcomes", asJson)).isEqualTo(o);
        assertThat(json.deserializer().deserialize("outcomes", binary.serializer().serialize("outcomes", o)))
                .isEqualTo(o);
        assertThat(binary.deserializer().deserialize("outcomes", null)).isNull();
    }

    @Test
    void underAnotherSchemaOnlyTheFeaturesAreDropped() {
        final LabelledOutcome o = outcome(LabelledOutcome.SOURCE_LABEL, "card-17");
        final LabelledOutcome read = new OutcomeCodec(FeatureSchema.of(null, null)).decode(codec.encode(o));
        assertThat(read.features()).isEqualTo(FeatureVector.EMPTY);
        assertThat(read).isEqualTo(new LabelledOutcome(o.transactionId(), o.eventTime(), o.labelTime(), o.fraud(),
                o.source(), o.amount(), o.cardId(), o.merchantId(), o.score(), o.decision(), o.modelVersion(),
                FeatureVector.EMPTY));
    }

    @Test
    void whatIsReadIsCheckedWhicheverFormItCameIn() {
        final LabelledOutcome poisoned = outcome(LabelledOutcome.SOURCE_LABEL, "c",
                new double[] {2.5, Double.NaN, 1, 1});
        for (Serde<LabelledOutcome> writer : List.of(binary, json)) {
            final byte[] bytes = writer.serializer().serialize("outcomes", poisoned);
            assertThatThrownBy(() -> binary.deserializer().deserialize("outcomes", bytes))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo("outcome.non-finite"));
        }
        final LabelledOutcome noDecision = new LabelledOutcome("tx", 1, 2, false, LabelledOutcome.SOURCE_LABEL, 1,
                null, null, 0.5, null, 0, FeatureVector.EMPTY);
        final byte[] bytes = binary.serializer().serialize("outcomes", noDecision);
        assertThatThrownBy(() -> binary.deserializer().deserialize("outcomes", bytes))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("outcome.invalid"));
    }

    @Test
    void foreignOrTruncatedBytesAreRefusedAsMalformedAndNothingElse() {
        final Deserializer<LabelledOutcome> reader = binary.deserializer();
        final byte[] whole = codec.encode(outcome(LabelledOutcome.SOURCE_HORIZON, "card-17"));
        for (int length = 0; length < whole.length; length++) {
            final byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> reader.deserialize("outcomes", cut)).as("the first %d bytes", length)
                    .satisfies(e -> assertThat(reason(e)).isEqualTo("outcome.malformed"));
        }
        final byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> reader.deserialize("outcomes", longer))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("outcome.malformed"));
        final Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            final byte[] noise = whole.clone();
            noise[random.nextInt(noise.length)] = (byte) random.nextInt();
            noise[random.nextInt(noise.length)] = (byte) random.nextInt();
            try {
                reader.deserialize("outcomes", noise);
            } catch (InvalidRecordException e) {
                assertThat(e.reason()).isIn("outcome.malformed", "outcome.invalid", "outcome.non-finite",
                        "json.malformed");
            }
        }
        final byte[] pending = new PendingCodec(SCHEMA).encodeEntry(new PendingEntry(null,
                new Label("tx", true, 1)));
        assertThatThrownBy(() -> reader.deserialize("outcomes", pending))
                .satisfies(e -> assertThat(reason(e)).isEqualTo("outcome.malformed"));
    }
}
