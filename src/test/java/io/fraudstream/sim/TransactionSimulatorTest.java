package io.fraudstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionSimulatorTest {
    private static final TransactionSimulator.Config CONFIG =
            new TransactionSimulator.Config(2000, 4000, 40, LocalDate.parse("2026-01-05"), 0.008, 7);

    private static List<TransactionSimulator.SimulatedTransaction> simulate(final TransactionSimulator.Config c) {
        final List<TransactionSimulator.SimulatedTransaction> all = new ArrayList<>();
        new TransactionSimulator(c).run(all::add);
        return all;
    }

    @Test
    void theSameSeedGivesTheSameTransactionsAndAnotherSeedOthers() {
        final TransactionSimulator.Config small = new TransactionSimulator.Config(300, 500, 10,
                LocalDate.parse("2026-01-05"), 0.01, 3);
        assertThat(simulate(small)).isEqualTo(simulate(small));
        assertThat(simulate(new TransactionSimulator.Config(300, 500, 10, LocalDate.parse("2026-01-05"), 0.01, 4)))
                .isNotEqualTo(simulate(small));
    }

    @Test
    void fromTheChangeDayStolenCardsAreSpentInLongerBurstsAtUsualAmountsAndNothingElseChanges() {
        final TransactionSimulator.Config changing = new TransactionSimulator.Config(2000, 4000, 40,
                LocalDate.parse("2026-01-05"), 0.008, 7, 20);
        final long changeAt = LocalDate.parse("2026-01-25").atStartOfDay(ZoneOffset.UTC).toInstant()
                .toEpochMilli();
        final List<TransactionSimulator.SimulatedTransaction> before = simulate(CONFIG);
        final List<TransactionSimulator.SimulatedTransaction> after = simulate(changing);
        // up to the change day the two streams are the same transactions
        assertThat(after.stream().filter(t -> t.time() < changeAt).toList())
                .isEqualTo(before.stream().filter(t -> t.time() < changeAt).toList());
        assertThat(after).filteredOn(t -> t.scenario().equals("stolen-card-changed")).isNotEmpty()
                .allMatch(t -> t.time() >= changeAt && t.fraud());
        assertThat(after).filteredOn(t -> t.scenario().equals("stolen-card")).allMatch(t -> t.time() < changeAt);
        // the changed thefts no longer stand out by amount: their mean is a fraction of the old ones'
        final double oldMean = before.stream().filter(t -> t.scenario().equals("stolen-card"))
                .mapToDouble(TransactionSimulator.SimulatedTransaction::amount).average().orElseThrow();
        final double newMean = after.stream().filter(t -> t.scenario().equals("stolen-card-changed"))
                .mapToDouble(TransactionSimulator.SimulatedTransaction::amount).average().orElseThrow();
        assertThat(newMean).isLessThan(oldMean / 2.5);
    }

    @Test
    void fraudIsNearTheTargetRateFromEveryScenarioWithRealisticLabelDelays() {
        final List<TransactionSimulator.SimulatedTransaction> all = simulate(CONFIG);
        final Map<String, Integer> scenarios = new HashMap<>();
        long frauds = 0;
        long previous = Long.MIN_VALUE;
        int investigated = 0;
        for (TransactionSimulator.SimulatedTransaction t : all) {
            scenarios.merge(t.scenario(), 1, Integer::sum);
            assertThat(t.time()).isGreaterThanOrEqualTo(previous); // written in event-time order
            previous = t.time();
            if (t.fraud()) {
                frauds++;
                assertThat(t.labelDelaySeconds()).isBetween(900L, 30 * 86_400L);
                investigated += t.labelDelaySeconds() < 3 * 86_400 ? 1 : 0;
            } else {
                assertThat(t.scenario()).isEqualTo("legit");
                assertThat(t.labelDelaySeconds()).isBetween(6 * 86_400L, 8 * 86_400L);
            }
        }
        final double rate = (double) frauds / all.size();
        assertThat(rate).isBetween(0.004, 0.016); // target 0.8%: Poisson draws of compromised cards and terminals
        assertThat(scenarios).containsKeys("large-amount", "compromised-terminal", "stolen-card", "card-testing");
        for (String s : List.of("compromised-terminal", "stolen-card", "card-testing")) {
            assertThat(scenarios.get(s)).as(s).isGreaterThan((int) (0.08 * frauds));
        }
        assertThat((double) investigated / frauds).isBetween(0.5, 0.7); // 60% are investigated within hours
        // about 2 transactions per customer per day
        assertThat(all.size()).isBetween(2000 * 40 * 17 / 10, 2000 * 40 * 25 / 10);
    }

    @Test
    void eachScenarioLeavesTheTraceItIsMeantToLeave() {
        final List<TransactionSimulator.SimulatedTransaction> all = simulate(CONFIG);
        final Map<String, Double> meanAmount = new HashMap<>();
        final Map<String, Integer> count = new HashMap<>();
        for (TransactionSimulator.SimulatedTransaction t : all) {
            meanAmount.merge(t.scenario(), t.amount(), Double::sum);
            count.merge(t.scenario(), 1, Integer::sum);
            if (t.scenario().equals("large-amount")) {
                assertThat(t.amount()).isGreaterThan(TransactionSimulator.LARGE_AMOUNT);
            }
            if (t.scenario().equals("card-testing")) {
                assertThat(t.amount()).isBetween(0.5, 2.5);
            }
        }
        meanAmount.replaceAll((s, sum) -> sum / count.get(s));
        assertThat(meanAmount.get("stolen-card")).isGreaterThan(2.5 * meanAmount.get("legit"));
        // a compromised terminal's frauds look like ordinary spending
        assertThat(meanAmount.get("compromised-terminal")).isBetween(0.6 * meanAmount.get("legit"),
                1.6 * meanAmount.get("legit"));
    }

    @Test
    void writesCsvAndGzippedJsonLines(@TempDir final Path dir) throws IOException {
        final TransactionSimulator.Config c = new TransactionSimulator.Config(50, 80, 3, LocalDate.parse("2026-01-05"),
                0.01, 1);
        final Path csv = dir.resolve("s.csv");
        final Path jsonl = dir.resolve("s.jsonl.gz");
        try (SimulationWriter a = new SimulationWriter(csv); SimulationWriter b = new SimulationWriter(jsonl)) {
            new TransactionSimulator(c).run(t -> {
                a.write(t);
                b.write(t);
            });
        }
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(SimulationWriter.HEADER);
        assertThat(lines.get(1)).matches("1,2026-01-05T[0-9:.]+Z,C\\d+,T\\d+,\\d+\\.\\d\\d,[01],[a-z-]+,\\d+");
        try (var in = new GZIPInputStream(Files.newInputStream(jsonl))) {
            final String[] json = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertThat(json).hasSize(lines.size() - 1);
            assertThat(json[0]).startsWith("{\"id\":\"1\",\"timestamp\":\"2026-01-05T").contains("\"labelDelay\":");
        }
    }
}
