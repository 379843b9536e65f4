package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.app.Main;
import io.fraudstream.event.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} then {@code replay} through the command line, on a real broker: the report's numbers
 * recomputed independently from its outcomes, no transaction scored by a model trained on a label not yet known
 * at its time, and the same data and configuration giving identical outcomes, run after run. Subclasses choose
 * the broker.
 */
@Tag("integration")
abstract class ReplayContract {
    @TempDir
    Path dir;

    abstract String bootstrapServers();

    private record Outcome(String id, Instant time, double score, boolean fraud, long modelVersion, boolean alerted,
                           double amount) {
    }

    private static List<Outcome> outcomes(final Path csv) throws IOException {
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("id,time,score,label,modelVersion");
        final List<Outcome> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            final String[] f = line.split(",");
            out.add(new Outcome(f[0], Instant.parse(f[1]), Double.parseDouble(f[2]), f[3].equals("1"),
                    Long.parseLong(f[4]), !f[5].equals("APPROVE"), Double.parseDouble(f[6])));
        }
        return out;
    }

    /** Average precision as the mean, over frauds, of the precision among all scored at least as high. */
    private static double averagePrecision(final List<Outcome> o) {
        double sum = 0;
        int frauds = 0;
        for (Outcome a : o) {
            if (!a.fraud()) {
                continue;
            }
            frauds++;
            int above = 0;
            int fraudAbove = 0;
            for (Outcome b : o) {
                if (b.score() >= a.score()) {
                    above++;
                    fraudAbove += b.fraud() ? 1 : 0;
                }
            }
            sum += (double) fraudAbove / above;
        }
        return sum / frauds;
    }

    @Test
    void replaysGeneratedDataReportsTrueNumbersAndIsDeterministic() throws IOException {
        final Path data = dir.resolve("tx.csv.gz");
        assertThat(Main.execute("generate", "--output", data.toString(), "--customers", "400", "--terminals", "800",
                "--days", "21", "--fraud-rate", "0.01", "--seed", "5")).isZero();
        // one row the file reader takes but the stages refuse (an id over input.max.id.length): both engines
        // refuse it the same way, and its label has nothing to join
        final String refusedId = "x".repeat(200);
        final List<String> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data)), StandardCharsets.UTF_8))) {
            in.lines().forEach(rows::add);
        }
        assertThat(rows.get(0)).isEqualTo("id,timestamp,cardId,merchantId,amount,fraud,scenario,labelDelay");
        rows.add(1000, refusedId + ",2026-01-06T10:00:00Z,C1,T1,42.5,1,stolen-card,3600");
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(data)), StandardCharsets.UTF_8)) {
            out.write(String.join("\n", rows) + "\n");
        }
        final Path a = Files.writeString(dir.resolve("weighted.properties"),
                "fraudstream.model.publish.every=1000\nfraudstream.learner.class.weight=balanced\n");
        final Path b = Files.writeString(dir.resolve("unweighted.properties"),
                "fraudstream.model.publish.every=1000\nfraudstream.learner.class.weight=none\n");
        final String[] common = {"replay", "--input", data.toString(), "--label-delay-column", "labelDelay",
            "--exclude-columns", "scenario"};
        // the reference engine on the broker under test; then the default, in-process engine, comparing two
        // configurations (21 days, history features on, both model families competing)
        final Path single = dir.resolve("single");
        assertThat(Main.execute(concat(common, "--engine", "kafka", "--bootstrap-servers", bootstrapServers(),
                "--config", a.toString(), "--report", single.toString()))).isZero();
        final Path compared = dir.resolve("compare");
        assertThat(Main.execute(concat(common, "--compare", a + "," + b, "--report", compared.toString()))).isZero();

        // the two engines agree: every score to the last digit, decision, model version; every model byte for byte
        assertThat(Files.readString(compared.resolve("weighted/outcomes.csv")))
                .isEqualTo(Files.readString(single.resolve("outcomes.csv")));
        final JsonNode inProcess = Json.MAPPER.readTree(compared.resolve("weighted/metrics.json").toFile());
        final JsonNode kafka = Json.MAPPER.readTree(single.resolve("metrics.json").toFile());
        assertThat(inProcess.get("models")).isEqualTo(kafka.get("models"));
        assertThat(kafka.get("models").findValuesAsText("family")).contains("logistic", "balanced-trees");
        assertThat(inProcess.get("engine").asText()).isEqualTo("inprocess");
        assertThat(kafka.get("engine").asText()).isEqualTo("kafka");

        final JsonNode metrics = Json.MAPPER.readTree(single.resolve("metrics.json").toFile());
        final List<Outcome> outcomes = outcomes(single.resolve("outcomes.csv"));
        final Set<String> ids = new HashSet<>();
        outcomes.forEach(o -> ids.add(o.id()));
        // each exactly once, but the one the stages refused
        assertThat(ids).hasSize(metrics.get("transactions").asInt() - 1).hasSize(outcomes.size())
                .doesNotContain(refusedId);
        final long frauds = outcomes.stream().filter(Outcome::fraud).count();
        assertThat(metrics.at("/final/frauds").asLong()).isEqualTo(frauds).isGreaterThan(20);
        assertThat(metrics.at("/final/prAuc").asDouble()).isCloseTo(averagePrecision(outcomes), within(1e-9));
        // and the other metrics, recomputed from outcomes.csv by their definitions
        double wins = 0;
        long pairs = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double cost = 0;
        double fraudAmount = 0;
        for (Outcome x : outcomes) {
            tp += x.alerted() && x.fraud() ? 1 : 0;
            fp += x.alerted() && !x.fraud() ? 1 : 0;
            fn += !x.alerted() && x.fraud() ? 1 : 0;
            cost += x.alerted() ? 5 : x.fraud() ? x.amount() : 0; // --review-cost 5, a missed fraud its amount
            fraudAmount += x.fraud() ? x.amount() : 0;
            if (x.fraud()) {
                for (Outcome y : outcomes) {
                    if (!y.fraud()) {
                        pairs++;
                        wins += x.score() > y.score() ? 1 : x.score() == y.score() ? 0.5 : 0;
                    }
                }
            }
        }
        final long tn = outcomes.size() - tp - fp - fn;
        assertThat(metrics.at("/final/rocAuc").asDouble()).isCloseTo(wins / pairs, within(1e-9));
        assertThat(metrics.at("/final/precision").asDouble()).isCloseTo((double) tp / (tp + fp), within(1e-12));
        assertThat(metrics.at("/final/recall").asDouble()).isCloseTo((double) tp / frauds, within(1e-12));
        assertThat(metrics.at("/final/mcc").asDouble()).isCloseTo(((double) tp * tn - (double) fp * fn)
                / Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)), within(1e-9));
        assertThat(metrics.at("/final/cost").asDouble()).isCloseTo(cost, within(1e-6));
        assertThat(metrics.at("/final/savings").asDouble()).isCloseTo(1 - cost / fraudAmount, within(1e-9));

        // no transaction was scored by a model trained on a label that was not yet known at its time
        final Map<Long, Instant> created = new HashMap<>();
        metrics.get("models").forEach(m -> created.put(m.get("version").asLong(), Instant.parse(m.get("createdAt").asText())));
        assertThat(created).hasSizeGreaterThan(5);
        // every version published is in the report: versions 1..n, each scoring outcomes among them
        final long newest = outcomes.stream().mapToLong(Outcome::modelVersion).max().orElseThrow();
        assertThat(created.keySet()).containsAll(outcomes.stream().map(Outcome::modelVersion).filter(v -> v > 0)
                .collect(Collectors.toSet()));
        assertThat(Collections.max(created.keySet())).isEqualTo((long) created.size())
                .isGreaterThanOrEqualTo(newest);
        for (Outcome o : outcomes) {
            if (o.modelVersion() > 0) {
                assertThat(created.get(o.modelVersion())).as(o.id()).isBeforeOrEqualTo(o.time());
            }
        }
        assertThat(outcomes.stream().mapToLong(Outcome::modelVersion).max().orElseThrow()).isGreaterThan(3);
        assertThat(metrics.get("daily")).hasSize(21);

        final String html = Files.readString(single.resolve("report.html"));
        // PR, ROC, metrics over time, versions, class mix; then scores and thresholds: reliability, distributions,
        // three threshold sweeps, transactions per day, frauds and alerts per day
        assertThat(html.split("<svg", -1)).hasSize(13);
        assertThat(html).contains("Precision-recall (PR-AUC " + String.format(Locale.ROOT, "%.4f",
                metrics.at("/final/prAuc").asDouble()));

        final JsonNode comparison = Json.MAPPER.readTree(compared.resolve("compare.json").toFile());
        assertThat(comparison).hasSize(2);
        assertThat(comparison.get(0).get("name").asText()).isEqualTo("weighted");
        assertThat(comparison.get(0).get("prAuc").asDouble()).isEqualTo(metrics.at("/final/prAuc").asDouble());
        assertThat(comparison.get(1).get("prAuc").asDouble()).isNotEqualTo(comparison.get(0).get("prAuc").asDouble());
        assertThat(Files.readString(compared.resolve("compare.html"))).contains("unweighted").contains("<svg");
    }

    /**
     * A sparse file in IBM TabFormer's layout (the time in four columns, a card in two, money amounts, a refund)
     * with a pandas index (a clock) and a date of birth: a publication's labels span far more than the pending
     * horizon, so segments end early (replay.SegmentSpan). Both engines take the same columns, join every label
     * and agree on every outcome and model.
     */
    @Test
    void sparseDataInAPublicLayoutAgreesAcrossEnginesWithEveryLabelJoined() throws IOException {
        final StringBuilder csv = new StringBuilder(",User,Card,Year,Month,Day,Time,Amount,Merchant Name,dob,"
                + "Is Fraud?\n");
        final Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            final Instant t = Instant.parse("2001-03-01T00:00:00Z")
                    .plusSeconds(i * 2L * 86_400 + random.nextInt(80_000));
            final ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            final boolean fraud = i % 13 == 0;
            csv.append(i).append(',').append(i % 2).append(",0,").append(z.getYear()).append(',')
                    .append(z.getMonthValue()).append(',').append(z.getDayOfMonth()).append(',')
                    .append(String.format(Locale.ROOT, "%02d:%02d", z.getHour(), z.getMinute())).append(",$")
                    .append(i == 7 ? "-" : "").append(fraud ? 250 + i : 10 + i % 40).append(".50,")
                    .append(random.nextInt(30)).append(',').append(i % 2 == 0 ? "1970-05-04" : "1988-11-30")
                    .append(',').append(fraud ? "Yes" : "No").append('\n');
        }
        final Path data = Files.writeString(dir.resolve("tabformer.csv"), csv);
        final String[] common = {"replay", "--input", data.toString(), "--time-column", "Year,Month,Day,Time",
            "--time-format", "yyyy M d HH:mm", "--card-column", "User,Card", "--merchant-column", "Merchant Name",
            "--amount-column", "Amount", "--label-column", "Is Fraud?", "--label-delay", "1d",
            "--set", "fraudstream.model.publish.every=100"};
        final Path kafka = dir.resolve("sparse-kafka");
        assertThat(Main.execute(concat(common, "--engine", "kafka", "--bootstrap-servers", bootstrapServers(),
                "--report", kafka.toString()))).isZero();
        final Path inProcess = dir.resolve("sparse-inprocess");
        assertThat(Main.execute(concat(common, "--report", inProcess.toString()))).isZero();

        final List<String> rows = Files.readAllLines(kafka.resolve("outcomes.csv"));
        assertThat(Files.readAllLines(inProcess.resolve("outcomes.csv"))).isEqualTo(rows);
        assertThat(rows).hasSize(400); // the refund skipped
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r).endsWith(",label"));
        final JsonNode k = Json.MAPPER.readTree(kafka.resolve("metrics.json").toFile());
        final JsonNode p = Json.MAPPER.readTree(inProcess.resolve("metrics.json").toFile());
        assertThat(p.get("models")).isEqualTo(k.get("models"));
        assertThat(k.get("models")).hasSizeGreaterThan(1);
        assertThat(k.get("clockColumns").toString()).isEqualTo("[\"\"]");
        assertThat(k.get("dateColumns").toString()).isEqualTo("[\"dob\"]");
        assertThat(k.at("/final/frauds").asLong()).isEqualTo(31);
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
