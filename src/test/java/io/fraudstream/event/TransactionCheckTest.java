package io.fraudstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Checking a transaction or a label without writing it gives what writing and parsing it gives: the same value, or
 * the same refusal.
 */
class TransactionCheckTest {
    private static final InputLimits TIGHT = new InputLimits(2_000, 12, 10, 4, 3);

    @Test
    void checkingIsWritingThenParsing() {
        final Random random = new Random(21);
        final List<Transaction> corpus = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            corpus.add(transaction(random));
        }
        int refused = 0;
        final Set<Object> reasons = new HashSet<>();
        for (Transaction t : corpus) {
            for (InputLimits limits : List.of(InputLimits.DEFAULT, TIGHT)) {
                final Object parsed = outcome(() -> TransactionJson.parse(TransactionJson.write(t), limits));
                final Object checked = outcome(() -> TransactionJson.check(t, limits));
                assertThat(checked).as(t.toString()).isEqualTo(parsed);
                refused += parsed instanceof String ? 1 : 0;
                if (parsed instanceof String reason) {
                    reasons.add(reason);
                }
            }
        }
        assertThat(refused).as("the corpus has both kinds").isBetween(4_000, 36_000);
        assertThat(reasons).as("refusals of many kinds").hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void checkingALabelIsWritingThenParsing() {
        final Random random = new Random(22);
        final Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            final String[] ids = {"t" + random.nextInt(1000), "", " ", null, "x".repeat(13), "é".repeat(random.nextInt(20))};
            final long[] times = {1_772_000_000_000L + random.nextInt(1_000_000), -5, 7_258_118_400_001L, 0,
                253_402_300_800_000L};
            final boolean clean = random.nextInt(3) > 0;
            final Label label = new Label(ids[clean ? 0 : random.nextInt(ids.length)], random.nextBoolean(),
                    times[clean ? 0 : random.nextInt(times.length)]);
            for (InputLimits limits : List.of(InputLimits.DEFAULT, TIGHT, new InputLimits(90, 128, 128, 1, 1))) {
                Object parsed;
                Object checked;
                try {
                    parsed = LabelJson.parse(LabelJson.write(label), limits);
                } catch (InvalidRecordException e) {
                    parsed = e.reason();
                }
                try {
                    checked = LabelJson.check(label, limits);
                } catch (InvalidRecordException e) {
                    checked = e.reason();
                }
                assertThat(checked).as(label.toString()).isEqualTo(parsed);
                seen.add(parsed instanceof String ? parsed : "accepted");
            }
        }
        assertThat(seen).contains("accepted", "transactionId.missing", "transactionId.too-long",
                "timestamp.out-of-range", "value.too-large");
    }

    /** The transaction with its maps' entries in iteration order, or the refusal's reason. */
    private static Object outcome(final Supplier<Transaction> run) {
        try {
            final Transaction t = run.get();
            return List.of(t, List.copyOf(t.features().entrySet()), List.copyOf(t.attributes().entrySet()));
        } catch (InvalidRecordException e) {
            return e.reason();
        }
    }

    private static Transaction transaction(final Random r) {
        final boolean clean = r.nextInt(3) > 0; // most fields good in two of three
        final String[] ids = {"t" + r.nextInt(1000), "", "  ", null, "x".repeat(13), "é".repeat(r.nextInt(20))};
        final long[] times = {1_772_000_000_000L + r.nextInt(1_000_000), -5, 7_258_118_400_001L, 0};
        final double[] amounts = {r.nextDouble() * 500, -1, 0, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308};
        final Map<String, Double> features = r.nextBoolean() ? new LinkedHashMap<>() : new TreeMap<>();
        for (int i = r.nextInt(7); i > 0; i--) {
            final double v = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(12) == 0 ? Double.NEGATIVE_INFINITY
                    : r.nextGaussian() * 1e3;
            features.put("f" + r.nextInt(40) + (r.nextInt(8) == 0 ? "-long-name" : ""), v);
        }
        final Map<String, String> attributes = new TreeMap<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            attributes.put("a" + r.nextInt(9), r.nextInt(8) == 0 ? "v".repeat(11) : "v" + r.nextInt(5));
        }
        return new Transaction(ids[clean ? 0 : r.nextInt(ids.length)], times[clean ? 0 : r.nextInt(times.length)],
                amounts[clean ? 0 : r.nextInt(amounts.length)], r.nextInt(6) == 0 ? null : "card-" + r.nextInt(9_999_999),
                r.nextInt(6) == 0 ? null : "m" + r.nextInt(99), r.nextInt(3) == 0 ? "EUR" : null, features, attributes);
    }
}
