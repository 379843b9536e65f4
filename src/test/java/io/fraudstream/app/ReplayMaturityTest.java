package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.config.Key;
import io.fraudstream.replay.ColumnMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay whose every label comes one delay after its transaction takes that delay as the labels' maturity. */
class ReplayMaturityTest {
    private static final String KEY = Key.LABELS_MATURITY.key();
    @TempDir
    Path dir;

    @Test
    void oneDelayForEveryRowIsTheMaturityUnlessTheSettingsSayOtherwise() {
        assertThat(maturity(mapping(Duration.ofHours(1), null), Map.of(), Map.of())).isEqualTo("1h");
        assertThat(maturity(mapping(Duration.ofDays(30), null), Map.of(), Map.of())).isEqualTo("30d");
        assertThat(maturity(mapping(Duration.ZERO, null), Map.of(), Map.of())).isEqualTo("0d");
        // the default delay is the default maturity: nothing to say
        assertThat(maturity(mapping(Duration.ofDays(7), null), Map.of(), Map.of())).isNull();
        // rows with delays of their own: which of them count as nearly all is the user's choice
        assertThat(maturity(mapping(Duration.ofHours(1), "labelDelay"), Map.of(), Map.of())).isNull();
        // given by --set, the run's configuration file or the environment, it stands
        assertThat(maturity(mapping(Duration.ofHours(1), null), Map.of(KEY, "2d"), Map.of())).isNull();
        assertThat(maturity(mapping(Duration.ofHours(1), null), Map.of(),
                Map.of(Key.LABELS_MATURITY.envName(), "2d"))).isNull();
    }

    @Test
    void theReplayRunsWithItAndSaysSo() throws IOException {
        final StringBuilder csv = new StringBuilder("timestamp,amount,fraud,x\n");
        for (int r = 0; r < 300; r++) {
            csv.append(String.format("2026-01-05T%02d:%02d:00Z,10,%d,%d%n", r / 60, r % 60, r % 30 == 0 ? 1 : 0, r % 7));
        }
        final Path input = Files.writeString(dir.resolve("tx.csv"), csv);
        assertThat(settings(input, "derived")).isEqualTo("1h");
        assertThat(settings(input, "given", "--set", KEY + "=3h")).isEqualTo("3h");
    }

    private String settings(final Path input, final String name, final String... extra) throws IOException {
        final Path report = dir.resolve(name);
        final String[] args = {"replay", "--input", input.toString(), "--label-delay", "1h", "--report",
                report.toString()};
        final String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new);
        assertThat(Main.execute(all)).isZero();
        return new ObjectMapper().readTree(report.resolve("metrics.json").toFile()).path("settings").path(KEY)
                .asText();
    }

    private static ColumnMapping mapping(final Duration delay, final String delayColumn) {
        final ColumnMapping d = ColumnMapping.defaults();
        return new ColumnMapping(d.idColumn(), d.timeColumn(), d.timeFormat(), d.labelColumn(), d.amountColumn(),
                d.cardColumn(), d.merchantColumn(), delay, delayColumn, Set.of());
    }

    /** The maturity {@link ReplayMaturity#set} puts, or null; what it says names it. */
    private static String maturity(final ColumnMapping mapping, final Map<String, String> given,
                                   final Map<String, String> env) {
        final Map<String, String> props = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplayMaturity.set(mapping, given, env, props, new PrintStream(out, true, StandardCharsets.UTF_8));
        final String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said.isEmpty()).isEqualTo(props.isEmpty());
        if (!props.isEmpty()) {
            assertThat(said).contains(KEY + " " + props.get(KEY) + " for this run instead of 7d");
        }
        return props.get(KEY);
    }
}
