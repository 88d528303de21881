package org.prune4j.data;

/**
 * Derives independent seeds from a base seed and integer keys (epoch, sample index) with the
 * SplitMix64 finaliser. Deriving instead of drawing from a shared stream is what makes the
 * data order and every augmentation a pure function of (seed, epoch, index): the same with
 * or without prefetch, with any number of worker threads, and when an epoch is replayed.
 */
final class SeedMixer {
    private SeedMixer() {}

    static long derive(long seed, long... keys) {
        long h = mix64(seed);
        for (long k : keys) h = mix64(h ^ mix64(k + 0x9E3779B97F4A7C15L));
        return h;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
