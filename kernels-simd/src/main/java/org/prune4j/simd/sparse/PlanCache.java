package org.prune4j.simd.sparse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Index plans (offsets, k-block starts, conv deltas, transposed taps) remembered per CSR structure, on the structure
 * itself ({@link CsrMatrix#plan}): a CsrMatrix's rowPtr and colIdx never change (values may, and
 * {@code CsrMatrix.withValues} shares them), and a pruned layer keeps one structure until its mask changes, so a
 * plan built once serves every later call with the same structure and call descriptor (its geometry). Plans hold
 * no values. This was a global 32-slot round robin: a pruned ResNet-32 asks for 54 plans per inference call and 114
 * per training step, so every call rebuilt all of them, and compiled inference at batch 1 at 90% took 0.90–0.96 ms
 * per call instead of 0.49–0.55 (PlanBuilds, docs/sittings/2026-12-05-s33).
 */
final class PlanCache {
    /** Plans built since start, for tests that check they are built once. */
    static final AtomicLong BUILDS = new AtomicLong();

    private PlanCache() {}

    static <T> T get(CsrMatrix a, Object key, Supplier<T> build) {
        return a.plan(key, () -> {
            BUILDS.incrementAndGet();
            return build.get();
        });
    }
}
