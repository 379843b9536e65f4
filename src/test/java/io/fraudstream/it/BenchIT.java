package io.fraudstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bench} on the embedded broker: the open-loop latency mode measures every transaction it sent at each
 * rate (none missed, percentiles in order) for fraudstream and its yardsticks, and the throughput mode gives
 * ratios to the pass-through and to the skeleton (fraudstream's hops without its logic), each with labels joined.
 * Timings are never asserted: this machine is shared and noisy.
 */
@Tag("integration")
class BenchIT {
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    private static final Pattern ROW = Pattern.compile(
            "^(fraudstream|pass-through|skeleton)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)$",
            Pattern.MULTILINE);

    private static String bench(final String... args) {
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int status;
        try {
            final String[] all = new String[args.length + 3];
            all[0] = "bench";
            all[1] = "--bootstrap-servers";
            all[2] = BROKER.bootstrapServers();
            System.arraycopy(args, 0, all, 3, args.length);
            status = Main.execute(all);
        } finally {
            System.setOut(out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        return printed;
    }

    @Test
    void openLoopLatencyMeasuresEveryTransactionAtEachRateForBothTargets() {
        // 100 twice: a rate's second step sends ids of its own, never the first step's (refused as duplicates)
        final String printed = bench("--rate", "50,100,100", "--duration", "4s", "--warmup", "2s", "--partitions",
                "1", "--baseline", "--timeline");
        final Matcher m = ROW.matcher(printed.substring(printed.indexOf("target")));
        int rows = 0;
        while (m.find()) {
            rows++;
            final int rate = Integer.parseInt(m.group(2));
            assertThat(rate).isIn(50, 100);
            assertThat(Long.parseLong(m.group(3))).as(m.group()).isEqualTo(rate * 6L); // warm-up and measured
            assertThat(Long.parseLong(m.group(4))).as("missed: " + m.group()).isZero();
            final List<Double> percentiles = List.of(Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                    Double.parseDouble(m.group(7)), Double.parseDouble(m.group(8)));
            assertThat(percentiles).as(m.group()).isSorted().allSatisfy(p -> assertThat(p).isPositive());
        }
        assertThat(rows).as(printed).isEqualTo(6);
        // each step's CPU, by thread group; against a broker of its own, none for the broker
        final Matcher cpu = Pattern.compile("(fraudstream|pass-through): CPU µs per transaction[^:]*: stream threads "
                + "([\\d.]+),.*JIT [\\d.]+, GC [\\d.]+, RocksDB [\\d.]+, whole process ([\\d.]+)$", Pattern.MULTILINE)
                .matcher(printed);
        int steps = 0;
        while (cpu.find()) {
            steps++;
            assertThat(Double.parseDouble(cpu.group(2))).as(cpu.group()).isPositive();
            assertThat(Double.parseDouble(cpu.group(3))).as(cpu.group()).isGreaterThan(
                    Double.parseDouble(cpu.group(2)));
        }
        assertThat(steps).as(printed).isEqualTo(6);
        // each step's exactly-once commits, from Kafka Streams' metrics: some, each no longer than the longest
        final Matcher commits = Pattern.compile("(fraudstream|pass-through): commits ([\\d.]+)/s, ([\\d.]+) ms on "
                + "average, ([\\d.]+) ms at most", Pattern.MULTILINE).matcher(printed);
        int committed = 0;
        while (commits.find()) {
            committed++;
            assertThat(Double.parseDouble(commits.group(2))).as(commits.group()).isPositive();
            assertThat(Double.parseDouble(commits.group(3))).as(commits.group())
                    .isLessThanOrEqualTo(Double.parseDouble(commits.group(4)));
        }
        assertThat(committed).as(printed).isEqualTo(6);
        // each step's worst latency per measured second: one figure a second, the worst of them the step's max
        final Matcher row = ROW.matcher(printed);
        final Matcher timeline = Pattern.compile("worst ms per second from \\d\\d:\\d\\d:[\\d.]+:((?: \\d+)+)$",
                Pattern.MULTILINE).matcher(printed);
        int timelines = 0;
        while (timeline.find() && row.find()) {
            timelines++;
            final long[] worst = Arrays.stream(timeline.group(1).trim().split(" ")).mapToLong(Long::parseLong)
                    .toArray();
            assertThat(worst).as(timeline.group()).hasSize(4);
            final double max = Double.parseDouble(row.group(8)); // to the histogram's 3 digits; the timeline's whole ms
            assertThat((double) Arrays.stream(worst).max().orElseThrow()).as(row.group() + " / " + timeline.group())
                    .isCloseTo(max, within(1.0 + max / 500));
        }
        assertThat(timelines).as(printed).isEqualTo(6);
        assertThat(printed).containsPattern("at 100/s fraudstream / pass-through: p50 [\\d.]+×, p99 [\\d.]+×");
    }

    @Test
    void poissonArrivalsSendTheSameCountAndMeasureEachOneForFraudstreamAndTheSkeleton() {
        final String printed = bench("--rate", "50", "--duration", "4s", "--warmup", "1s", "--partitions", "1",
                "--arrivals", "poisson", "--timeline", "--skeleton");
        final Matcher m = ROW.matcher(printed.substring(printed.indexOf("target")));
        for (String target : List.of("fraudstream", "skeleton")) {
            assertThat(m.find()).as(printed).isTrue();
            assertThat(m.group(1)).isEqualTo(target);
            assertThat(Long.parseLong(m.group(3))).as(m.group()).isEqualTo(250); // a count, whatever the gaps
            assertThat(Long.parseLong(m.group(4))).as("missed: " + m.group()).isZero();
        }
        assertThat(printed).containsPattern("at 50/s fraudstream / skeleton: p50 [\\d.]+×, p99 [\\d.]+×");
        // the measured 200 take about 4 s: a Poisson schedule's span varies (sd 0.3 s here)
        final Matcher timeline = Pattern.compile("worst ms per second from [\\d:.]+:((?: \\d+)+)$", Pattern.MULTILINE)
                .matcher(printed);
        assertThat(timeline.find()).as(printed).isTrue();
        assertThat(timeline.group(1).trim().split(" ")).as(timeline.group()).hasSizeBetween(3, 6);
    }

    @Test
    void throughputModeCommitsEveryScoreAndComparesWithBothYardsticks() {
        final String printed = bench("--transactions", "3000", "--partitions", "1", "--baseline", "--skeleton");
        assertThat(printed).contains("fraudstream: 3,000 scores committed", "pass-through: 3,000 scores committed",
                "skeleton: 3,000 scores committed", "fraudstream: joined and learnt from 3,000 labels",
                "skeleton: joined and learnt from 3,000 labels");
        final Matcher ratio = Pattern.compile("fraudstream / pass-through: ([\\d.]+) of its throughput")
                .matcher(printed);
        assertThat(ratio.find()).as(printed).isTrue();
        assertThat(Double.parseDouble(ratio.group(1))).isPositive();
        final Matcher shape = Pattern.compile("fraudstream / skeleton: ([\\d.]+) of its throughput, ([\\d.]+) of its "
                + "labels' pace\n(?s).*skeleton / pass-through: ([\\d.]+) of its throughput").matcher(printed);
        assertThat(shape.find()).as(printed).isTrue();
        for (int g = 1; g <= 3; g++) {
            assertThat(Double.parseDouble(shape.group(g))).as(shape.group()).isPositive();
        }
        assertThat(printed).containsPattern("fraudstream: CPU µs per transaction and its label: stream threads "
                        + "[\\d.]+, client I/O [\\d.]+, global stores [\\d.]+, learner [\\d.]+, evaluator")
                .containsPattern("pass-through: CPU µs per transaction: stream threads [\\d.]+,")
                .containsPattern("skeleton: CPU µs per transaction and its label: stream threads [\\d.]+,")
                .doesNotContain(", broker ")
                // the pass-through runs after fraudstream, whose round threads may end meanwhile: none subtracts
                .doesNotContainPattern("CPU µs per [^\\n]* -[\\d.]+");
    }
}
