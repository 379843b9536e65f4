package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.TestDirs;
import io.fraudstream.config.Key;
import io.fraudstream.config.Settings;
import io.fraudstream.docs.MonitoringFiles;
import io.fraudstream.runtime.FraudstreamApp;
import io.fraudstream.sim.DemoGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus (the Debian package's binary) on loopback scrapes fraudstream running on the embedded broker
 * with the demo's live feed, loading the project's alert rules: every PromQL expression of the Grafana dashboard and
 * of the rules evaluates without error, every dashboard panel returns data, every rule is healthy, and the quality
 * gauges carry real values for the known and mature views of the champion and of the challenger.
 */
@Tag("integration")
class PrometheusIT {
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRealPrometheusGetsDataForEveryPanelAndEvaluatesEveryRule() throws Exception {
        final Path binary = MonitoringFiles.binary("prometheus");
        final Path dir = TestDirs.create("fraudstream-prometheus-it");
        final Map<String, String> raw = new HashMap<>();
        raw.put("bootstrap.servers", BROKER.bootstrapServers());
        raw.put("application.id", "fraudstream-prometheus-it");
        raw.put("state.dir", dir.resolve("state").toString());
        raw.put("commit.interval.ms", "200");
        raw.put(Key.TOPICS_PARTITIONS.key(), "2");
        raw.put(Key.MODEL_PUBLISH_EVERY.key(), "500");
        raw.put(Key.METRICS_WINDOWS.key(), "1000,1m");
        raw.put(Key.LABELS_MATURITY.key(), "5s"); // the feed's labels come 2-12 s after their transactions
        raw.put(Key.METRICS_INTERVAL.key(), "1s");
        raw.put(Key.HTTP_PORT.key(), "0");
        final Settings settings = Settings.from(raw);
        Process prometheus = null;
        try (FraudstreamApp app = FraudstreamApp.start(settings);
             DemoGenerator feed = new DemoGenerator(settings.producerProperties(), settings.topic(Key.TOPIC_TRANSACTIONS),
                     settings.topic(Key.TOPIC_LABELS), 400, 0.02, 7);
             KafkaProducer<String, byte[]> producer = Clients.producer(BROKER.bootstrapServers())) {
            final Thread feeder = new Thread(feed, "prometheus-it-feed");
            feeder.start();
            // one malformed transaction, so that the dead-letter panels show a counter, not only their fallback 0
            producer.send(new ProducerRecord<>(settings.topic(Key.TOPIC_TRANSACTIONS), "bad",
                    "{\"id\":\"bad\",\"timestamp\":1,\"amount\":-5}".getBytes(StandardCharsets.UTF_8))).get();

            final URI target = URI.create(app.metricsUrl());
            final int port = freePort();
            final Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                    "rule_files:", "  - " + MonitoringFiles.RULES.toAbsolutePath(),
                    "scrape_configs:", "  - job_name: fraudstream", "    metrics_path: /metrics",
                    "    static_configs:", "      - targets: [\"127.0.0.1:" + target.getPort() + "\"]", ""));
            prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            final String api = "http://127.0.0.1:" + port;
            awaitReady(api, prometheus, dir.resolve("prometheus.log"));

            // every panel's queries, with the variables at "All", until each has returned data (rates need a few
            // scrapes, quality gauges labelled outcomes, the challenger a retraining round)
            final Map<String, List<String>> waiting = new LinkedHashMap<>();
            MonitoringFiles.panelQueries().forEach((title, exprs) -> waiting.put(title,
                    new ArrayList<>(exprs.stream().map(MonitoringFiles::withAllValues).toList())));
            // and the quality gauges mean something: the known and the mature views of both models hold outcomes
            for (String model : List.of("champion", "challenger")) {
                for (String labels : List.of("known", "mature")) {
                    waiting.put(model + " " + labels + " outcomes", new ArrayList<>(List.of("fraud_window_outcomes{"
                            + "window=\"last1000\",labels=\"" + labels + "\",model=\"" + model + "\"} > 0")));
                }
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (List<String> exprs : waiting.values()) {
                    exprs.removeIf(e -> !query(api, e).isEmpty());
                }
                waiting.values().removeIf(List::isEmpty);
                Thread.sleep(1000);
            }
            assertThat(waiting).as("dashboard panels whose queries return no data").isEmpty();
            assertThat(MonitoringFiles.panelQueries()).hasSizeGreaterThan(20);
            for (String e : MonitoringFiles.annotationQueries()) {
                query(api, MonitoringFiles.withAllValues(e)); // evaluates without error
            }
            // the variables' values exist
            assertThat(labelValues(api, "window", "fraud_window_pr_auc")).contains("last1000", "1m");
            assertThat(labelValues(api, "model", "fraud_window_pr_auc")).contains("champion", "challenger");

            final double prAuc = query(api, "fraud_window_pr_auc{window=\"last1000\",labels=\"known\","
                    + "model=\"champion\"}").get(0).get("value").get(1).asDouble();
            assertThat(prAuc).isBetween(0.0, 1.0);

            // every rule evaluates without error (a query that fails throws) and Prometheus reports it healthy
            MonitoringFiles.ruleQueries().values().forEach(e -> query(api, e));
            final long rulesDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<String> unhealthy;
            do {
                Thread.sleep(500);
                unhealthy = unhealthyRules(api);
            } while (!unhealthy.isEmpty() && System.nanoTime() < rulesDeadline);
            assertThat(unhealthy).isEmpty();
            assertThat(ruleCount(api)).isEqualTo(MonitoringFiles.ruleQueries().size());
            // the quality alerts read whatever windows are configured (here 1000 and 1m, as the demo's 10000,1m,10m):
            // with their floors lifted (and the recall drop's day-ago comparison brought to 15 s ago, at twice the
            // recall), each selects this run's series, so each can fire here
            for (String alert : List.of("FraudPrAucBelowFloor", "FraudPrecisionBelowFloor", "FraudRecallDrop")) {
                final String lifted = MonitoringFiles.ruleQueries().get(alert).replaceAll("<\\s*0\\.\\d+", "< 2")
                        .replaceAll(">=\\s*\\d+", ">= 0").replaceAll("0\\.7 \\*", "2 *")
                        .replace("offset 1d", "offset 15s");
                assertThat(lifted).isNotEqualTo(MonitoringFiles.ruleQueries().get(alert));
                // precision is NaN (and compares false) until the window holds an alert: wait for one
                final long liftedDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (query(api, lifted).isEmpty() && System.nanoTime() < liftedDeadline) {
                    Thread.sleep(1000);
                }
                assertThat(query(api, lifted)).as(alert + " can fire on this run's windows: " + lifted).isNotEmpty();
            }
            feed.stop();
            feeder.join(5000);
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    private static void awaitReady(final String api, final Process prometheus, final Path log) throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(prometheus.isAlive()).as("prometheus exited:\n" + Files.readString(log)).isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready in 60 s:\n" + Files.readString(log));
    }

    /** The result of an instant query; fails on any error Prometheus reports. */
    private static JsonNode query(final String api, final String expr) {
        final JsonNode body = get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(body.path("status").asText()).as(expr + " -> " + body).isEqualTo("success");
        final JsonNode result = body.get("data").get("result");
        // a scalar result is [time, value]; a vector a list of samples
        return "scalar".equals(body.get("data").get("resultType").asText()) ? JSON.createArrayNode().add(result)
                : result;
    }

    private static List<String> labelValues(final String api, final String label, final String metric) {
        final JsonNode body = get(api + "/api/v1/label/" + label + "/values?match[]="
                + URLEncoder.encode(metric, StandardCharsets.UTF_8));
        final List<String> out = new ArrayList<>();
        body.get("data").forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> unhealthyRules(final String api) {
        final List<String> out = new ArrayList<>();
        for (JsonNode group : get(api + "/api/v1/rules").get("data").get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (!"ok".equals(rule.path("health").asText())) {
                    out.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }
        return out;
    }

    private static int ruleCount(final String api) {
        int n = 0;
        for (JsonNode group : get(api + "/api/v1/rules").get("data").get("groups")) {
            n += group.get("rules").size();
        }
        return n;
    }

    private static JsonNode get(final String url) {
        try {
            final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
