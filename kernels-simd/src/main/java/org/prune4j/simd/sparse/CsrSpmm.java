package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * C[m×n] = A[m×k]·B[k×n] with A in CSR and B, C dense row-major, in XNNPACK's
 * sparse-inference layout: rows of B are input channels, its columns spatial (or batch)
 * positions, and vectors run along the columns. For each nonzero one weight is
 * broadcast and multiplied into a 4-vector register tile of the output row, so a
 * nonzero costs one load and one FMA per vector (see {@link ShiftedSum}).
 *
 * <p>Serves Linear with activations transposed (Yᵀ = W·Xᵀ) and 1x1 convolution per image
 * (m = Cout, k = Cin, n = H·W). Wide problems are split across threads by column panels,
 * so each thread streams its own part of B; narrow ones by rows of equal nonzero count.
 * Each output is one fixed-order sum, so results are identical for any thread count.
 */
public final class CsrSpmm {
    /** Column panels per thread below which splitting by rows balances better. */
    private static final int MIN_PANELS_PER_THREAD = 4;

    private CsrSpmm() {}

    /** Kernels.spmm: C = A·B (+bias per row, then ReLU), or C += A·B when accumulate. */
    public static void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff,
                            float[] bias, boolean relu, boolean accumulate) {
        if (accumulate && (bias != null || relu)) {
            throw new IllegalArgumentException("spmm: accumulate cannot be combined with bias or relu");
        }
        int m = a.rows();
        if (m == 0 || n == 0) return;
        // Precomputed start of each nonzero's B row, shared read-only by all threads.
        int[] ci = a.colIdx();
        int nnz = a.nnz();
        int[] offs = new int[nnz];
        for (int p = 0; p < nnz; p++) offs[p] = bOff + ci[p] * n;
        int[] ptr = a.rowPtr();
        float[] vals = a.values();

        int threads = Parallel.threads();
        int panels = n / ShiftedSum.TILE;
        if (threads > 1 && panels >= threads * MIN_PANELS_PER_THREAD) {
            // Column panels: boundaries on whole tiles; the last part also takes the tail.
            Parallel.forRange(panels, 1, (from, to) -> {
                int q0 = from * ShiftedSum.TILE;
                int q1 = to == panels ? n : to * ShiftedSum.TILE;
                ShiftedSum.run(vals, offs, ptr, 0, m, b, 0, q0, q1, c, cOff, n, bias, relu, accumulate);
            });
        } else {
            int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m)), 2);
            Parallel.forEach(rows.length - 1, part -> {
                int r0 = rows[part], r1 = rows[part + 1];
                if (r0 < r1) {
                    ShiftedSum.run(vals, offs, ptr, r0, r1, b, 0, 0, n, c, cOff + r0 * n, n, bias, relu, accumulate);
                }
            });
        }
    }
}
