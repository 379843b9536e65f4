package io.fraudstream.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fraudstream.event.IsoInstant;
import io.fraudstream.event.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes simulated transactions as CSV or JSON Lines, gzip-compressed when the file name ends in {@code .gz};
 * the format comes from the name ({@code .csv}, {@code .jsonl}, {@code .json}, {@code .ndjson}). Columns, in
 * order: {@value #HEADER}. {@code timestamp} is ISO-8601 UTC, {@code fraud} 0/1, {@code labelDelay} seconds.
 */
public final class SimulationWriter implements Closeable {
    public static final String HEADER = "id,timestamp,cardId,merchantId,amount,fraud,scenario,labelDelay";
    private final BufferedWriter out;
    private final boolean csv;
    private final JsonGenerator json;
    private long written;

    public SimulationWriter(final Path file) throws IOException {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (plain.endsWith(".csv")) {
            csv = true;
        } else if (plain.endsWith(".jsonl") || plain.endsWith(".json") || plain.endsWith(".ndjson")) {
            csv = false;
        } else {
            throw new IllegalArgumentException("output file must end in .csv or .jsonl (optionally .gz): " + file);
        }
        OutputStream raw = Files.newOutputStream(file);
        if (name.endsWith(".gz")) {
            raw = new GZIPOutputStream(raw, 1 << 16);
        }
        out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        if (csv) {
            out.write(HEADER);
            out.write('\n');
            json = null;
        } else {
            json = Json.MAPPER.getFactory().createGenerator(out).setRootValueSeparator(new SerializedString("\n"));
        }
    }

    public void write(final TransactionSimulator.SimulatedTransaction t) {
        try {
            final String time = IsoInstant.format(t.time());
            if (csv) {
                out.write(t.id() + ',' + time + ',' + t.card() + ',' + t.terminal() + ',' + amount(t.amount()) + ','
                        + (t.fraud() ? 1 : 0) + ',' + t.scenario() + ',' + t.labelDelaySeconds() + '\n');
            } else {
                json.writeStartObject();
                json.writeStringField("id", t.id());
                json.writeStringField("timestamp", time);
                json.writeStringField("cardId", t.card());
                json.writeStringField("merchantId", t.terminal());
                json.writeNumberField("amount", t.amount());
                json.writeNumberField("fraud", t.fraud() ? 1 : 0);
                json.writeStringField("scenario", t.scenario());
                json.writeNumberField("labelDelay", t.labelDelaySeconds());
                json.writeEndObject();
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String amount(final double a) {
        return String.format(Locale.ROOT, "%.2f", a);
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.writeRaw('\n');
            json.close(); // closes the writer too
        } else {
            out.close();
        }
    }
}
