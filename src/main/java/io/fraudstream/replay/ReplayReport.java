package io.fraudstream.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.eval.Curves;
import io.fraudstream.eval.OutcomeMetrics;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.IsoInstant;
import io.fraudstream.event.Json;
import io.fraudstream.event.LabelledOutcome;
import io.fraudstream.model.CostMatrix;
import io.fraudstream.model.ModelSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What a replay measured, computed only from the outcomes (the score each transaction had at decision time and
 * its label) and the published models, restricted to transactions inside the evaluation period. Writes
 * {@code metrics.json}, {@code outcomes.csv} and a self-contained {@code report.html}.
 */
public final class ReplayReport {
    private static final int CURVE_POINTS = 400;
    private static final Serializer<ModelSnapshot> SNAPSHOT_BYTES =
            EventSerdes.json(ModelSnapshot.class).serializer();

    private final String name;
    private final List<LabelledOutcome> outcomes;
    private final List<ModelSnapshot> models;
    private final WindowMetrics total;
    private final SortedMap<LocalDate, WindowMetrics> days = new TreeMap<>();
    private final double[] scores;
    private final boolean[] labels;
    private final ObjectNode summary;
    private final double reviewCost;

    /**
     * @param name      name of this run (a configuration file, or {@code replay})
     * @param result    what the replay produced
     * @param from      first instant evaluated (inclusive), or null
     * @param to        end of the evaluation period (exclusive), or null
     * @param reviewCost cost of one alert, for the cost and savings figures
     * @param facts     facts about the run, copied into metrics.json as they are
     */
    public ReplayReport(final String name, final ReplayEngine.Result result, final Instant from, final Instant to,
                        final double reviewCost, final Map<String, Object> facts) {
        this.name = name;
        this.reviewCost = reviewCost;
        final List<LabelledOutcome> in = new ArrayList<>();
        for (LabelledOutcome o : result.outcomes()) {
            if ((from == null || o.eventTime() >= from.toEpochMilli()) && (to == null || o.eventTime() < to.toEpochMilli())) {
                in.add(o);
            }
        }
        // by time, then id (ids are unique: one order whatever the sort), on every core
        final LabelledOutcome[] sorted = in.toArray(new LabelledOutcome[0]);
        Arrays.parallelSort(sorted, (a, b) -> a.eventTime() != b.eventTime()
                ? Long.compare(a.eventTime(), b.eventTime()) : a.transactionId().compareTo(b.transactionId()));
        final List<LabelledOutcome> byTime = Arrays.asList(sorted);
        this.outcomes = byTime;
        this.models = result.models();
        final CostMatrix costs = new CostMatrix(reviewCost, true, 0);
        // the whole period and each day apart, on every core (each computation on its own outcomes: the same figures)
        final CompletableFuture<WindowMetrics> whole =
                CompletableFuture.supplyAsync(() -> OutcomeMetrics.of(byTime, costs));
        final Map<LocalDate, List<LabelledOutcome>> byDay = OutcomeMetrics.byDay(byTime);
        byDay.entrySet().parallelStream().map(e -> Map.entry(e.getKey(), OutcomeMetrics.of(e.getValue(), costs)))
                .toList().forEach(e -> days.put(e.getKey(), e.getValue()));
        this.total = whole.join();
        this.scores = new double[byTime.size()];
        this.labels = new boolean[byTime.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = byTime.get(i).score();
            labels[i] = byTime.get(i).fraud();
        }
        summary = Json.MAPPER.createObjectNode();
        summary.put("name", name);
        facts.forEach((k, v) -> summary.set(k, Json.MAPPER.valueToTree(v)));
        summary.put("evaluateFrom", from == null ? null : from.toString());
        summary.put("evaluateTo", to == null ? null : to.toString());
        summary.put("reviewCost", reviewCost);
        summary.set("final", metricsNode(total));
        final ArrayNode daily = summary.putArray("daily");
        days.forEach((day, metrics) -> {
            final ObjectNode d = metricsNode(metrics);
            d.put("day", day.toString());
            daily.add(d);
        });
        final ArrayNode versions = summary.putArray("models");
        for (ModelSnapshot m : models) {
            final ObjectNode v = versions.addObject().put("version", m.version()).put("family", m.family().id())
                    .put("createdAt", Instant.ofEpochMilli(m.createdAt()).toString())
                    .put("trainedFraud", m.trainedFraud()).put("trainedLegit", m.trainedLegit())
                    .put("reviewThreshold", m.reviewThreshold()).put("blockThreshold", m.blockThreshold())
                    .put("sha256", digest(m));
            if (m.calibration() != null) {
                v.putObject("calibration").put("a", m.calibration().a()).put("b", m.calibration().b());
            }
            if (m.holdoutPrAuc() != null) {
                v.put("holdoutPrAuc", m.holdoutPrAuc());
            }
            if (m.training() != null) {
                v.put("sampling", m.training().sampling()).put("batchFraudShare", m.training().fraudShare())
                        .put("batchSize", m.training().batchSize()).put("syntheticFrauds", m.training().synthetic());
            }
        }
    }

