package io.fraudstream.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar with rate and ETA; on a terminal it redraws one line, elsewhere it prints a line every 10 s. */
final class Progress {
    private final PrintStream out;
    private final long total;
    private final String unit;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(final PrintStream out, final long total, final String unit) {
        this.out = out;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.terminal = System.console() != null;
    }

    void update(final long done) {
        final long now = System.nanoTime();
        if (now - lastPrint < (terminal ? 250_000_000L : 10_000_000_000L) && done < total) {
            return;
        }
        lastPrint = now;
        final double seconds = (now - start) / 1e9;
        final double rate = done / Math.max(seconds, 1e-9);
        final long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        final int width = 30;
        final int filled = (int) (width * done / total);
        final String line = String.format(Locale.ROOT, "[%s%s] %3d%% %,d/%,d %s  %,.0f %s/s  ETA %s",
                "#".repeat(filled), " ".repeat(width - filled), 100 * done / total, done, total, unit, rate, unit,
                eta < 0 ? "?" : eta / 60 + "m" + String.format(Locale.ROOT, "%02d", eta % 60) + "s");
        if (terminal) {
            out.print("\r" + line);
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }
}
