package io.fraudstream.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line or bar chart rendered as inline SVG, so a report is one self-contained HTML file that any browser
 * shows without scripts or network access. NaN values break a line (a day without a defined metric shows a gap).
 */
final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf"};
    private static final int W = 560;
    private static final int H = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;

    /** One named series of points. {@code step}: drawn as a staircase (a value holds until the next point). */
    record Series(String name, double[] x, double[] y, boolean step) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;
    private boolean xIsTime;
    private boolean diagonal;

    SvgChart(final String title, final String xLabel, final String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart add(final Series s) {
        series.add(s);
        return this;
    }

    SvgChart xRange(final double min, final double max) {
        xMin = min;
        xMax = max;
        return this;
    }

    SvgChart yRange(final double min, final double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    /** x values are epoch milliseconds: ticks are dates. */
    SvgChart timeAxis() {
        xIsTime = true;
        return this;
    }

    /** Draws the y = x diagonal (a random ranking on a ROC chart). */
    SvgChart diagonal() {
        diagonal = true;
        return this;
    }

    String render() {
        final double x0 = Double.isNaN(xMin) ? extreme(true, false) : xMin;
        double x1 = Double.isNaN(xMax) ? extreme(true, true) : xMax;
        final double y0 = Double.isNaN(yMin) ? Math.min(0, extreme(false, false)) : yMin;
        double y1 = Double.isNaN(yMax) ? extreme(false, true) : yMax;
        if (!(x1 > x0)) {
            x1 = x0 + 1;
        }
        if (!(y1 > y0)) {
            y1 = y0 + 1;
        }
        final double fx0 = x0;
        final double fx1 = x1;
        final double fy0 = y0;
        final double fy1 = y1;
        final Mapper px = v -> LEFT + (v - fx0) / (fx1 - fx0) * (W - LEFT - RIGHT);
        final Mapper py = v -> H - BOTTOM - (v - fy0) / (fy1 - fy0) * (H - TOP - BOTTOM);
        final StringBuilder b = open(title);
        for (int i = 0; i <= 4; i++) { // grid and ticks
            final double yv = y0 + (y1 - y0) * i / 4;
            final double xv = x0 + (x1 - x0) * i / 4;
            b.append(line(LEFT, py.map(yv), W - RIGHT, py.map(yv), "#e5e5e5"));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4,
                    py.map(yv) + 4, tick(yv, y1 - y0)));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                    px.map(xv), H - BOTTOM + 14, i == 0 ? "start" : i == 4 ? "end" : "middle", xIsTime ? Instant.ofEpochMilli((long) xv).toString()
                            .substring(0, 10) : tick(xv, x1 - x0)));
        }
        b.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#333"));
        b.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#333"));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                (LEFT + W - RIGHT) / 2, H - 8, escape(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s"
                + "</text>", (TOP + H - BOTTOM) / 2, escape(yLabel)));
        if (diagonal) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                    + "stroke-dasharray=\"4 4\"/>", px.map(0), py.map(0), px.map(1), py.map(1)));
        }
        for (int s = 0; s < series.size(); s++) {
            final Series sr = series.get(s);
            final String colour = COLOURS[s % COLOURS.length];
            final StringBuilder path = new StringBuilder();
            boolean pen = false;
            double lastY = Double.NaN;
            for (int i = 0; i < sr.x().length; i++) {
                final double yv = sr.y()[i];
                if (Double.isNaN(yv) || Double.isNaN(sr.x()[i])) {
                    pen = false;
                    continue;
                }
                if (pen && sr.step()) {
                    path.append(String.format(Locale.ROOT, "L%.1f,%.1f", px.map(sr.x()[i]), py.map(lastY)));
                }
                path.append(String.format(Locale.ROOT, "%s%.1f,%.1f", pen ? "L" : "M", px.map(sr.x()[i]), py.map(yv)));
                pen = true;
                lastY = yv;
            }
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.8\"/>");
            if (sr.x().length == 1 && !Double.isNaN(sr.y()[0])) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                        px.map(sr.x()[0]), py.map(sr.y()[0]), colour));
            }
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", W - RIGHT - 150, TOP + 6 + 14 * s, colour,
                    W - RIGHT - 136, TOP + 10 + 14 * s, escape(sr.name())));
        }
        return b.append("</svg>").toString();
    }

    /** A grouped bar chart: one group per category, one bar per series; NaN bars are left out. */
    static String bars(final String title, final List<String> categories, final List<String> names,
                       final double[][] values) {
        final StringBuilder b = open(title);
        final double plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            final double y = H - BOTTOM - plotH * i / 4;
            b.append(line(LEFT, y, W - RIGHT, y, "#e5e5e5"));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>", LEFT - 4,
                    y + 4, i / 4.0));
        }
        final double groupW = (double) (W - LEFT - RIGHT - 150) / Math.max(1, categories.size());
        final double barW = groupW * 0.8 / Math.max(1, names.size());
        for (int c = 0; c < categories.size(); c++) {
            final double gx = LEFT + c * groupW + groupW * 0.1;
            for (int s = 0; s < names.size(); s++) {
                final double v = values[s][c];
                if (Double.isNaN(v)) {
                    continue;
                }
                final double h = Math.max(0, Math.min(1, v)) * plotH;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s %s: %.4f</title></rect>", gx + s * barW, H - BOTTOM - h, barW * 0.95,
                        h, COLOURS[s % COLOURS.length], escape(names.get(s)), escape(categories.get(c)), v));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    gx + groupW * 0.4, H - BOTTOM + 14, escape(categories.get(c))));
        }
        b.append(line(LEFT, H - BOTTOM, W - RIGHT - 150, H - BOTTOM, "#333"));
        for (int s = 0; s < names.size(); s++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", W - RIGHT - 140, TOP + 14 * s, COLOURS[s % COLOURS.length],
                    W - RIGHT - 126, TOP + 9 + 14 * s, escape(names.get(s))));
        }
        return b.append("</svg>").toString();
    }

    /** The opening of a chart: the svg element, its title (for screen readers and tooltips) and its heading. */
    private static StringBuilder open(final String title) {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", W, H, W, H));
        b.append("<title>").append(escape(title)).append("</title>");
        b.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>", W, H));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>",
                LEFT, escape(title)));
        return b;
    }

    private interface Mapper {
        double map(double v);
    }

    /** The smallest (or largest) defined x (or y) over every series; 0 (or 1) when there is none. */
    private double extreme(final boolean x, final boolean max) {
        double m = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (!Double.isNaN(v)) {
                    m = max ? Math.max(m, v) : Math.min(m, v);
                }
            }
        }
        return Double.isInfinite(m) ? (max ? 1 : 0) : m;
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String c) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                x1, y1, x2, y2, c);
    }

    private static String tick(final double v, final double span) {
        if (span >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, span >= 10 ? "%.1f" : "%.2f", v);
    }

    static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
