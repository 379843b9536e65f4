package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} leaves out the columns that only rise with time (a pandas index, Unix seconds beside the time
 * column), says so in {@code metrics.json}, and keeps them with {@code --keep-clock-columns}.
 */
class ReplayClockColumnsTest {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    @TempDir
    Path dir;

    @Test
    void clockColumnsAreLeftOutUnlessKept() throws IOException {
        final Random random = new Random(3);
        final StringBuilder csv = new StringBuilder(",trans_date_trans_time,amt,is_fraud,unix_time,lat\n");
        for (int r = 0; r < 500; r++) {
            final long seconds = 1_325_376_018L + 60L * r;
            csv.append(r).append(',').append(DATETIME.format(Instant.ofEpochSecond(seconds))).append(",10,")
                    .append(r % 25 == 0 ? 1 : 0).append(',').append(seconds).append(',')
                    .append(random.nextInt(90)).append('\n');
        }
        final Path input = Files.writeString(dir.resolve("sparkov.csv"), csv);

        final JsonNode left = replay(input, "left");
        assertThat(left.path("clockColumns").toString()).isEqualTo("[\"\",\"unix_time\"]");
        assertThat(left.path("featureColumns").toString()).isEqualTo("[\"lat\"]");

        final JsonNode kept = replay(input, "kept", "--keep-clock-columns");
        assertThat(kept.path("clockColumns").toString()).isEqualTo("[]");
        assertThat(kept.path("featureColumns").toString()).isEqualTo("[\"\",\"unix_time\",\"lat\"]");
    }

    private JsonNode replay(final Path input, final String name, final String... extra) throws IOException {
        final Path report = dir.resolve(name);
        final String[] args = {"replay", "--input", input.toString(), "--time-column", "trans_date_trans_time",
                "--time-format", "yyyy-MM-dd HH:mm:ss", "--amount-column", "amt", "--label-column", "is_fraud",
                "--label-delay", "1h", "--report", report.toString()};
        final String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        assertThat(Main.execute(all)).isZero();
        return new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    }
}
