package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fraudstream.config.Settings;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The example Kubernetes manifest agrees with the application: its configuration and environment load as settings
 * (no unknown key), the probes and the Service reach the HTTP endpoint's port and health paths, the state volume is
 * the state directory, the config mount is the file {@code run} reads, and the grace period outlasts the close.
 */
class KubernetesManifestTest {
    private static final Path MANIFEST = Path.of("deploy", "kubernetes", "fraudstream.yaml");

    @Test
    void theManifestAgreesWithTheSettingsTheProbesAndTheShutdown() throws Exception {
        final Map<String, JsonNode> byKind = new HashMap<>();
        try (var docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (docs.hasNext()) {
                final JsonNode doc = (JsonNode) docs.next();
                byKind.put(doc.get("kind").asText(), doc);
            }
        }
        assertThat(byKind).containsKeys("ConfigMap", "Service", "StatefulSet");
        final Properties file = new Properties();
        file.load(new StringReader(byKind.get("ConfigMap").get("data").get("fraudstream.properties").asText()));
        final JsonNode pod = byKind.get("StatefulSet").get("spec").get("template").get("spec");
        final JsonNode container = pod.get("containers").get(0);
        final Map<String, String> env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(),
                e.has("value") ? e.get("value").asText() : "pod-0")); // valueFrom: what the pod's name would be
        final Map<String, String> raw = new HashMap<>();
        file.stringPropertyNames().forEach(k -> raw.put(k, file.getProperty(k)));
        final Settings settings = Settings.from(raw, env);
        assertThat(settings.warnings()).as("every FRAUDSTREAM_ variable is a key").isEmpty();
        assertThat(settings.kafka().getProperty("group.instance.id")).isEqualTo("pod-0");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).as("a heap fixed and touched at start: no growth mid-stream")
                .contains("-XX:+AlwaysPreTouch", "-XX:InitialRAMPercentage=75");

        final int port = settings.httpPort();
        assertThat(container.get("ports").get(0).get("containerPort").asInt()).isEqualTo(port);
        assertThat(settings.httpBind().isAnyLocalAddress()).as("probes come from the node, not the loopback").isTrue();
        final String portName = container.get("ports").get(0).get("name").asText();
        assertThat(container.get("livenessProbe").get("httpGet").get("path").asText()).isEqualTo("/health/live");
        assertThat(container.get("readinessProbe").get("httpGet").get("path").asText()).isEqualTo("/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(container.get(probe).get("httpGet").get("port").asText()).isEqualTo(portName);
        }
        assertThat(byKind.get("Service").get("spec").get("ports").get(0).get("port").asInt()).isEqualTo(port);

        final Map<String, String> mounts = new HashMap<>();
        container.get("volumeMounts").forEach(m -> mounts.put(m.get("name").asText(), m.get("mountPath").asText()));
        assertThat(mounts.get("state")).isEqualTo(settings.kafka().getProperty("state.dir"));
        final List<String> args = new ObjectMapper().convertValue(container.get("args"),
                new TypeReference<List<String>>() { });
        assertThat(args).containsExactly("run", "--config", mounts.get("config") + "/fraudstream.properties");
        assertThat(container.get("resources").get("requests").has("memory")).isTrue();
        assertThat(pod.get("terminationGracePeriodSeconds").asInt()).as("outlasts the 30 s close").isGreaterThan(30);
    }
}
