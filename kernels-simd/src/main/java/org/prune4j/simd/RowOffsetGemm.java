package org.prune4j.simd;

import org.prune4j.core.kernels.Parallel;

import static org.prune4j.simd.Sgemm.MR;
import static org.prune4j.simd.Sgemm.NR;

/**
 * C = A·B where row p of B is the slice b[rows[p], rows[p] + n): the GEMM of an
 * implicit-GEMM convolution, whose B rows are shifted views of padded input planes
 * (see {@link ImplicitConv}). A is packed as in {@link Sgemm}; B is never packed or
 * materialised: {@link MicroKernel#tileRows} reads it in place. n must be a multiple
 * of NR (the layout pads its columns), so every tile is full width. Column panels are
 * split over threads when the caller is not already parallel; each C element is summed
 * by one thread in a fixed order.
 */
final class RowOffsetGemm {
    private RowOffsetGemm() {}

    /**
     * From this many rows of A on, B is packed per k slice like {@link Sgemm}'s (from the row
     * offsets, {@link GemmPacking#packRows}): every B panel then serves all of A from L1 instead
     * of being re-read in place, from L2 or beyond, once per MR rows. Not final only so probes
     * (in this package) can move it; session 9 measured it through a system property, dropped
     * because Integer.getInteger ignores a malformed value without a word.
     */
    static int PACK_MIN_ROWS = 128;

    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] rows, float[] c, int ldc) {
        int panels = n / NR;
        long work = (long) m * n * k;
        Parallel.forRange(panels, work < Sgemm.PARALLEL_MIN ? panels : 1, (from, to) -> {
            Scratch s = Scratch.get();
            int kcMax = Sgemm.kcStep(k);
            int mcMax = Sgemm.mcStep(kcMax);
            float[] ap = s.floats(Scratch.PACK_A, (Math.min(mcMax, m) + MR - 1) / MR * MR * kcMax);
            float[] t = s.floats(Scratch.TILE, MR * NR);
            boolean packed = m >= PACK_MIN_ROWS;
            float[] bp = packed ? s.floats(Scratch.PACK_B, Math.min(Sgemm.NCB, (to - from) * NR) * kcMax) : null;
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                int kc = Math.min(kcMax, k - p0);
                float beta = p0 == 0 ? 0f : 1f;
                if (packed) {
                    for (int jb = from * NR; jb < to * NR; jb += Sgemm.NCB) {
                        int ncb = Math.min(Sgemm.NCB, to * NR - jb);
                        GemmPacking.packRows(b, rows, p0, kc, jb, ncb, bp);
                        Sgemm.packedBlock(false, a, aOff, lda, 0, m, p0, kc, mcMax, ap, bp, ncb, c, jb, ldc, 1f, beta, t);
                    }
                    continue;
                }
                for (int ib = 0; ib < m; ib += mcMax) {
                    int mc = Math.min(mcMax, m - ib);
                    GemmPacking.packA(false, a, aOff, lda, ib, mc, p0, kc, ap);
                    for (int jr = from * NR; jr < to * NR; jr += NR)
                        for (int ir = 0; ir < mc; ir += MR) {
                            MicroKernel.tileRows(kc, ap, ir * kc, b, rows, p0, jr, t);
                            MicroKernel.writeBack(t, Math.min(MR, mc - ir), NR, c, (ib + ir) * ldc + jr, ldc, 1f, beta);
                        }
                }
            }
        });
    }
}
