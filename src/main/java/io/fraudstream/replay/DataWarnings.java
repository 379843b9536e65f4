package io.fraudstream.replay;

import io.fraudstream.eval.Curves;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay warns about in its input before it starts: columns that leak the label, and labels that come too
 * late to learn from.
 */
public final class DataWarnings {
    private DataWarnings() {
    }

    /**
     * Columns that give the label away: a numeric column whose values alone rank fraud above legitimate with a
     * ROC-AUC above 0.99 (or below 0.01), or a text column with fewer than 100 distinct values of which none is
     * shared by fraud and legitimate rows (a fraud-scenario column, say). A column like that is usually written
     * after the fact; replaying it as a feature makes every metric meaningless. One warning per column.
     */
    public static List<String> leaks(final ReplayData data) {
        final List<ReplayData.Row> rows = data.rows();
        final List<String> warnings = new ArrayList<>();
        final long frauds = data.frauds();
        if (frauds == 0 || frauds == rows.size()) {
            return warnings;
        }
        final boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).fraud();
        }
        for (int f = 0; f < data.featureColumns().size(); f++) {
            final double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                final double x = data.feature(rows.get(i), f);
                v[i] = Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
            }
            final double auc = Curves.rocAuc(v, labels);
            if (auc > 0.99 || auc < 0.01) {
                warnings.add(String.format(Locale.ROOT, "column '%s' alone separates fraud from legitimate (ROC-AUC "
                        + "%.4f): if it is known only after the fact, exclude it with --exclude-columns",
                        data.featureColumns().get(f), auc));
            }
        }
        for (int a = 0; a < data.attributeColumns().size(); a++) {
            final Map<String, Integer> classes = new HashMap<>(); // value -> bit 1 fraud, bit 2 legit
            for (ReplayData.Row r : rows) {
                final String value = String.valueOf(data.attribute(r, a));
                classes.merge(value, r.fraud() ? 1 : 2, (x, y) -> x | y);
                if (classes.size() >= 100) {
                    break;
                }
            }
            if (classes.size() < 100 && !classes.containsValue(3)) {
                warnings.add("column '" + data.attributeColumns().get(a) + "' has no value shared by fraud and "
                        + "legitimate rows " + classes.keySet() + ": if it is known only after the fact, exclude it "
                        + "with --exclude-columns");
            }
        }
        return warnings;
    }

    /**
     * A warning when hardly any label becomes known before the last transaction (fewer than 1%): with a delay as
     * long as the data (the Kaggle credit-card data spans two days; the default delay is seven), the learner gets
     * its labels only after every transaction was scored, so every score is the prior-only model's. Null otherwise.
     */
    public static String labelDelay(final ReplayData data) {
        final List<ReplayData.Row> rows = data.rows();
        if (rows.isEmpty()) {
            return null;
        }
        final long last = rows.get(rows.size() - 1).time();
        final long known = rows.stream().filter(r -> r.labelTime() <= last).count();
        if (known * 100 >= rows.size()) {
            return null;
        }
        final double days = (last - rows.get(0).time()) / 86_400_000.0;
        return String.format(Locale.ROOT, "only %,d of the %,d labels become known before the last transaction "
                + "(the data spans %.1f days): the model cannot learn while it scores, and the scores are the "
                + "prior-only model's; a shorter --label-delay shows learning", known, rows.size(), days);
    }
}
