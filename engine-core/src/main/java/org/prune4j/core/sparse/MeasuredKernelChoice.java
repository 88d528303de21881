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
     * The faster path for key. On first sight of the key both paths are measured
     * (see {@link #faster}). Density enters the key rounded to 1% so a mask that changes
     * slightly keeps its measurement.
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
        p = faster(dense, sparse);
        CACHE.put(key, p);
        return p;
    }

    /**
     * Times the two paths alternately (so a burst of load from elsewhere hits both), after
     * three warm-up runs each so the JIT has compiled the kernels, until each has run at
     * least five times and for at least 20 ms in total (at most 40 runs each), and compares
     * their best times: the minimum is the least disturbed estimate on a shared machine.
     */
    static Path faster(Runnable dense, Runnable sparse) {
        for (int i = 0; i < 3; i++) {
            dense.run();
            sparse.run();
        }
        long bestD = Long.MAX_VALUE, bestS = Long.MAX_VALUE, totalD = 0, totalS = 0;
        for (int i = 0; i < 40 && (i < 5 || totalD + totalS < 40_000_000L); i++) {
            long t0 = System.nanoTime();
            dense.run();
            long t1 = System.nanoTime();
            sparse.run();
            long t2 = System.nanoTime();
            bestD = Math.min(bestD, t1 - t0);
            bestS = Math.min(bestS, t2 - t1);
            totalD += t1 - t0;
            totalS += t2 - t1;
        }
        return bestS < bestD ? Path.SPARSE : Path.DENSE;
    }
}
