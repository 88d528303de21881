package org.prune4j.core.sparse;

import java.util.concurrent.ConcurrentHashMap;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Parallel;

/**
 * Chooses between the dense and the sparse kernel of a layer by measuring both once per
 * (backend, threads, shape, density) key and caching the winner, as LIBXSMM does for
 * its code paths — no guessed density threshold. The policy can be forced with
 * {@code -Dprune4j.sparse=auto|sparse|dense} (or PRUNE4J_SPARSE), e.g. to make tests
 * exercise one path deterministically.
 */
public final class MeasuredKernelChoice {
    public enum Path { DENSE, SPARSE }

    public enum Policy { AUTO, SPARSE, DENSE }

    private static final ConcurrentHashMap<String, Path> CACHE = new ConcurrentHashMap<>();
    private static volatile Policy policy = initialPolicy();

    private MeasuredKernelChoice() {}

    private static Policy initialPolicy() {
        String v = System.getProperty("prune4j.sparse");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_SPARSE");
        if (v == null || v.isBlank()) return Policy.AUTO;
        try {
            return Policy.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prune4j.sparse / PRUNE4J_SPARSE must be auto, sparse or dense, got '" + v + "'");
        }
    }

    public static Policy policy() { return policy; }

    public static void setPolicy(Policy p) {
        if (p == null) throw new IllegalArgumentException("policy must not be null");
        policy = p;
    }

    /** Forgets every measurement (e.g. after the thread count or backend changed mid-run). */
    public static void clear() { CACHE.clear(); }

    /** The cached decision for key, if one was measured. */
    public static Path cached(String key) { return CACHE.get(fullKey(key)); }

    private static String fullKey(String key) {
        return Backends.get().name() + "|t" + Parallel.threads() + "|" + key;
    }

    /**
     * The faster path for key. On first sight of the key each runnable runs once to warm
     * up and then three times, and the smaller best time wins. Density enters the key
     * rounded to 1% so a mask that changes slightly keeps its measurement.
     */
    public static Path choose(String shapeKey, double density, Runnable dense, Runnable sparse) {
        switch (policy) {
            case SPARSE: return Path.SPARSE;
            case DENSE: return Path.DENSE;
            default: break;
        }
        String key = fullKey(shapeKey + "|d" + Math.round(density * 100));
        Path p = CACHE.get(key);
        if (p != null) return p;
        long td = best(dense), ts = best(sparse);
        p = ts < td ? Path.SPARSE : Path.DENSE;
        CACHE.put(key, p);
        return p;
    }

    private static long best(Runnable r) {
        r.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
