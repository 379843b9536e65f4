package io.fraudstream.eval;

/**
 * SplitMix64's finaliser, the evaluator's one 64-bit mixer: every input bit moves every output bit. It spreads the
 * card hashes that sample the mature views ({@link RollingEvaluator}) and the keys of the open-addressing tables
 * ({@link RankedScores}, {@link CardPrecision}), whose raw bits share their low bits (ranked scores) or are weak
 * (FNV-1a of short ids). The function is part of the evaluator's stored state (which cards a sample keeps), so it
 * never changes.
 */
final class Mix64 {
    private Mix64() {
    }

    static long mix(final long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
