package io.fraudstream.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.metrics.FraudMeters;
import io.fraudstream.model.ModelFamily;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The monitoring files of {@code dashboards/} as tests read them: every PromQL expression of the Grafana dashboard
 * and of the alert rules, the Prometheus names of fraudstream's own meters, and the Prometheus binaries.
 */
public final class MonitoringFiles {
    public static final Path DASHBOARD = Path.of("dashboards/grafana/dashboards/fraudstream.json");
    public static final Path PROMETHEUS_DIR = Path.of("dashboards/prometheus");
    public static final Path RULES = PROMETHEUS_DIR.resolve("rules.yml");
    /** Set (by {@code .ci/run}) where a missing Prometheus must fail the build rather than skip its tests. */
    public static final String REQUIRE_ENV = "REQUIRE_PROMETHEUS_TESTS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringFiles() {
    }

    /** Dashboard panel title (row titles excluded) → its PromQL expressions, as written (with $variables). */
    public static Map<String, List<String>> panelQueries() {
        final Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode panel : read(DASHBOARD, JSON).get("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            final List<String> exprs = new ArrayList<>();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            out.put(panel.get("title").asText(), exprs);
        }
        return out;
    }

    /** Expressions of the dashboard's annotations. */
    public static List<String> annotationQueries() {
        final List<String> out = new ArrayList<>();
        read(DASHBOARD, JSON).path("annotations").path("list").forEach(a -> out.add(a.path("expr").asText()));
        return out;
    }

    /** Template variables of the dashboard, by name. */
    public static List<String> variables() {
        final List<String> out = new ArrayList<>();
        read(DASHBOARD, JSON).path("templating").path("list").forEach(v -> out.add(v.get("name").asText()));
        return out;
    }

    /** An expression with every dashboard variable replaced by a regex matching any value (as "All" does). */
    public static String withAllValues(final String expr) {
        String e = expr;
        for (String v : variables()) {
            e = e.replace("$" + v, ".+");
        }
        return e;
    }

    /** Alert name → expression, from the rules file. */
    public static Map<String, String> ruleQueries() {
        final Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode group : read(RULES, new ObjectMapper(new YAMLFactory())).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                out.put(rule.has("alert") ? rule.get("alert").asText() : rule.get("record").asText(),
                        rule.get("expr").asText().trim());
            }
        }
        return out;
    }

    /** Each alert rule's annotations, by alert name. */
    public static Map<String, Map<String, String>> ruleAnnotations() {
        final Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode group : read(RULES, new ObjectMapper(new YAMLFactory())).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                final Map<String, String> annotations = new LinkedHashMap<>();
                rule.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
                out.put(rule.get("alert").asText(), annotations);
            }
        }
        return out;
    }

    /** Prometheus names of every meter fraudstream registers (every meter exercised once), without suffixes. */
    public static Set<String> prometheusNames() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final FraudMeters meters = new FraudMeters(registry);
        meters.scoring().scored(1000, "APPROVE");
        meters.evaluation().labelDelay(60_000);
        meters.input().invalidTransaction("amount.negative");
        meters.input().invalidLabel("fraud.missing");
        meters.input().processingError("key.mismatch");
        meters.join().label(true);
        meters.join().labelUnmatched();
        meters.join().pendingTransaction();
        meters.learner().learnerOutcome();
        meters.learner().modelPublished(0.5, 0.4, 0.3);
        meters.learner().modelAdopted();
        meters.learner().retrained(0.5, 10, 100);
        meters.scoring().modelRejected("schema");
        meters.learner().candidateRejected();
        meters.learner().roundFailed("timeout", 1_000_000);
        meters.learner().challengerRefused(ModelFamily.TREES);
        meters.evaluation().window("last10000", "known", "champion", WindowMetrics.EMPTY);
        meters.evaluation().versions(new TreeMap<>(Map.of(3L, WindowMetrics.EMPTY)));
        meters.evaluation().capped("24h", "known", "champion", 1);
        meters.evaluation().pending("24h", "mature", "champion", 1);
        meters.evaluation().sampled("24h", "mature", "champion", 1);
        final Set<String> names = new TreeSet<>();
        final String scrape = registry.scrape();
        for (Meter meter : registry.getMeters()) {
            final String base = meter.getId().getName().replace('.', '_');
            scrape.lines().filter(l -> l.startsWith(base) && !l.startsWith("#"))
                    .map(l -> l.replaceAll("[{ ].*", "").replaceAll("_(bucket|count|sum|max)$", ""))
                    .forEach(names::add);
        }
        return names;
    }

    /** A binary on the PATH; skips the calling test when absent, unless {@link #REQUIRE_ENV} is set. */
    public static Path binary(final String name) {
        final Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Arrays.stream(p.split(File.pathSeparator)))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && System.getenv(REQUIRE_ENV) != null) {
            throw new AssertionError(name + " is not on the PATH but " + REQUIRE_ENV + " is set: install the Debian "
                    + "package prometheus (.ci/run does)");
        }
        Assumptions.assumeTrue(found.isPresent(), name + " is not on the PATH (Debian package prometheus)");
        return found.get();
    }

    private static JsonNode read(final Path file, final ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fraudstream metric name a set of expressions refers to. */
    public static Set<String> fraudMetricsIn(final Iterable<String> exprs) {
        final Set<String> out = new TreeSet<>();
        final Matcher m = Pattern.compile("\\bfraud_[a-z_]+").matcher("");
        for (String e : exprs) {
            m.reset(e);
            while (m.find()) {
                out.add(m.group().replaceAll("_(bucket|count|sum|max|total)$", ""));
            }
        }
        return out;
    }
}
