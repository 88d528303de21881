package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Sampled dense-dense product: for every stored entry p = (i, j) of a CSR pattern,
 * out[p] = Σ_t A[i, t]·B[j, t] with A (m×n) and B (k×n) dense row-major. This is the
 * weight gradient dY·Xᵀ of a pruned layer evaluated at the mask's nonzeros only, so its
 * cost is nnz·n instead of m·k·n.
 *
 * <p>Rows of the pattern are split between threads by nonzero count. The t axis is cut
 * into chunks sized so the chunk of all B rows stays in L2 while every row of A that
 * references them passes by; without that, each B row would come from memory once per
 * pattern row that uses it. Partial sums of the chunks are added in double, in chunk
 * order, so results do not depend on the thread count.
 */
public final class Sddmm {
    /** Bytes of B one chunk may occupy: half of a typical 1-2 MB L2, leaving room for A. */
    private static final int L2_BUDGET_BYTES = 512 * 1024;

    private Sddmm() {}

    /** Kernels.sddmm: out[p] = dot(A[i], B[j]) for each stored (i, j), or out[p] += ... when accumulate. */
    public static void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff,
                             float[] out, boolean accumulate) {
        int m = pattern.rows(), k = pattern.cols(), nnz = pattern.nnz();
        if (nnz == 0) return;
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        int[] offs = PlanCache.get(pattern, new PlanKey(n), () -> {
            int[] o = new int[nnz];
            for (int p = 0; p < nnz; p++) o[p] = ci[p] * n;
            return o;
        });
        double[] acc = new double[nnz];
        int chunk = chunkLength(n, k);
        int threads = Parallel.threads();
        int[] rows = RowSplit.byWork(rp, m, Math.max(1, Math.min(threads, m)), 1);
        Parallel.forEach(rows.length - 1, part -> {
            int r0 = rows[part], r1 = rows[part + 1];
            for (int t0 = 0; t0 < n; t0 += chunk) {
                int len = Math.min(chunk, n - t0);
                for (int i = r0; i < r1; i++) {
                    ShiftedDot.dots(a, aOff + i * n + t0, b, offs, bOff + t0, rp[i], rp[i + 1], len, acc);
                }
            }
            for (int p = rp[r0]; p < rp[r1]; p++) out[p] = accumulate ? out[p] + (float) acc[p] : (float) acc[p];
        });
    }

    private record PlanKey(int n) {}

    /** Whole rows when B fits the budget, else a multiple of two vectors (the dot unroll). */
    static int chunkLength(int n, int k) {
        long bytes = 4L * n * Math.max(1, k);
        if (bytes <= L2_BUDGET_BYTES) return Math.max(1, n);
        int step = 2 * ShiftedSum.V;
        int len = L2_BUDGET_BYTES / 4 / Math.max(1, k) / step * step;
        return Math.max(4 * step, len);
    }
}
