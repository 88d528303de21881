package org.prune4j.simd.sparse;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Index plans (offsets, k-block starts, conv deltas, transposed taps) remembered per CSR
 * structure. A CsrMatrix's rowPtr and colIdx never change (values may, and
 * {@code CsrMatrix.withValues} shares them), and a pruned layer keeps one structure until its mask changes, so a plan
 * built once serves every later call with the same structure and geometry: per-image 1x1
 * convolutions at batch 64 rebuilt an O(nnz) plan 64 times per layer call before. Plans
 * hold no values. Keys are the structure arrays by identity (held weakly, so a dropped
 * mask's plans go with it) plus a small descriptor of the call (its geometry); a handful
 * of entries in round-robin order cover the layers of a step without growing.
 */
final class PlanCache {
    private static final int SLOTS = 32;

    private record Entry(WeakReference<int[]> rowPtr, WeakReference<int[]> colIdx, Object key, Object plan) {}

    private static final Entry[] ENTRIES = new Entry[SLOTS];
    private static int next;

    private PlanCache() {}

    @SuppressWarnings("unchecked")
    static <T> T get(CsrMatrix a, Object key, Supplier<T> build) {
        int[] rp = a.rowPtr(), ci = a.colIdx();
        synchronized (ENTRIES) {
            for (Entry e : ENTRIES) {
                if (e != null && e.rowPtr.get() == rp && e.colIdx.get() == ci && e.key.equals(key)) return (T) e.plan;
            }
        }
        T plan = build.get();
        synchronized (ENTRIES) {
            ENTRIES[next] = new Entry(new WeakReference<>(rp), new WeakReference<>(ci), key, plan);
            next = (next + 1) % SLOTS;
        }
        return plan;
    }
}
