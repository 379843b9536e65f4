package io.fraudstream.model;

import io.fraudstream.feature.NameLayouts;
import java.util.function.ToIntFunction;

/**
 * The slots a model or learner gives the names of a feature vector, looked up once per <i>layout</i> (the sequence
 * of name instances) instead of once per name and vector.
 *
 * <p>Why: nearly every vector a stage makes carries the same few dozen name instances (each feature source keeps
 * its names as constants) in one of a handful of layouts (a card without history lacks some), while a
 * {@code HashMap<String, Integer>} lookup per name per vector was a quarter of a retraining round's CPU (profiled on
 * a 183-day replay: the holdout scored by every candidate, every online step). A layout is recognised by identity:
 * first of the names array itself (the extractor's vectors share one array per layout, {@code feature.NameLayouts}),
 * then of its name instances in order. A vector whose names are equal but fresh instances (parsed from a record)
 * misses, and is looked up name by name as before: slower, never wrong.
 *
 * <p>A small hashed cache of immutable entries (probing a few ways): safe to share between threads (a race costs a
 * recomputation), and bounded whatever the input. {@code slotOf} must give a name the same slot for as long as the
 * cache is used (a learner whose names grow only appends, and gives −1 only once it is full).
 */
public final class FeatureSlots {
    private static final int WAYS = 64;
    /**
     * Ways a shared array may sit in, from its own on: identity hashes differ from run to run, and two of the few
     * layouts in one way, evicting each other, sent every lookup of both down the slow path in some runs.
     */
    private static final int PROBES = 4;
    /** By the names array's identity: a shared array is found by one comparison. */
    private final Layout[] byArray = new Layout[WAYS];
    /** By the name instances: any array of them, shared or not. */
    private final Layout[] byNames = new Layout[WAYS];
    private final ToIntFunction<String> slotOf;

    public FeatureSlots(final ToIntFunction<String> slotOf) {
        this.slotOf = slotOf;
    }

    /** The slot of each name, −1 for a name without one (the returned array must not be changed). */
    public int[] of(final String[] names) {
        final int byIdentity = System.identityHashCode(names);
        int free = byIdentity & (WAYS - 1); // where a new layout goes: the first empty way probed, else its own
        for (int p = 0; p < PROBES; p++) {
            final int probe = (byIdentity + p) & (WAYS - 1);
            final Layout shared = byArray[probe];
            if (shared == null) {
                free = probe;
                break;
            }
            if (shared.names == names) { // a vector of a shared layout (feature.NameLayouts)
                return shared.slots;
            }
        }
        final int way = NameLayouts.hash(names) & (WAYS - 1);
        final Layout known = byNames[way];
        if (known != null && NameLayouts.sameInstances(known.names, names)) {
            return known.slots; // an unshared array (a decoded vector): not worth remembering by identity
        }
        final int[] slots = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            slots[i] = slotOf.applyAsInt(names[i]);
        }
        final Layout layout = new Layout(names, slots);
        byNames[way] = layout;
        byArray[free] = layout;
        return slots;
    }

    /** A layout's names (an array no one writes to: a feature vector's) and their slots. */
    private record Layout(String[] names, int[] slots) {
    }
}
