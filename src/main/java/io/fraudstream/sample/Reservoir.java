package io.fraudstream.sample;

import io.fraudstream.eval.Curves;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded random sample of one class's stream of labelled examples.
 *
 * <p>Design. {@link Kind#UNIFORM}: Vitter's Algorithm R (J. S. Vitter, "Random sampling with a reservoir", ACM
 * TOMS 11(1), 1985). The first {@code k} examples fill the reservoir; the n-th (n &gt; k) replaces a uniformly
 * chosen slot with probability k/n. Guarantee: after n examples, each of them is in the sample with probability
 * exactly k/n, whatever the order. {@link Kind#TIME_BIASED}: weighted sampling without replacement
 * (P. Efraimidis and P. Spirakis, "Weighted random sampling with a reservoir", IPL 97(5), 2006, algorithm A-Res)
 * with weight {@code w = 2^(t / halfLife)} for an example of event time t. A-Res keeps the k largest keys
 * {@code u^(1/w)}; here in log form, {@code t·ln2/halfLife − ln(−ln u)}, a Gumbel-perturbed log-weight, so keys of
 * old examples never need recomputing as time moves on: an example one half-life older than another is half as
 * likely to be drawn into the sample, and old behaviour ages out. Memory: k examples, in both kinds.
 *
 * <p>Admission (TIME_BIASED only): once a stream spans more than a few half-lives, almost every new example
 * out-ranks the oldest one held, so almost every example would be written to the changelogged store. An admission
 * probability {@code a < 1} first thins the stream (Bernoulli, independent of the example): the reservoir is then
 * a time-biased sample of a uniform subsample of the stream — the same distribution for a large stream — at a
 * fraction {@code a} of the writes. An offer may name its own admission: examples worth more than the rest of
 * their class (the learner's false alarms) are then kept more often, in proportion.
 *
 * <p>Randomness is counter-based (SplitMix64 of the seed and the example's index in the stream), so the sample
 * depends only on the seed and the sequence of examples: a reservoir restored from its store after a restart
 * continues exactly as if it had never stopped. Not thread-safe.
 */
public final class Reservoir {
    /** How examples are kept. */
    public enum Kind { UNIFORM, TIME_BIASED }

    private final Kind kind;
    private final int capacity;
    private final long seed;
    private final double lambda;
    private final double admission;
    private final Example[] examples;
    private final double[] keys;
    /** TIME_BIASED: slots in a binary min-heap by key (the first to go is at the root). */
    private final int[] heap;
    private int size;
    private long seen;

    /**
     * @param halfLifeMillis TIME_BIASED only: event time over which an example's weight halves
     */
    public Reservoir(final Kind kind, final int capacity, final long seed, final long halfLifeMillis) {
        this(kind, capacity, seed, halfLifeMillis, 1);
    }

    /**
     * @param admission TIME_BIASED only: probability that an offered example is considered at all, in (0, 1]
     */
    public Reservoir(final Kind kind, final int capacity, final long seed, final long halfLifeMillis,
                     final double admission) {
        if (!(admission > 0 && admission <= 1)) {
            throw new IllegalArgumentException("admission must be in (0, 1]");
        }
        this.admission = kind == Kind.TIME_BIASED ? admission : 1;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        if (kind == Kind.TIME_BIASED && halfLifeMillis <= 0) {
            throw new IllegalArgumentException("halfLifeMillis must be > 0");
        }
        this.kind = kind;
        this.capacity = capacity;
        this.seed = seed;
        this.lambda = kind == Kind.TIME_BIASED ? Math.log(2) / halfLifeMillis : 0;
        this.examples = new Example[capacity];
        this.keys = new double[capacity];
        this.heap = new int[capacity];
    }

    /**
     * Offers the next example of the stream; returns the slot it now occupies, or -1 when it was not kept
     * (the caller persists the slot's new content: {@link #encoded(int)}).
     */
    public int offer(final Example e) {
        return offer(e, admission);
    }

    /**
     * As {@link #offer(Example)}, this example considered at all with probability {@code admission} in (0, 1]
     * instead of the reservoir's own (TIME_BIASED only): for examples worth more, or less, than the rest.
     */
    public int offer(final Example e, final double admission) {
        final long n = seen++;
        final double u = uniform(seed, n);
        if (kind == Kind.UNIFORM) {
            if (size < capacity) {
                examples[size] = e;
                return size++;
            }
            final long j = (long) (u * (n + 1)); // uniform in [0, n]
            if (j < capacity) {
                examples[(int) j] = e;
                return (int) j;
            }
            return -1;
        }
        if (admission < 1 && uniform(~seed, n) >= admission) {
            return -1;
        }
        final double key = lambda * e.time() - Math.log(-Math.log(u));
        if (size < capacity) {
            final int slot = size++;
            examples[slot] = e;
            keys[slot] = key;
            heap[size - 1] = slot;
            siftUp(size - 1);
            return slot;
        }
        if (key <= keys[heap[0]]) {
            return -1;
        }
        final int slot = heap[0];
        examples[slot] = e;
        keys[slot] = key;
        siftDown(0);
        return slot;
    }

    /** The stored form of a slot: its key and example. */
    public byte[] encoded(final int slot) {
        return ExampleCodec.encode(examples[slot], keys[slot]);
    }

    /**
     * Puts back a slot read from the store; when every slot is back, {@link #restored} completes the restore.
     * Slots may come in any order but must be exactly 0..size-1, as {@link #offer} fills them.
     */
    public void restore(final int slot, final byte[] stored) {
        if (slot < 0 || slot >= capacity) {
            return; // the reservoir was made smaller since: slots past its end are dropped
        }
        if (examples[slot] == null) {
            size++;
        }
        examples[slot] = ExampleCodec.decode(stored);
        keys[slot] = ExampleCodec.tag(stored);
    }

    /** Completes a restore: the number of examples offered before it, as {@link #seen()} reported. */
    public void restored(final long seenBefore) {
        seen = seenBefore;
        for (int i = 0; i < size; i++) {
            heap[i] = i;
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Examples offered so far. */
    public long seen() {
        return seen;
    }

    public int size() {
        return size;
    }

    public Kind kind() {
        return kind;
    }

    public int capacity() {
        return capacity;
    }

    /** A copy that goes its own way: a retraining round draws from one on its own thread while this one fills. */
    public Reservoir copy() {
        return new Reservoir(this);
    }

    private Reservoir(final Reservoir r) {
        this.kind = r.kind;
        this.capacity = r.capacity;
        this.seed = r.seed;
        this.lambda = r.lambda;
        this.admission = r.admission;
        this.examples = r.examples.clone();
        this.keys = r.keys.clone();
        this.heap = r.heap.clone();
        this.size = r.size;
        this.seen = r.seen;
    }

    public Example get(final int slot) {
        return examples[slot];
    }

    /** The examples held now, in slot order. */
    public List<Example> examples() {
        return new ArrayList<>(Arrays.asList(examples).subList(0, size));
    }

    /**
     * The slots in a random order for drawing a batch: uniformly shuffled for UNIFORM; for TIME_BIASED, a weighted
     * order without replacement by the same weights as the reservoir's (fresh Gumbel keys on {@code t·ln2/halfLife}),
     * so that within the reservoir, too, an example one half-life older is half as likely to come first: old
     * behaviour ages out of the batches even before the reservoir is full.
     */
    public int[] drawOrder(final SplittableRandom random) {
        if (kind == Kind.TIME_BIASED) {
            final double[] key = new double[size];
            final long newest = newestTime();
            for (int i = 0; i < size; i++) {
                key[i] = lambda * (examples[i].time() - newest)
                        - Math.log(-Math.log(random.nextDouble() * (1 - 1e-16) + 1e-17));
            }
            return Curves.descending(key);
        }
        final int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * {@code n} slots drawn with replacement: uniformly for UNIFORM; for TIME_BIASED, in proportion to the weights
     * {@code 2^((t − newest)/halfLife)}, so a batch that wants more examples than the reservoir holds repeats the
     * recent ones rather than reviving old behaviour.
     */
    public int[] drawWithReplacement(final int n, final SplittableRandom random) {
        final int[] out = new int[n];
        if (kind == Kind.UNIFORM) {
            for (int i = 0; i < n; i++) {
                out[i] = random.nextInt(size);
            }
            return out;
        }
        final double[] cumulative = new double[size];
        final long newest = newestTime();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += Math.exp(lambda * (examples[i].time() - newest));
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            final int at = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            out[i] = Math.min(size - 1, at >= 0 ? at : -at - 1);
        }
        return out;
    }

    private long newestTime() {
        long t = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            t = Math.max(t, examples[i].time());
        }
        return t;
    }

    /** A uniform double in (0, 1) from SplitMix64 of the seed and an index. */
    static double uniform(final long seed, final long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) + 0.5) * 0x1.0p-53;
    }

    private void siftUp(int i) {
        while (i > 0) {
            final int parent = (i - 1) / 2;
            if (keys[heap[parent]] <= keys[heap[i]]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            final int l = 2 * i + 1;
            final int r = l + 1;
            int least = i;
            if (l < size && keys[heap[l]] < keys[heap[least]]) {
                least = l;
            }
            if (r < size && keys[heap[r]] < keys[heap[least]]) {
                least = r;
            }
            if (least == i) {
                return;
            }
            swap(i, least);
            i = least;
        }
    }

    private void swap(final int a, final int b) {
        final int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
