package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules refer only to meters fraudstream registers, cover what an operator needs, and pass
 * promtool: {@code check config}, {@code check rules} and the rules' unit tests ({@code test rules}).
 */
class MonitoringFilesTest {
    @Test
    void everyMetricTheDashboardAndTheRulesReadIsOneFraudstreamRegisters() {
        final Set<String> registered = MonitoringFiles.prometheusNames().stream()
                .map(n -> n.replaceAll("_(total|seconds)$", "")).collect(Collectors.toSet());
        final List<String> exprs = new ArrayList<>();
        MonitoringFiles.panelQueries().values().forEach(exprs::addAll);
        exprs.addAll(MonitoringFiles.annotationQueries());
        exprs.addAll(MonitoringFiles.ruleQueries().values());
        final Set<String> used = MonitoringFiles.fraudMetricsIn(exprs);
        assertThat(used).hasSizeGreaterThan(20);
        for (String name : used) {
            assertThat(registered).as("a dashboard or rule reads " + name)
                    .contains(name.replaceAll("_(total|seconds)$", ""));
        }
    }

    @Test
    void theDashboardShowsWhatTheOperatorsNeedAndTheRulesAlertOnIt() {
        final List<String> panelExprs = MonitoringFiles.panelQueries().values().stream().flatMap(List::stream).toList();
        assertThat(MonitoringFiles.panelQueries().values()).allSatisfy(e -> assertThat(e).isNotEmpty());
        final Set<String> used = MonitoringFiles.fraudMetricsIn(panelExprs);
        assertThat(used).contains("fraud_transactions_scored", "fraud_scoring_latency_seconds", "fraud_decisions",
                "fraud_transactions_invalid", "fraud_model_version", "fraud_window_precision", "fraud_window_recall",
                "fraud_window_pr_auc", "fraud_window_roc_auc", "fraud_window_cost", "fraud_window_savings",
                "fraud_reservoir_size", "fraud_learner_trained_fraud_share", "fraud_label_delay_seconds",
                "fraud_version_pr_auc", "fraud_version_precision", "fraud_version_recall");
        assertThat(String.join("\n", panelExprs)).contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(MonitoringFiles.variables()).containsExactly("datasource", "job", "instance", "window", "labels", "model");
        assertThat(MonitoringFiles.ruleQueries()).containsKeys("FraudPrAucBelowFloor", "FraudPrecisionBelowFloor",
                "FraudRecallDrop", "FraudDeadLetterRateHigh", "FraudNoModelPromoted", "FraudConsumerLagHigh");
    }

    @Test
    void everyRuleHasASummaryADescriptionAndARunbookSectionThatExists() throws Exception {
        final String runbook = Files.readString(Path.of("docs", "runbook.md"));
        final Set<String> anchors = runbook.lines().filter(l -> l.startsWith("## "))
                .map(l -> l.substring(3).trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(MonitoringFiles.ruleAnnotations()).hasSizeGreaterThanOrEqualTo(13).allSatisfy((alert, a) -> {
            assertThat(a).as(alert).containsKeys("summary", "description", "runbook_url");
            assertThat(a.get("runbook_url")).as(alert).isEqualTo("docs/runbook.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors).as(alert + " has a section in docs/runbook.md").contains(alert.toLowerCase(Locale.ROOT));
        });
        assertThat(MonitoringFiles.ruleQueries()).containsKeys("FraudstreamNotReady", "FraudStreamThreadsDying",
                "FraudScoringStopped", "FraudLabelFeedStopped", "FraudRetrainingRoundsFailing");
        assertThat(MonitoringFiles.ruleQueries().get("FraudPrAucBelowFloor")).as("not pinned to one window")
                .doesNotContain("window=");
    }

    @Test
    void everyPanelHasASizeOnTheGridAndNoneOverlaps() throws Exception {
        // Grafana draws a panel of zero width as nothing and stacks overlapping ones: both hide a panel silently
        final JsonNode panels = new ObjectMapper()
                .readTree(MonitoringFiles.DASHBOARD.toFile()).get("panels");
        final boolean[][] taken = new boolean[200][24];
        for (JsonNode p : panels) {
            final JsonNode g = p.get("gridPos");
            final int x = g.get("x").asInt();
            final int y = g.get("y").asInt();
            final int w = g.get("w").asInt();
            final int h = g.get("h").asInt();
            final String what = p.get("title").asText();
            assertThat(w).as(what).isPositive();
            assertThat(x + w).as(what).isLessThanOrEqualTo(24);
            assertThat(h).as(what).isGreaterThanOrEqualTo(p.get("type").asText().equals("row") ? 1 : 4);
            for (int r = y; r < y + h; r++) {
                for (int c = x; c < x + w; c++) {
                    assertThat(taken[r][c]).as(what + " overlaps another panel at row " + r + ", column " + c)
                            .isFalse();
                    taken[r][c] = true;
                }
            }
        }
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRulesAndTheirUnitTestsPass() throws Exception {
        final Path promtool = MonitoringFiles.binary("promtool");
        promtool(promtool, "check", "config", "prometheus.yml");
        promtool(promtool, "check", "rules", "rules.yml");
        final String tests = promtool(promtool, "test", "rules", "rules.test.yml");
        assertThat(tests).contains("SUCCESS");
    }

    private static String promtool(final Path promtool, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command).directory(MonitoringFiles.PROMETHEUS_DIR.toFile())
                .redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }
}