    /** SHA-256 of the snapshot's record bytes: two runs published the same model exactly when these agree. */
    private static String digest(final ModelSnapshot m) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(SNAPSHOT_BYTES.serialize(null, m)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public WindowMetrics total() {
        return total;
    }

    public String name() {
        return name;
    }

    /** Writes metrics.json, outcomes.csv and report.html into {@code dir}. */
    public void write(final Path dir) throws IOException {
        Files.createDirectories(dir);
        // the page (curves over every outcome) is drawn on another core while the outcomes are written
        final CompletableFuture<String> page = CompletableFuture.supplyAsync(this::html);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metrics.json").toFile(), summary);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("outcomes.csv"), StandardCharsets.UTF_8)) {
            w.write("id,time,score,label,modelVersion,decision,amount,cardId,labelTime,source\n");
            for (LabelledOutcome o : outcomes) {
                w.write(csv(o.transactionId()) + ',' + IsoInstant.format(o.eventTime()) + ','
                        + o.score() + ',' + (o.fraud() ? 1 : 0) + ',' + o.modelVersion() + ',' + o.decision() + ','
                        + o.amount() + ',' + (o.cardId() == null ? "" : csv(o.cardId())) + ','
                        + IsoInstant.format(o.labelTime()) + ',' + o.source() + '\n');
            }
        }
        Files.writeString(dir.resolve("report.html"), page.join(), StandardCharsets.UTF_8);
    }

    static ObjectNode metricsNode(final WindowMetrics m) {
        final ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("outcomes", m.count());
        n.put("frauds", m.positives());
        number(n, "prAuc", m.prAuc());
        number(n, "rocAuc", m.rocAuc());
        n.put("alerts", m.alerts());
        number(n, "precision", m.precision());
        number(n, "recall", m.recall());
        number(n, "f1", m.f1());
        number(n, "fBeta2", m.fBeta());
        number(n, "mcc", m.mcc());
        number(n, "specificity", m.specificity());
        number(n, "balancedAccuracy", m.balancedAccuracy());
        number(n, "alertRate", m.alertRate());
        n.put("truePositives", m.truePositives());
        n.put("falsePositives", m.falsePositives());
        n.put("trueNegatives", m.trueNegatives());
        n.put("falseNegatives", m.falseNegatives());
        number(n, "cost", m.cost());
        number(n, "savings", m.savings());
        number(n, "cardPrecisionAt100", m.cardPrecisionAtK());
        return n;
    }

    private static void number(final ObjectNode n, final String field, final double v) {
        if (Double.isNaN(v)) {
            n.putNull(field); // undefined for this set (one class only, no alert): never 0 or 1
        } else {
            n.put(field, v);
        }
    }

