package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.Parallel;

/**
 * Blocked single-precision GEMM, C = alpha·op(A)·op(B) + beta·C, row-major (the
 * GotoBLAS/BLIS scheme). C is cut into one rectangular part per thread (column ranges
 * when C is wide enough, else row ranges); each part is computed start to end by one
 * thread, so every element of C is summed in the same order whatever the thread count.
 * Within a part: for each NCB-column, kc-deep slice the B block is packed once
 * (kc×NCB, L3); for each mc-row slice the A block is packed (mc×kc, L2); then each
 * NR-wide B micro-panel (kc×NR, L2) meets every MR-row A micro-panel of the block.
 * Every micro-tile lands in a small scratch tile first and is then written to C with
 * alpha and beta; edge tiles take the same path with a scalar copy, so the micro-kernel
 * never needs a masked load.
 */
final class Sgemm {
    private Sgemm() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;
    /**
     * The deepest k slice. 1024 (split evenly, see {@link #kcStep}) against 512: 2048³ on 2
     * threads 20.4 against 18.5 GEMMs/s, median of 5 interleaved JMH runs (higher in all 5
     * pairs), 1024³ and 128×2048×1152 alike. Each slice reads and writes C once more, and a
     * C tile's 8 rows, 8 KB apart, miss the prefetcher.
     */
    static final int KC = 1024;
    /** Floats of A packed per block (192 KB, in L2): 48 rows at kc = 1024, 96 at 512. */
    static final int A_BLOCK = 48 * 1024;
    static final int NCB = 2048;
    /** Below this many multiply-adds packing costs more than it saves. */
    static final long SMALL = 16 * 16 * 16;
    /** Parts with at most this many rows read B in place instead of packing it (see MicroKernel.tileDirect). */
    static final int DIRECT_B_MAX_ROWS = 4 * MR;
    /** Below this many multiply-adds a problem stays on the caller's thread. */
    static final long PARALLEL_MIN = 1L << 21;

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (work <= SMALL) {
            SmallGemm.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (RowGemv.suits(m, tb)) {
            RowGemv.gemm(n, k, alpha, a, aOff, ta ? lda : 1, b, bOff, ldb, beta, c, cOff);
            return;
        }
        if (DotGemm.suits(ta, tb, m, n, k)) {
            DotGemm.gemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int parts = work < PARALLEL_MIN ? 1 : Parallel.threads();
        boolean splitColumns = n >= parts * 4 * NR || n >= m;
        int unit = splitColumns ? NR : MR, extent = splitColumns ? n : m;
        int units = (extent + unit - 1) / unit;
        parts = Math.max(1, Math.min(parts, units));
        final int p = parts;
        Parallel.forRange(p, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int u0 = (int) ((long) units * t / p), u1 = (int) ((long) units * (t + 1) / p);
                int lo = u0 * unit, hi = Math.min(extent, u1 * unit);
                if (splitColumns) part(ta, tb, 0, m, lo, hi - lo, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                else part(ta, tb, lo, hi - lo, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        });
    }

    /** Computes the mPart×nPart block of C at (i0, j0) on the current thread. */
    private static void part(boolean ta, boolean tb, int i0, int mPart, int j0, int nPart, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        Scratch s = Scratch.get();
        int kcMax = kcStep(k);
        int mcMax = mcStep(kcMax);
        float[] ap = s.floats(Scratch.PACK_A, mcMax * kcMax);
        float[] bp = s.floats(Scratch.PACK_B, (Math.min(NCB, nPart) + NR - 1) / NR * NR * kcMax);
        float[] tmp = s.floats(Scratch.TILE, MR * NR);
        boolean directB = !tb && mPart <= DIRECT_B_MAX_ROWS;
        for (int jb = 0; jb < nPart; jb += NCB) {
            int ncb = Math.min(NCB, nPart - jb);
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                int kc = Math.min(kcMax, k - p0);
                float betaNow = p0 == 0 ? beta : 1f;
                if (directB) {
                    directBlock(kc, mcMax, p0, jb, j0, mPart, i0, ncb, ta, a, aOff, lda, b, bOff, ldb, alpha, betaNow, c, cOff, ldc, ap, bp, tmp);
                    continue;
                }
                GemmPacking.packB(tb, b, bOff, ldb, p0, kc, j0 + jb, ncb, bp);
                packedBlock(ta, a, aOff, lda, i0, mPart, p0, kc, mcMax, ap, bp, ncb, c, cOff + i0 * ldc + j0 + jb, ldc,
                        alpha, betaNow, tmp);
            }
        }
    }

    /**
     * One KC slice against a packed B block (ncb columns, kc×NR panels in bp): rows [i0, i0 + mPart)
     * of op(A) packed mcMax at a time, then every MR×NR tile; C row i0 of the block starts at cBase.
     * Shared by this GEMM and {@link RowOffsetGemm}'s packed path.
     */
    static void packedBlock(boolean ta, float[] a, int aOff, int lda, int i0, int mPart, int p0, int kc, int mcMax,
                            float[] ap, float[] bp, int ncb, float[] c, int cBase, int ldc, float alpha, float beta,
                            float[] tmp) {
        for (int ib = 0; ib < mPart; ib += mcMax) {
            int mc = Math.min(mcMax, mPart - ib);
            GemmPacking.packA(ta, a, aOff, lda, i0 + ib, mc, p0, kc, ap);
            int cBlock = cBase + ib * ldc;
            for (int jr = 0; jr < ncb; jr += NR) {
                int nr = Math.min(NR, ncb - jr);
                for (int ir = 0; ir < mc; ir += MR) {
                    MicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, tmp);
                    MicroKernel.writeBack(tmp, Math.min(MR, mc - ir), nr, c, cBlock + ir * ldc + jr, ldc, alpha, beta);
                }
            }
        }
    }

