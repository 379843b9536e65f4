package io.fraudstream.app;

import io.fraudstream.sim.SimulationWriter;
import io.fraudstream.sim.TransactionSimulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes simulated transactions with labels, scenarios and label delays, for {@code replay}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Simulate card transactions with several fraud scenarios and realistic label delays, and write "
                + "them as CSV or JSON Lines (gzip when the name ends in .gz).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Output file: .csv, .jsonl (or .json, .ndjson), optionally followed by .gz.")
    Path output;

    @Option(names = "--customers", defaultValue = "5000", description = "Customers (cards) (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--terminals", defaultValue = "10000", description = "Terminals (merchants) (default ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--days", defaultValue = "60", description = "Days simulated (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2026-01-05", description = "First day, UTC (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--fraud-rate", defaultValue = "0.005", description = "Target share of fraud (default ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--change-day", defaultValue = "-1", paramLabel = "DAY",
            description = "From this day (0 is the first) stolen cards are spent the changed way (stolen-card-changed: "
                    + "longer bursts at usual amounts): a fraud pattern that changes mid-stream (default: never).")
    int changeDay;

    @Override
    public Integer call() throws Exception {
        final TransactionSimulator simulator = new TransactionSimulator(
                new TransactionSimulator.Config(customers, terminals, days, start, fraudRate, seed, changeDay));
        final TreeMap<String, long[]> scenarios = new TreeMap<>();
        try (SimulationWriter writer = new SimulationWriter(output)) {
            simulator.run(t -> {
                writer.write(t);
                scenarios.computeIfAbsent(t.scenario(), s -> new long[1])[0]++;
            });
            final long total = writer.written();
            System.out.printf(Locale.ROOT, "Wrote %,d transactions over %d days to %s%n", total, days, output);
            scenarios.forEach((s, n) -> System.out.printf(Locale.ROOT, "  %-22s %,10d  (%.3f%%)%n", s, n[0],
                    100.0 * n[0] / Math.max(1, total)));
        }
        return 0;
    }
}
