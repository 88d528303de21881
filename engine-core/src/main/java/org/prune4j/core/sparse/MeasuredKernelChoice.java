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
    private static final ConcurrentHashMap<String, Boolean> INLINE = new ConcurrentHashMap<>();
    /** Read from the settings on first use, so a bad value fails that call with its message, not the class's loading. */
    private static volatile Boolean measureInline;
    private static volatile Policy policy;

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

    private static boolean initialInline() {
        String v = System.getProperty("prune4j.inline");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_INLINE");
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("auto")) return true;
        if (v.trim().equalsIgnoreCase("never")) return false;
        throw new IllegalArgumentException("prune4j.inline / PRUNE4J_INLINE must be auto or never, got '" + v + "'");
    }

    public static Policy policy() {
        Policy p = policy;
        if (p == null) policy = p = initialPolicy();
        return p;
    }

    private static boolean measureInline() {
        Boolean b = measureInline;
        if (b == null) measureInline = b = initialInline();
        return b;
    }

    public static void setPolicy(Policy p) {
        if (p == null) throw new IllegalArgumentException("policy must not be null");
        policy = p;
    }

    /** Forgets every measurement (e.g. after the thread count or backend changed mid-run). */
    public static void clear() {
        CACHE.clear();
        INLINE.clear();
    }

    /**
     * Whether work (key names it) runs faster on the calling thread alone ({@link Parallel#inline}) than on the pool: measured
     * once per (backend, threads, key) as {@link #choose} measures paths, the two forms alternating. Small layers at
     * batch 1 lose more to the hand-off between threads than the second core gives back (ResNet-32's 3×3 layers at
     * batch 1: 0.035 ms on one thread, 0.044 on two), larger ones gain (MobileNet's 112×112 1×1: 0.44 → 0.29 ms), and
     * where the line falls depends on the kernel and the machine, so it is measured rather than set. Always false
     * with one thread, or when {@code -Dprune4j.inline=never} (PRUNE4J_INLINE) keeps every region on the pool.
     */
    public static boolean inlineFaster(String key, Runnable work) {
        return inlineFaster(key, work, () -> Parallel.inline(() -> {
            work.run();
            return null;
        }));
    }

    /** {@link #inlineFaster(String, Runnable)} with its two forms given (tests time forms of known speed). */
    static boolean inlineFaster(String key, Runnable pooled, Runnable inline) {
        if (!measureInline() || Parallel.threads() <= 1) return false;
        String k = fullKey(key);
        Boolean b = INLINE.get(k);
        if (b != null) return b;
        b = faster(pooled, inline, INLINE_MIN_NANOS) == Path.SPARSE;
        INLINE.put(k, b);
        return b;
    }

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
        switch (policy()) {
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

    /** At least this long in timed rounds, so the JIT has time to compile a path seen for the first time. */
    static final long MIN_NANOS = 100_000_000L;
    /**
     * At least this long for {@link #inlineFaster}: both forms run the same kernel, already compiled by the layer's
     * earlier calls, so there is no new path for the JIT to settle (a ResNet-8 compiled under two policies at two
     * batch sizes spent 40 s more in ExportTest with the 100 ms above).
     */
    static final long INLINE_MIN_NANOS = 20_000_000L;
    /** At most this long, for kernels whose times never settle on a noisy machine. */
    static final long MAX_NANOS = 2_000_000_000L;

    /**
     * Times the two paths alternately (so a burst of load from elsewhere hits both) and
     * compares their best times — the minimum is the least disturbed estimate on a shared
     * machine. Measuring stops once both minima have stopped improving (no gain over 3% in
     * the last 10 rounds) and at least {@link #MIN_NANOS} have passed, or after
     * {@link #MAX_NANOS}. The settling rule matters: a path met for the first time
     * runs interpreted or in the first-tier JIT for its first runs, while the other path may
     * be long compiled (dense GEMM after a training run); three warm-ups and a fixed 40 ms,
     * as this used to do, made the export of a freshly trained model pick the dense kernel
     * for layers whose compiled sparse kernel is faster (demo: 1 sparse layer; the same
     * checkpoint exported in a fresh JVM: 4).
     */
    /** Path.SPARSE when the second runnable measured faster. */
    static Path faster(Runnable dense, Runnable sparse) {
        return faster(dense, sparse, MIN_NANOS);
    }

    static Path faster(Runnable dense, Runnable sparse, long minNanos) {
        for (int i = 0; i < 3; i++) {
            dense.run();
            sparse.run();
        }
        long bestD = Long.MAX_VALUE, bestS = Long.MAX_VALUE;
        long start = System.nanoTime();
        int stale = 0;
        for (int round = 0; ; round++) {
            long t0 = System.nanoTime();
            dense.run();
            long t1 = System.nanoTime();
            sparse.run();
            long t2 = System.nanoTime();
            boolean improved = t1 - t0 < bestD - bestD / 32 || t2 - t1 < bestS - bestS / 32;
            bestD = Math.min(bestD, t1 - t0);
            bestS = Math.min(bestS, t2 - t1);
            stale = improved ? 0 : stale + 1;
            long elapsed = t2 - start;
            if (elapsed >= MAX_NANOS || (round >= 5 && stale >= 10 && elapsed >= minNanos)) break;
        }
        return bestS < bestD ? Path.SPARSE : Path.DENSE;
    }
}
