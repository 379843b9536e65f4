package io.fraudstream.feature;

/**
 * One shared names array per layout of feature names (the same name instances in the same order), so that the
 * millions of vectors of a stream share a handful of arrays instead of each carrying its own. A model finds the
 * slots of a shared array by a single reference comparison ({@code model.FeatureSlots}); comparing each vector's
 * names one by one was, after everything else was made faster, the largest single cost of scoring a holdout
 * (each array a few cache lines that nothing else read).
 *
 * <p>A small hashed cache (probing a few ways) of arrays that are never written after they are made: safe to share
 * between threads (a race leaves an equal array in place, costing a future reference comparison its shortcut, never
 * a wrong name), and bounded whatever the input.
 */
public final class NameLayouts {
    private static final int WAYS = 256;
    /** Ways a layout may sit in, from its own on (hashes of name instances differ from run to run). */
    private static final int PROBES = 4;
    private final String[][] layouts = new String[WAYS][];

    /** The shared array whose names are {@code names}' instances, in order: {@code names} itself the first time. */
    public String[] shared(final String[] names) {
        final int h = hash(names);
        for (int p = 0; p < PROBES; p++) {
            final String[] cached = layouts[(h + p) & (WAYS - 1)];
            if (cached == null) {
                layouts[(h + p) & (WAYS - 1)] = names;
                return names;
            }
            if (sameInstances(cached, names)) {
                return cached;
            }
        }
        layouts[h & (WAYS - 1)] = names; // every way taken: the newest layout wins its own
        return names;
    }

    /** A hash of the name instances (not their text): equal for arrays {@link #sameInstances}. */
    public static int hash(final String[] names) {
        int h = names.length;
        for (String n : names) {
            h = 31 * h + System.identityHashCode(n);
        }
        return h ^ (h >>> 16);
    }

    /** Whether both arrays hold the same instances in the same order. */
    public static boolean sameInstances(final String[] a, final String[] b) {
        if (a == b) {
            return true;
        }
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
