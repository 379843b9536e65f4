package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mistyped flag value or a missing file: one line naming it, exit 2, no stack trace, nothing started. */
class CommandLineMistakesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "generate --days -1 --output OUT                 | generate: invalid argument: customers, terminals and days must be >= 1",
        "demo --duration banana                          | demo: invalid argument: not a duration",
        "replay --input /missing.csv                     | replay: no such file: /missing.csv",
        "generate --days 1 --output /nonexistent/d/x.csv | generate: no such file: /nonexistent/d/x.csv",
        "run --config /missing.properties                | run: configuration error:",
        "bench --rate 1000,0                             | bench: invalid argument: --rate: each rate must be at least 1",
        "bench --rate 100 --warmup banana                | bench: invalid argument: not a duration",
        "bench --rate 100 --arrivals bursty              | bench: invalid argument: --arrivals: expected uniform or poisson, was 'bursty'",
        "replay --input X --engine kafka --investigate-alerts 6h | replay: configuration error: --investigate-alerts: only the in-process engine simulates investigations",
        "replay --input X --investigate-alerts soon      | replay: configuration error: --investigate-alerts: expected a duration like 6h, was 'soon'",
        "replay --input X --label-delay PT-1H            | replay: invalid argument: --label-delay: expected 0 to 36500 days, was \"PT-1H\"",
        "replay --input X --label-delay 999999999999999d | replay: invalid argument: --label-delay: expected 0 to 36500 days, was \"999999999999999d\"",
        "replay --input X --time-format banana            | replay: configuration error: --time-format: unknown time format 'banana'",
        "replay --input IN --time-column ,               | replay: configuration error: --time-column ',' is not a column of the file",
    })
    void aMistakeIsOneLineAndExitTwo(final String args, final String message) throws Exception {
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int status;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            final Path in = Files.writeString(dir.resolve("in.csv"),
                    "id,timestamp,amount,fraud\n1,2026-01-05T00:00:00Z,5,0\n");
            status = Main.execute(args.replace("OUT", dir.resolve("x.csv").toString()).replace("IN", in.toString())
                    .split(" +"));
        } finally {
            System.setErr(err);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(printed).startsWith(message).doesNotContain("\tat ");
        assertThat(printed.lines().count()).isEqualTo(1);
    }

    @Test
    void aTypoInTheSecondCompareFileIsReportedBeforeAnyInputIsReadOrBrokerStarted() throws Exception {
        final Path a = Files.writeString(dir.resolve("a.properties"), "fraudstream.learner.family=logistic\n");
        final Path b = Files.writeString(dir.resolve("b.properties"), "fraudstream.learner.famly=trees\n");
        final PrintStream err = System.err;
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final int status;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try { // the input does not exist: had it been read first, that would be the error
            status = Main.execute("replay", "--input", "/missing.csv", "--compare", a.toString(), "--compare",
                    b.toString());
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertThat(status).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("replay: configuration error: b: ")
                .contains("'fraudstream.learner.famly'", "did you mean 'fraudstream.learner.family'");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Reading", "Kafka");
    }
}
