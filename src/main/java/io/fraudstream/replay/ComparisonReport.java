package io.fraudstream.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fraudstream.eval.WindowMetrics;
import io.fraudstream.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Several configurations replayed over the same data, side by side: {@code compare.json} (one row per
 * configuration) and {@code compare.html} (the table, a bar chart of the headline metrics, the PR curves
 * overlaid). Each configuration's own report is in the sub-directory named after it.
 */
public final class ComparisonReport {
    private static final List<String> METRICS = List.of("PR-AUC", "ROC-AUC", "precision", "recall",
            "Card Precision@100", "savings");

    /** The same, short enough to stand under a group of bars. */
    private static final List<String> SHORT = List.of("PR-AUC", "ROC-AUC", "precision", "recall", "CP@100",
            "savings");

    private ComparisonReport() {
    }

    public static void write(final List<ReplayReport> reports, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final ArrayNode rows = Json.MAPPER.createArrayNode();
        final List<String> names = new ArrayList<>();
        final double[][] values = new double[reports.size()][];
        final SvgChart pr = new SvgChart("Precision-recall, scores at decision time", "recall", "precision")
                .xRange(0, 1).yRange(0, 1);
        final StringBuilder table = new StringBuilder("<table><tr><th>configuration</th>");
        METRICS.forEach(m -> table.append("<th>").append(m).append("</th>"));
        table.append("<th>alerts</th><th>cost</th></tr>");
        for (int i = 0; i < reports.size(); i++) {
            final ReplayReport r = reports.get(i);
            final WindowMetrics m = r.total();
            names.add(r.name());
            values[i] = new double[] {m.prAuc(), m.rocAuc(), m.precision(), m.recall(), m.cardPrecisionAtK(),
                m.savings()};
            rows.add(ReplayReport.metricsNode(m).put("name", r.name()));
            pr.add(ReplayReport.curve(r.name(), r.prCurve(400)));
            table.append("<tr><th>").append(SvgChart.escape(r.name())).append("</th>");
            for (double v : values[i]) {
                table.append("<td>").append(ReplayReport.f(v)).append("</td>");
            }
            table.append(String.format(Locale.ROOT, "<td>%,d</td><td>%,.0f</td></tr>", m.alerts(), m.cost()));
        }
        table.append("</table>");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("compare.json").toFile(), rows);
        final String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>fraudstream replay comparison"
                + "</title><style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}svg{margin:6px;border:1px solid #eee}"
                + "</style></head><body><h1>fraudstream replay comparison</h1><p>Same data, same topology, one run per"
                + " configuration; every figure from the scores at decision time against the labels.</p>"
                + table + "<div>" + SvgChart.bars("Headline metrics", SHORT, names, values) + pr.render()
                + "</div></body></html>\n";
        Files.writeString(dir.resolve("compare.html"), html, StandardCharsets.UTF_8);
    }
}
