package io.fraudstream.app;

import io.fraudstream.config.ConfigException;
import io.fraudstream.config.Durations;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.kafka.TempDirs;
import io.fraudstream.kafka.TopicAdmin;
import io.fraudstream.replay.ColumnMapping;
import io.fraudstream.replay.ComparisonReport;
import io.fraudstream.replay.Clocks;
import io.fraudstream.replay.DataWarnings;
import io.fraudstream.replay.InProcessReplay;
import io.fraudstream.replay.KafkaReplay;
import io.fraudstream.replay.LabelDelays;
import io.fraudstream.replay.ReplayData;
import io.fraudstream.replay.ReplayEngine;
import io.fraudstream.replay.ReplayReport;
import io.fraudstream.replay.TimeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Replays historical transactions with labels through fraudstream's stages and reports how well it did. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay historical transactions (CSV or JSON Lines, plain or gzip) through fraudstream's stages "
                + "(in this process, or with --engine kafka the topology on a Kafka broker), labels arriving after "
                + "their delay in event time, and write a report.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Transactions with labels.")
    Path input;

    @Option(names = "--id-column", defaultValue = "id",
            description = "Transaction id column (default ${DEFAULT-VALUE}); when absent, row numbers are ids.")
    String idColumn;

    @Option(names = "--time-column", defaultValue = "timestamp", description = "Event time column, or several "
            + "(comma-separated) read joined by spaces (default ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--time-format", defaultValue = "iso", description = "iso, 'yyyy-MM-dd HH:mm:ss' (or datetime), "
            + "epoch-seconds, epoch-millis, seconds-from-start, hours-from-start, days-from-start, "
            + "months-from-start, or a date-time pattern such as 'dd/MM/yyyy HH:mm' (default ${DEFAULT-VALUE}).")
    String timeFormat;

    @Option(names = "--label-column", defaultValue = "fraud", description = "Label column, 0/1 or true/false (default ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--amount-column", defaultValue = "amount", description = "Amount column (default ${DEFAULT-VALUE}).")
    String amountColumn;

    @Option(names = "--card-column", defaultValue = "cardId",
            description = "Card or customer column, or several (comma-separated) making one id (default "
                    + "${DEFAULT-VALUE}; ignored when absent).")
    String cardColumn;

    @Option(names = "--merchant-column", defaultValue = "merchantId",
            description = "Merchant or terminal column (default ${DEFAULT-VALUE}; ignored when absent).")
    String merchantColumn;

    @Option(names = "--exclude-columns", split = ",", paramLabel = "COLUMN",
            description = "Columns to ignore, comma-separated (e.g. one that leaks the label).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--keep-clock-columns",
            description = "Keep numeric columns that only rise with time (a row index, Unix seconds) as features; "
                    + "left out by default.")
    boolean keepClockColumns;

    @Option(names = "--label-delay", defaultValue = "7d",
            description = "Fixed delay after which each label becomes known, in event time (default ${DEFAULT-VALUE}).")
    String labelDelay;

    @Option(names = "--label-delay-column", paramLabel = "COLUMN",
            description = "Per-row label delay (seconds, or a duration like 3d); overrides --label-delay.")
    String labelDelayColumn;

    @Option(names = "--investigate-alerts", paramLabel = "DURATION",
            description = "Simulate a fraud team investigating fraudstream's alerts: every transaction alerted when "
                    + "scored is labelled (fraud or not) this long after it, when that is sooner than its own label "
                    + "(e.g. 6h). In-process engine only. Default: the data's label times alone.")
    String investigateAlerts;

    @Option(names = "--report", defaultValue = "replay-report", paramLabel = "DIR",
            description = "Where metrics.json, outcomes.csv and report.html go (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--evaluate-from", paramLabel = "TIME", description = "Evaluate transactions from this date or instant on.")
    String evaluateFrom;

    @Option(names = "--evaluate-to", paramLabel = "TIME", description = "Evaluate transactions before this date or instant.")
    String evaluateTo;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of fraudstream settings for the run.")
    Path config;

    @Option(names = "--compare", split = ",", paramLabel = "FILE",
            description = "Run once per properties file over the same data and compare them.")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--review-cost", defaultValue = "5",
            description = "Cost of one alert (an analyst's review), against a missed fraud costing its amount (default ${DEFAULT-VALUE}).")
    double reviewCost;

    @Option(names = "--keep-topics",
            description = "Keep the run's topics (named with a random -replay-… suffix) instead of deleting them.")
    boolean keepTopics;

    @Option(names = "--engine", defaultValue = "inprocess", paramLabel = "ENGINE",
            description = "inprocess: the stages in this process, in-memory state (default; no broker); kafka: the "
                    + "real topology on a Kafka broker (embedded unless --bootstrap-servers), the reference.")
    String engine;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random choice in the run; recorded in the report (default ${DEFAULT-VALUE}).")
    long seed;

    /** How long reading the input took (for the closing line of where the time went). */
    private double readSeconds;
    /** The feature columns left out as clocks ({@link Clocks}). */
    private List<String> clocks = List.of();

    /**
     * Runs the replay; out of memory (a replay holds its whole input), one line that says how much heap it had and
     * how to give it more, exit 1, instead of a stack trace.
     */
    @Override
    public Integer call() throws Exception {
        try {
            return replayAll();
        } catch (OutOfMemoryError e) {
            System.err.printf(Locale.ROOT, "replay: out of memory with a heap of %,d MB (%s): a replay holds its whole "
                    + "input; give it more heap, e.g. java -Xmx8g -jar fraudstream.jar replay ...%n",
                    Runtime.getRuntime().maxMemory() >> 20, e.getMessage());
            return 1;
        }
    }

    private int replayAll() throws Exception {
        final ColumnMapping mapping = new ColumnMapping(idColumn, timeColumn, parseTimeFormat(), labelColumn,
                amountColumn, cardColumn, merchantColumn, LabelDelays.ofFlag(labelDelay), labelDelayColumn,
                Set.copyOf(new HashSet<>(exclude)));
        final ReplayEngine.Kind kind = engineKind();
        final long investigateMillis = investigationDelay(kind);
        final Instant from = instant(evaluateFrom, "--evaluate-from");
        final Instant to = instant(evaluateTo, "--evaluate-to");
        // every run's settings, every --compare file included, checked before any input is read or broker started
        final Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        if (compare.isEmpty()) {
            runs.put(config == null ? "replay" : name(config), config == null ? Map.of() : Settings.readProperties(config));
        } else {
            for (Path p : compare) {
                runs.put(name(p), Settings.readProperties(p));
            }
        }
        for (Map.Entry<String, Map<String, String>> run : runs.entrySet()) {
            cluster.check(runProperties("-replay-check", run.getValue()), compare.isEmpty() && config == null
                    ? "replay settings" : run.getKey());
        }
        System.out.println("Reading " + input + " ...");
        final ReplayData loaded;
        final long readStart = System.nanoTime();
        try {
            loaded = ReplayData.load(input, mapping);
            readSeconds = (System.nanoTime() - readStart) / 1e9;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        clocks = keepClockColumns ? List.of() : Clocks.find(loaded);
        final ReplayData data = clocks.isEmpty() ? loaded : loaded.withoutFeatures(clocks);
        System.out.printf(Locale.ROOT, "%,d transactions (%,d fraud), %,d rows skipped; features %s; attributes %s%n",
                data.size(), data.frauds(), data.skipped().size(), ReplayLimits.shortList(data.featureColumns()),
                ReplayLimits.shortList(data.attributeColumns()));
        if (!clocks.isEmpty()) {
            System.out.println("Left out as clocks (they only rise with time: as features they tell a model the date, "
                    + "not the fraud; --keep-clock-columns keeps them): "
                    + clocks.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")));
        }
        if (!data.dateColumns().isEmpty()) {
            System.out.println("Dates read as the days from them to the transaction: "
                    + ReplayLimits.shortList(data.dateColumns()));
        }
        DataWarnings.leaks(data).forEach(w -> System.out.println("WARNING: " + w));
        final String lateLabels = DataWarnings.labelDelay(data);
        if (lateLabels != null) {
            System.out.println("WARNING: " + lateLabels);
        }
        if (data.size() == 0) {
            throw new ConfigException("no valid row in " + input + "; " + skippedSummary(data));
        }
        final List<ReplayReport> reports = new ArrayList<>();
        try (Cluster kafka = kind == ReplayEngine.Kind.KAFKA ? Cluster.open(cluster.bootstrapServers) : Cluster.none()) {
            if (kind == ReplayEngine.Kind.KAFKA) {
                System.out.println("Kafka bootstrap servers: " + kafka.bootstrapServers());
            }
            int index = 0;
            for (Map.Entry<String, Map<String, String>> run : runs.entrySet()) {
                index++;
                if (runs.size() > 1) {
                    System.out.printf(Locale.ROOT, "%n[%d/%d] %s%n", index, runs.size(), run.getKey());
                }
                // what this run's configuration and --set give, then what the file needs of the rest
                final Map<String, String> given = new HashMap<>(run.getValue());
                given.putAll(cluster.overrides);
                final Map<String, String> props = new HashMap<>(ReplayLimits.of(data, given, System.getenv()));
                props.forEach((key, value) -> System.out.printf(Locale.ROOT, "The file's columns need %s: %s raised "
                        + "from %s for this run%n", value, key, Key.byName(key).defaultValue()));
                ReplayMaturity.set(mapping, given, System.getenv(), props, System.out);
                props.putAll(run.getValue());
                final ReplayReport r = replay(kind, kafka, data, run.getKey(), props, from, to, investigateMillis);
                final Path dir = runs.size() == 1 ? report : report.resolve(run.getKey());
                final long writeStart = System.nanoTime();
                r.write(dir);
                System.out.printf(Locale.ROOT, "Report written in %.1f s%n", (System.nanoTime() - writeStart) / 1e9);
                reports.add(r);
                final WindowMetrics m = r.total();
                System.out.printf(Locale.ROOT, "%s: PR-AUC %s  ROC-AUC %s  precision %s  recall %s  "
                                + "Card Precision@100 %s  savings %s  -> %s%n", run.getKey(), f(m.prAuc()),
                        f(m.rocAuc()), f(m.precision()), f(m.recall()), f(m.cardPrecisionAtK()), f(m.savings()),
                        dir.resolve("report.html"));
            }
        }
        if (reports.size() > 1) {
            ComparisonReport.write(reports, report);
            System.out.println("Comparison: " + report.resolve("compare.html"));
        }
        if (!data.skipped().isEmpty()) {
            System.out.println(skippedSummary(data));
        }
        return 0;
    }

    /** A run's settings: fresh topics (named with {@code suffix}), one partition, fast commits, then its file's. */
    private static Map<String, String> runProperties(final String suffix, final Map<String, String> props) {
        final Map<String, String> defaults = new HashMap<>();
        for (Key k : Key.values()) {
            if (k.key().startsWith(Key.PREFIX + "topic.")) {
                defaults.put(k.key(), k.defaultValue() + suffix);
            }
        }
        defaults.put(Key.TOPICS_PARTITIONS.key(), "1"); // one partition: a fixed order, identical replays
        defaults.put(Key.HTTP_PORT.key(), "-1");
        // the replay waits for the pipeline at every model publication: shorter commits and polls cut that
        // latency (measured in docs/performance.md)
        defaults.put("commit.interval.ms", "20");
        defaults.put("poll.ms", "10");
        defaults.putAll(props);
        return defaults;
    }

    private ReplayReport replay(final ReplayEngine.Kind kind, final Cluster kafka, final ReplayData data,
                                final String name,
                                final Map<String, String> props, final Instant from, final Instant to,
                                final long investigateMillis)
            throws IOException, InterruptedException {
        final Path stateDir = Files.createTempDirectory("fraudstream-replay-state-");
        try {
            // fresh topics and application id per run, so runs never see each other's records, on any cluster
            final String suffix = "-replay-" + UUID.randomUUID().toString().substring(0, 8);
            final Settings settings = Settings.from(cluster.settings(kafka, "fraudstream" + suffix,
                    stateDir.toString(), runProperties(suffix, props)), System.getenv());
            final ReplayEngine.Result result = (kind == ReplayEngine.Kind.KAFKA
                    ? new KafkaReplay(settings, data, System.out)
                    : new InProcessReplay(settings, data, System.out, investigateMillis)).run();
            if (kind == ReplayEngine.Kind.KAFKA && !keepTopics) {
                TopicAdmin.deleteTopics(settings);
            }
            final Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("input", input.toString());
            facts.put("transactions", data.size());
            facts.put("frauds", data.frauds());
            facts.put("skippedRows", data.skipped().size());
            facts.put("featureColumns", data.featureColumns());
            facts.put("attributeColumns", data.attributeColumns());
            facts.put("clockColumns", clocks);
            facts.put("dateColumns", data.dateColumns());
            facts.put("seed", seed);
            facts.put("engine", kind.name().toLowerCase(Locale.ROOT));
            facts.put("garbageCollector", BatchJvm.collectorName());
            facts.put("maxHeapMegabytes", Runtime.getRuntime().maxMemory() >> 20);
            facts.put("wallSeconds", result.seconds());
            facts.put("transactionsPerSecond", data.size() / result.seconds());
            facts.put("settings", new TreeMap<>(settings.describe()));
            facts.put("driftDetections", result.driftDetections());
            facts.put("investigatedLabels", result.investigatedLabels());
            System.out.printf(Locale.ROOT, "Replayed %,d transactions in %.1f s (%,.0f/s), %d model versions, %d "
                    + "drifts detected%n", data.size(), result.seconds(), data.size() / result.seconds(),
                    result.models().size(), result.driftDetections());
            if (investigateMillis > 0) {
                System.out.printf(Locale.ROOT, "Investigations labelled %,d alerted transactions sooner than the "
                        + "data did%n", result.investigatedLabels());
            }
            if (result.timing() != null) {
                final ReplayEngine.Timing t = result.timing();
                facts.put("secondsByPart", new TreeMap<>(Map.of("transactions", t.transactions(), "labels",
                        t.labels(), "rounds", t.rounds(), "roundsWaited", t.roundsWaited())));
                System.out.printf(Locale.ROOT, "Where the time went: reading %.1f s; transactions %.1f s, labels "
                        + "(join, online learning) %.1f s, %d retraining rounds %.1f s (%.1f s of it waited for, the "
                        + "rest overlapped the next transactions' features)%n", readSeconds, t.transactions(),
                        t.labels(), t.roundCount(), t.rounds(), t.roundsWaited());
            }
            return new ReplayReport(name, result, from, to, reviewCost, facts);
        } finally {
            TempDirs.deleteRecursively(stateDir);
        }
    }

    /** --investigate-alerts in ms (0 without it); only the in-process engine decides labels as it scores. */
    private long investigationDelay(final ReplayEngine.Kind kind) {
        if (investigateAlerts == null) {
            return 0;
        }
        final long ms;
        try {
            ms = Durations.parse(investigateAlerts).toMillis();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--investigate-alerts: expected a duration like 6h, was '" + investigateAlerts
                    + "'", e);
        }
        if (ms <= 0) {
            throw new ConfigException("--investigate-alerts: must be positive, was '" + investigateAlerts + "'");
        }
        if (kind != ReplayEngine.Kind.INPROCESS) {
            throw new ConfigException("--investigate-alerts: only the in-process engine simulates investigations");
        }
        return ms;
    }

    private ReplayEngine.Kind engineKind() {
        try {
            return ReplayEngine.Kind.of(engine);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--engine: expected inprocess or kafka, was '" + engine + "'", e);
        }
    }

    private TimeParser parseTimeFormat() {
        try {
            return TimeParser.fromFlag(timeFormat);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--time-format: " + e.getMessage(), e);
        }
    }

    private static Instant instant(final String value, final String flag) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(flag + ": expected a date (2026-03-01) or an instant (2026-03-01T00:00:00Z), "
                    + "was '" + value + "'", e);
        }
    }

    private static String name(final Path p) {
        return p.getFileName().toString().replaceFirst("\\.properties$", "");
    }

    private static String skippedSummary(final ReplayData data) {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Skipped %,d rows", data.skipped().size()));
        data.skipped().stream().limit(10).forEach(s -> b.append(String.format(Locale.ROOT, "%n  line %d: %s",
                s.line(), s.reason())));
        if (data.skipped().size() > 10) {
            b.append(String.format(Locale.ROOT, "%n  ... and %,d more", data.skipped().size() - 10));
        }
        return b.toString();
    }

    private static String f(final double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
