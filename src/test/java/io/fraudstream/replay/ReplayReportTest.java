package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.event.Decision;
import io.fraudstream.event.FeatureVector;
import io.fraudstream.event.Json;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReportTest {
    private static final long DAY = 86_400_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private static ReplayEngine.Result result() {
        final List<LabelledOutcome> outcomes = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            for (int i = 0; i < 10; i++) {
                final boolean fraud = i == 0;
                // days 0-1: the fraud scores lowest; days 2-3: highest
                final double score = day < 2 ? (fraud ? 0.01 : 0.1 + i / 100.0) : (fraud ? 0.9 : 0.1 + i / 100.0);
                outcomes.add(new LabelledOutcome("d" + day + "-" + i, START + day * DAY + i * 60_000L,
                        START + (day + 1) * DAY, fraud, "label", 10, "card" + i, "m", score, Decision.of(score, 0.2, 0.6),
                        day, new FeatureVector(new String[0], new double[0])));
            }
        }
        final ModelSnapshot m = new ModelSnapshot(1, 0, START + DAY, ModelFamily.LOGISTIC, new String[0], new double[0],
                new double[0], new double[0], -3, 0.2, 0.6, 1, 9, "test", null, null, null);
        return new ReplayEngine.Result(outcomes, List.of(m), 2.0);
    }

    @Test
    void theEvaluationPeriodRestrictsEveryFigure(@TempDir final Path dir) throws IOException {
        final ReplayReport all = new ReplayReport("all", result(), null, null, 5, Map.of("input", "x.csv"));
        assertThat(all.total().count()).isEqualTo(40);
        assertThat(all.total().prAuc()).isBetween(0.3, 0.8);
        final ReplayReport late = new ReplayReport("late", result(), Instant.ofEpochMilli(START + 2 * DAY),
                Instant.ofEpochMilli(START + 4 * DAY), 5, Map.of("input", "x.csv"));
        assertThat(late.total().count()).isEqualTo(20);
        assertThat(late.total().prAuc()).isEqualTo(1.0);
        late.write(dir);
        final JsonNode metrics = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
        assertThat(metrics.get("input").asText()).isEqualTo("x.csv");
        assertThat(metrics.get("evaluateFrom").asText()).isEqualTo("2026-01-07T00:00:00Z");
        assertThat(metrics.at("/final/prAuc").asDouble()).isEqualTo(1.0);
        assertThat(metrics.at("/final/recall").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("daily")).hasSize(2);
        assertThat(metrics.at("/daily/0/day").asText()).isEqualTo("2026-01-07");
        assertThat(metrics.at("/models/0/trainedFraud").asLong()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("outcomes.csv"))).hasSize(21)
                .element(1).asString().startsWith("d2-0,2026-01-07T00:00:00Z,0.9,1,2,BLOCK");
        final String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("PR-AUC 1.0000");
        assertThat(html.split("<svg", -1)).hasSize(CHARTS + 1);
        ScoreDiagnostics.TITLES.forEach(title -> assertThat(html).contains(title));
        // the two frauds scored 0.9 were blocked, the 18 legitimate ones (0.10-0.19) approved
        assertThat(html).contains("<tr><th>fraud</th><td>2</td><td>0</td></tr>")
                .contains("<tr><th>legitimate</th><td>0</td><td>18</td></tr>");
    }

    /** The report's charts: five of the run, seven of scores and thresholds. */
    static final int CHARTS = 12;

    /** Opened in headless Chromium, where one is installed: the page renders every chart, the browser logs no error. */
    @Test
    void theReportRendersInHeadlessChromium(@TempDir final Path dir) throws IOException, InterruptedException {
        final Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "no Chromium on this machine");
        new ReplayReport("all", result(), null, null, 5, Map.of()).write(dir);
        final Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom",
                dir.resolve("report.html").toUri().toString()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        final String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(dom.split("<svg", -1)).hasSize(CHARTS + 1);
        ScoreDiagnostics.TITLES.forEach(title -> assertThat(dom).contains(title));
        assertThat(Files.readAllLines(dir.resolve("stderr.txt"))).noneMatch(l -> l.contains("CONSOLE")
                || l.contains("Uncaught"));
    }

    @Test
    void undefinedMetricsAreNullInTheJson(@TempDir final Path dir) throws IOException {
        final ReplayEngine.Result r = result();
        final ReplayReport noFraud = new ReplayReport("none", new ReplayEngine.Result(r.outcomes().stream()
                .filter(o -> !o.fraud()).toList(), r.models(), 1), null, null, 5, Map.of());
        noFraud.write(dir);
        final JsonNode metrics = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
        assertThat(metrics.at("/final/prAuc").isNull()).isTrue();
        assertThat(metrics.at("/final/recall").isNull()).isTrue();
        assertThat(metrics.at("/final/outcomes").asInt()).isEqualTo(36);
    }
}
