package io.fraudstream.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Numeric columns that are clocks: in event-time order their values never fall and keep rising. Public files carry
 * them beside the time column: a row index written by pandas (an unnamed first column), Unix seconds beside a
 * formatted date ({@code unix_time} in the Sparkov card data), seconds or days since the start (the Handbook's
 * {@code TX_TIME_SECONDS}, {@code TX_TIME_DAYS}), a sequential transaction id that is not the id column. As a
 * feature a clock tells a model only the date: every score is made past the clock values it was trained on, a
 * linear model extrapolates them, and where the label delay differs by class (fraud labels come back sooner) a
 * rising clock reads as a fraud signal: a seconds-since-start column added to the 28-day generated file took its
 * PR-AUC from 0.4039 to 0.3875 (docs/replay.md). A replay leaves them out unless told to keep them, and says so.
 *
 * <p>A clock: present in at least half the rows, at most one step in a thousand between consecutive present values
 * falling (a clock is exact; a feature that only tends to grow is not one), and at least {@value #MIN_RISES} steps
 * rising (so a flag switched on once, or a constant, is not one).
 */
public final class Clocks {
    static final int MIN_RISES = 10;

    private Clocks() {
    }

    /** The data's feature columns that are clocks, in column order. */
    public static List<String> find(final ReplayData data) {
        final List<ReplayData.Row> rows = data.rows();
        final List<String> clocks = new ArrayList<>();
        for (int f = 0; f < data.featureColumns().size(); f++) {
            if (isClock(data, rows, f)) {
                clocks.add(data.featureColumns().get(f));
            }
        }
        return clocks;
    }

    private static boolean isClock(final ReplayData data, final List<ReplayData.Row> rows, final int column) {
        final long allowedFalls = rows.size() / 1000;
        long present = 0;
        long falls = 0;
        long rises = 0;
        double previous = Double.NaN;
        for (ReplayData.Row r : rows) {
            final double v = data.feature(r, column);
            if (Double.isNaN(v)) {
                continue;
            }
            present++;
            if (v < previous && ++falls > allowedFalls) {
                return false;
            }
            if (v > previous) {
                rises++;
            }
            previous = v;
        }
        return present * 2 >= rows.size() && rises >= MIN_RISES;
    }
}
