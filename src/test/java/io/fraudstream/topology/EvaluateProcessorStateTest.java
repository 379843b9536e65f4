package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.codec.EvaluatorEntryCodec;
import io.fraudstream.config.Windows;
import io.fraudstream.eval.RollingEvaluator;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.model.CostMatrix;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the evaluator keeps in its store is enough: the stored outcomes (encoded as in the changelog), replayed in
 * sequence order through a fresh evaluator and then brought to the stored clock, rebuild every view exactly — the
 * restart path of {@link EvaluateProcessor}.
 */
class EvaluateProcessorStateTest {
    /**
     * {@code maxOutcomes} 120: the 6-hour windows (about 360 outcomes) keep their latest 120; {@code maxPending} 40:
     * the mature views go over to a sample of cards (about 180 outcomes wait to mature).
     */
    @ParameterizedTest
    @CsvSource({"2147483647, 2147483647", "120, 2147483647", "2147483647, 40"})
    void storedOutcomesReplayedInOrderRebuildEveryViewExactly(final int maxOutcomes, final int maxPending) {
        final RollingEvaluator.Config config = new RollingEvaluator.Config(List.of(
                Windows.parse("50"), Windows.parse("6h")),
                3 * 3_600_000L, CostMatrix.defaults(), 2, 5, maxOutcomes, maxPending);
        final Map<Long, byte[]> store = new TreeMap<>();
        final RollingEvaluator live = new RollingEvaluator(config, store::remove);
        final Random random = new Random(9);
        long time = 1_700_000_000_000L;
        for (int i = 0; i < 3000; i++) {
            time += random.nextInt(120_000);
            final boolean fraud = random.nextDouble() < 0.05;
            final RollingEvaluator.Entry e = new RollingEvaluator.Entry(i, time - random.nextInt(20_000_000), time,
                    fraud, random.nextInt(900) + 0.25, random.nextInt(4) == 0 ? null : "c" + random.nextInt(30),
                    random.nextInt(50) / 50.0, random.nextBoolean(), i < 500 ? Double.NaN : random.nextDouble(),
                    random.nextBoolean(), i / 400);
            if (live.observe(e)) {
                store.put(e.seq(), EvaluatorEntryCodec.encode(e));
            }
        }
        // bounded: only what the windows hold (50 + 6 h + 3 h of maturity, two models) is stored, not 3 000
        assertThat(store.size()).isLessThan(1000).isGreaterThan(50);

        final boolean sampling = maxPending < Integer.MAX_VALUE;
        assertThat(live.level() > 0).as("sampled").isEqualTo(sampling);
        final RollingEvaluator restored = new RollingEvaluator(config, seq -> { });
        restored.resumeAt(live.level()); // as the processor keeps it beside the outcomes
        store.forEach((seq, bytes) -> restored.observe(EvaluatorEntryCodec.decode(seq, bytes)));
        restored.advance(live.clock());
        assertThat(restored.view("last50", RollingEvaluator.KNOWN, "champion").metricsByVersion())
                .as("the model versions of the last 50 outcomes survive the store").containsOnlyKeys(7L);
        for (RollingEvaluator.View v : live.views()) {
            final RollingEvaluator.View r = restored.view(v.window(), v.labels(), v.model());
            final WindowMetrics a = v.metrics();
            assertThat(a.count()).as(v.window() + "/" + v.labels() + "/" + v.model()).isPositive();
            assertThat(r.metrics()).as(v.window() + "/" + v.labels() + "/" + v.model()).isEqualTo(a);
            assertThat(r.pending()).isEqualTo(v.pending());
            assertThat(r.sampledOneIn()).isEqualTo(v.sampledOneIn());
            assertThat(r.metricsByVersion()).isEqualTo(v.metricsByVersion());
            final boolean capped = v.window().equals("6h") && maxOutcomes < Integer.MAX_VALUE;
            assertThat(v.capped() > 0).as("capped " + v.window()).isEqualTo(capped);
            if (capped) {
                assertThat(v.size()).isEqualTo(maxOutcomes);
            }
        }
    }
}
