package io.fraudstream.config;

import java.util.Collection;
import java.util.Locale;

/**
 * The known name nearest a mistyped one, by edit distance (Levenshtein, case-insensitive), when it is near enough
 * to be a typo: at most 2 edits, or a fifth of the name's length for long names.
 */
final class DidYouMean {
    private DidYouMean() {
    }

    /** {@code " (did you mean 'x'?)"} for the nearest candidate, or the empty string when none is near. */
    static String suggest(final String name, final Collection<String> candidates) {
        final String n = name.toLowerCase(Locale.ROOT);
        final int limit = Math.max(2, n.length() / 5);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            final int d = distance(n, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