    private static String csv(final String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The precision-recall curve of the evaluated outcomes, at most {@code points} points. */
    List<Curves.Point> prCurve(final int points) {
        return Curves.prCurve(scores, labels, points);
    }

    static SvgChart.Series curve(final String name, final List<Curves.Point> points) {
        final double[] x = new double[points.size()];
        final double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).x();
            y[i] = points.get(i).y();
        }
        return new SvgChart.Series(name, x, y, false);
    }

    private String html() {
        final String pr = new SvgChart(String.format(Locale.ROOT, "Precision-recall (PR-AUC %s)", f(total.prAuc())),
                "recall", "precision").xRange(0, 1).yRange(0, 1)
                .add(curve("scores at decision time", prCurve(CURVE_POINTS))).render();
        final String roc = new SvgChart(String.format(Locale.ROOT, "ROC (ROC-AUC %s)", f(total.rocAuc())),
                "false positive rate", "true positive rate").xRange(0, 1).yRange(0, 1).diagonal()
                .add(curve("scores at decision time", Curves.rocCurve(scores, labels, CURVE_POINTS))).render();
        final int n = days.size();
        final double[] dayX = new double[n];
        final double[][] dayY = new double[4][n];
        int i = 0;
        for (Map.Entry<LocalDate, WindowMetrics> e : days.entrySet()) {
            final WindowMetrics m = e.getValue();
            dayX[i] = e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            dayY[0][i] = m.prAuc();
            dayY[1][i] = m.precision();
            dayY[2][i] = m.recall();
            dayY[3][i] = m.cardPrecisionAtK();
            i++;
        }
        final String overTime = new SvgChart("Metrics per day", "day", "value").timeAxis().yRange(0, 1)
                .add(new SvgChart.Series("PR-AUC", dayX, dayY[0], false))
                .add(new SvgChart.Series("precision", dayX, dayY[1], false))
                .add(new SvgChart.Series("recall", dayX, dayY[2], false))
                .add(new SvgChart.Series("Card Precision@100", dayX, dayY[3], false)).render();
        final double[] mx = new double[models.size()];
        final double[] mv = new double[models.size()];
        final double[] mix = new double[models.size()];
        final double[] batchMix = new double[models.size()];
        for (int k = 0; k < mx.length; k++) {
            final ModelSnapshot m = models.get(k);
            mx[k] = m.createdAt();
            mv[k] = m.version();
            final long trained = m.trainedFraud() + m.trainedLegit();
            mix[k] = trained == 0 ? Double.NaN : (double) m.trainedFraud() / trained;
            batchMix[k] = m.training() == null ? Double.NaN : m.training().fraudShare();
        }
        final String versions = new SvgChart("Model versions (by the event time that completed each)", "time",
                "version").timeAxis().add(new SvgChart.Series("version", mx, mv, true)).render();
        final String classMix = new SvgChart("Trained class mix: share of fraud in the stream learnt online and in "
                + "each retraining batch", "time", "fraud share").timeAxis()
                .add(new SvgChart.Series("stream (online)", mx, mix, true))
                .add(new SvgChart.Series("retraining batch", mx, batchMix, true)).render();
        final StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>fraudstream replay: ")
                .append(SvgChart.escape(name)).append("</title><style>body{font-family:sans-serif;margin:24px;"
                        + "color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:8px}.charts svg{border:1px solid #eee}"
                        + "</style></head><body>");
        b.append("<h1>fraudstream replay: ").append(SvgChart.escape(name)).append("</h1>");
        b.append("<p>Every figure comes from the score each transaction had <b>at decision time</b>, against its label"
                + " (never resampled data). Alerts are REVIEW and BLOCK decisions.</p>");
        b.append("<table><tr><th>outcomes</th><th>frauds</th><th>PR-AUC</th><th>ROC-AUC</th><th>precision</th>"
                + "<th>recall</th><th>F1</th><th>alerts</th><th>Card Precision@100 (mean per day)</th><th>cost</th>"
                + "<th>savings</th><th>model versions</th></tr>");
        b.append(String.format(Locale.ROOT, "<tr><td>%,d</td><td>%,d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                        + "<td>%s</td><td>%,d</td><td>%s</td><td>%,.0f</td><td>%s</td><td>%d</td></tr></table>",
                total.count(), total.positives(), f(total.prAuc()), f(total.rocAuc()), f(total.precision()),
                f(total.recall()), f(total.f1()), total.alerts(), f(total.cardPrecisionAtK()), total.cost(),
                f(total.savings()), models.size()));
        b.append("<div class=\"charts\">").append(pr).append(roc).append(overTime).append(versions).append(classMix)
                .append("</div>");
        b.append(new ScoreDiagnostics(outcomes, total, days, reviewCost).html());
        b.append("<h2>Run</h2><pre>").append(SvgChart.escape(summary.deepCopy().without(List.of("daily",
                "models", "final")).toPrettyString())).append("</pre></body></html>\n");
        return b.toString();
    }

    static String f(final double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
