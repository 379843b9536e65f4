package io.fraudstream.learn;

import java.util.function.ToIntFunction;

/**
 * The slots a model or learner gives the names of a feature vector, looked up once per <i>layout</i> (the sequence
 * of name instances) instead of once per name and vector.
 *
 * <p>Why: nearly every vector a stage makes carries the same few dozen name instances (each feature source keeps
 * its names as constants) in one of a handful of layouts (a card without history lacks some), while a
 * {@code HashMap<String, Integer>} lookup per name per vector was a quarter of a retraining round's CPU (profiled on
 * a 183-day replay: the holdout scored by every candidate, every online step). A layout is recognised by identity:
 * same length, the same instances in the same order. A vector whose names are equal but fresh instances (parsed
 * from a record) misses, and is looked up name by name as before: slower, never wrong.
 *
 * <p>A direct-mapped cache of immutable entries: safe to share between threads (a race costs a recomputation), and
 * bounded whatever the input. {@code slotOf} must give a name the same slot for as long as the cache is used (a
 * learner whose names grow only appends, and gives −1 only once it is full).
 */
final class FeatureSlots {
    private static final int WAYS = 64;
    private final Layout[] layouts = new Layout[WAYS];
    private final ToIntFunction<String> slotOf;

    FeatureSlots(final ToIntFunction<String> slotOf) {
        this.slotOf = slotOf;
    }

    /** The slot of each name, −1 for a name without one (the returned array must not be changed). */
    int[] of(final String[] names) {
        int h = names.length;
        for (String n : names) {
            h = 31 * h + System.identityHashCode(n);
        }
        final int way = (h ^ (h >>> 16)) & (WAYS - 1);
        final Layout cached = layouts[way];
        if (cached != null && cached.is(names)) {
            return cached.slots;
        }
        final int[] slots = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            slots[i] = slotOf.applyAsInt(names[i]);
        }
        layouts[way] = new Layout(names.clone(), slots);
        return slots;
    }

    private record Layout(String[] names, int[] slots) {
        boolean is(final String[] other) {
            if (other.length != names.length) {
                return false;
            }
            for (int i = 0; i < other.length; i++) {
                if (other[i] != names[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
