package io.fraudstream.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every fraudstream key as a Markdown table — key, default, what it accepts, environment variable, meaning — made
 * from {@link Key} alone: the README's configuration table is this ({@code ReadmeTest} checks it, and rewrites it
 * with {@code -Dfraudstream.writeDocs=true}), and {@code config --keys} prints it.
 */
public final class ConfigTable {
    /** The table's header row, by which the README's table is found. */
    public static final String HEADER = "| key | default | accepts | environment variable | meaning |";

    private ConfigTable() {
    }

    /** The table's lines, header first. */
    public static List<String> lines() {
        final List<String> out = new ArrayList<>();
        out.add(HEADER);
        out.add("| --- | --- | --- | --- | --- |");
        for (Key k : Key.values()) {
            out.add("| `" + k.key() + "` | `" + k.defaultValue() + "` | " + escape(k.type().accepts()) + " | `"
                    + k.envName() + "` | " + escape(k.doc()) + " |");
        }
        return out;
    }

    private static String escape(final String cell) {
        return cell.replace("|", "\\|");
    }
}