    /**
     * One KC slice of a part whose A has few rows: A is packed, full-width B panels are
     * read in place by {@link MicroKernel#tileDirect}, and only a ragged last panel is
     * packed.
     */
    private static void directBlock(int kc, int mcMax, int p0, int jb, int j0, int mPart, int i0, int ncb, boolean ta,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float alpha, float beta,
                                    float[] c, int cOff, int ldc, float[] ap, float[] bp, float[] tmp) {
        for (int ib = 0; ib < mPart; ib += mcMax) {
            int mc = Math.min(mcMax, mPart - ib);
            GemmPacking.packA(ta, a, aOff, lda, i0 + ib, mc, p0, kc, ap);
            int cBlock = cOff + (i0 + ib) * ldc + j0 + jb;
            for (int jr = 0; jr < ncb; jr += NR) {
                int nr = Math.min(NR, ncb - jr);
                int bStart = bOff + p0 * ldb + j0 + jb + jr;
                if (nr < NR) GemmPacking.packB(false, b, bOff, ldb, p0, kc, j0 + jb + jr, nr, bp);
                for (int ir = 0; ir < mc; ir += MR) {
                    if (nr == NR) MicroKernel.tileDirect(kc, ap, ir * kc, b, bStart, ldb, tmp);
                    else MicroKernel.tile(kc, ap, ir * kc, bp, 0, tmp);
                    MicroKernel.writeBack(tmp, Math.min(MR, mc - ir), nr, c, cBlock + ir * ldc + jr, ldc, alpha, beta);
                }
            }
        }
    }

    /** The depth of each k slice: k cut into the fewest slices of at most KC, evened out (1152 → 576 + 576, not 1024 + 128). */
    static int kcStep(int k) {
        int slices = (k + KC - 1) / KC;
        return (k + slices - 1) / slices;
    }

    /** Rows of A packed per block: as many MR-row panels as keep the kc-deep block within A_BLOCK floats. */
    static int mcStep(int kc) {
        return Math.max(MR, A_BLOCK / kc / MR * MR);
    }

    /** C = beta·C over the m×n view (beta == 0 writes zeros without reading). */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
            else if (beta != 1f) for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }
}
