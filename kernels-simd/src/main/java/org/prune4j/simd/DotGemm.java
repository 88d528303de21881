package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.Parallel;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

/**
 * C = alpha·A·Bᵀ + beta·C for row-major A (m×k) and B (n×k) with a long k and a short
 * A, as in a convolution's weight gradient (dY·colsᵀ with 16–64 output channels and
 * thousands of positions): every C element is a dot product of two contiguous rows, so
 * nothing is packed. Blocks of 4 A rows × 4 B rows keep 16 vector accumulators over k;
 * lanes are summed in a fixed order so results do not change with the JIT tier. Work
 * is split over B rows, each C element summed by one thread (deterministic).
 */
final class DotGemm {
    private DotGemm() {}

    /** Rows of A per block (see run). */
    private static final int ROW_BLOCK = 64;

    /** Whether this path beats packing: A short (packing B would not be amortised), k long. */
    static boolean suits(boolean ta, boolean tb, int m, int n, int k) {
        return !ta && tb && m <= 64 && k >= 128;
    }

    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        run(m, n, k, alpha, a, aOff, lda, b, null, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * The same product with row j of B starting at rows[j] in b (an implicit-GEMM
     * convolution's shifted input planes, see {@link ImplicitConv}).
     */
    static void gemmRows(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int[] rows,
                         float beta, float[] c, int cOff, int ldc) {
        run(m, n, k, alpha, a, aOff, lda, b, rows, 0, 0, beta, c, cOff, ldc);
    }

    /** Row j of B starts at rows[j] when rows is given, else at bOff + j·ldb. */
    private static void run(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int[] rows,
                            int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int jBlocks = (n + 3) / 4;
        long work = (long) m * n * k;
        int minChunk = work < Sgemm.PARALLEL_MIN ? jBlocks : 1;
        Parallel.forRange(jBlocks, minChunk, (from, to) -> {
            float[] lanes = new float[L];
            int j1 = Math.min(n, to * 4);
            // A in row blocks that stay in L2 while every B row of the range passes by (A is
            // re-read once per 4 B rows); a no-op for the m <= 64 that suits() admits.
            for (int i0 = 0; i0 < m; i0 += ROW_BLOCK)
            for (int j = from * 4; j < j1; j += 4) {
                int nj = Math.min(4, j1 - j);
                for (int i = i0, i1 = Math.min(m, i0 + ROW_BLOCK); i < i1; i += 4) {
                    int ni = Math.min(4, m - i);
                    if (ni == 4 && nj == 4) {
                        block4x4(k, alpha, a, aOff + i * lda, lda, b, row(rows, bOff, ldb, j), row(rows, bOff, ldb, j + 1),
                                row(rows, bOff, ldb, j + 2), row(rows, bOff, ldb, j + 3), beta, c, cOff + i * ldc + j, ldc, lanes);
                    } else for (int ii = 0; ii < ni; ii++) for (int jj = 0; jj < nj; jj++) {
                        float d = dot(k, a, aOff + (i + ii) * lda, b, row(rows, bOff, ldb, j + jj), lanes);
                        store(c, cOff + (i + ii) * ldc + j + jj, alpha * d, beta);
                    }
                }
            }
        });
    }

    private static int row(int[] rows, int bOff, int ldb, int j) {
        return rows == null ? bOff + j * ldb : rows[j];
    }

    private static void block4x4(int k, float alpha, float[] a, int ai, int lda, float[] b, int bi0, int bi1, int bi2, int bi3,
                                 float beta, float[] c, int ci, int ldc, float[] lanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        int bound = S.loopBound(k), p = 0;
        for (; p < bound; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi0 + p), b1 = FloatVector.fromArray(S, b, bi1 + p);
            FloatVector b2 = FloatVector.fromArray(S, b, bi2 + p), b3 = FloatVector.fromArray(S, b, bi3 + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p);
            s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13);
            FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p);
            s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23);
            FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p);
            s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33);
        }
        // Lane sums in a fixed order, then the scalar k tail; written out per element because a
        // helper taking vectors would not inline and would box them.
        s00.intoArray(lanes, 0); store(c, ci, alpha * finish(lanes, k, p, a, ai, b, bi0), beta);
        s01.intoArray(lanes, 0); store(c, ci + 1, alpha * finish(lanes, k, p, a, ai, b, bi1), beta);
        s02.intoArray(lanes, 0); store(c, ci + 2, alpha * finish(lanes, k, p, a, ai, b, bi2), beta);
        s03.intoArray(lanes, 0); store(c, ci + 3, alpha * finish(lanes, k, p, a, ai, b, bi3), beta);
        s10.intoArray(lanes, 0); store(c, ci + ldc, alpha * finish(lanes, k, p, a, ai + lda, b, bi0), beta);
        s11.intoArray(lanes, 0); store(c, ci + ldc + 1, alpha * finish(lanes, k, p, a, ai + lda, b, bi1), beta);
        s12.intoArray(lanes, 0); store(c, ci + ldc + 2, alpha * finish(lanes, k, p, a, ai + lda, b, bi2), beta);
        s13.intoArray(lanes, 0); store(c, ci + ldc + 3, alpha * finish(lanes, k, p, a, ai + lda, b, bi3), beta);
        s20.intoArray(lanes, 0); store(c, ci + 2 * ldc, alpha * finish(lanes, k, p, a, ai + 2 * lda, b, bi0), beta);
        s21.intoArray(lanes, 0); store(c, ci + 2 * ldc + 1, alpha * finish(lanes, k, p, a, ai + 2 * lda, b, bi1), beta);
        s22.intoArray(lanes, 0); store(c, ci + 2 * ldc + 2, alpha * finish(lanes, k, p, a, ai + 2 * lda, b, bi2), beta);
        s23.intoArray(lanes, 0); store(c, ci + 2 * ldc + 3, alpha * finish(lanes, k, p, a, ai + 2 * lda, b, bi3), beta);
        s30.intoArray(lanes, 0); store(c, ci + 3 * ldc, alpha * finish(lanes, k, p, a, ai + 3 * lda, b, bi0), beta);
        s31.intoArray(lanes, 0); store(c, ci + 3 * ldc + 1, alpha * finish(lanes, k, p, a, ai + 3 * lda, b, bi1), beta);
        s32.intoArray(lanes, 0); store(c, ci + 3 * ldc + 2, alpha * finish(lanes, k, p, a, ai + 3 * lda, b, bi2), beta);
        s33.intoArray(lanes, 0); store(c, ci + 3 * ldc + 3, alpha * finish(lanes, k, p, a, ai + 3 * lda, b, bi3), beta);
    }

    /** Σ lanes (in lane order) + the scalar tail a[p:k]·b[p:k]. */
    private static float finish(float[] lanes, int k, int p, float[] a, int ai, float[] b, int bi) {
        float s = 0f;
        for (int l = 0; l < L; l++) s += lanes[l];
        for (int q = p; q < k; q++) s += a[ai + q] * b[bi + q];
        return s;
    }

    private static float dot(int k, float[] a, int ai, float[] b, int bi, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(k), p = 0;
        for (; p < bound; p += L) acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), acc);
        acc.intoArray(lanes, 0);
        return finish(lanes, k, p, a, ai, b, bi);
    }

    private static void store(float[] c, int idx, float v, float beta) {
        c[idx] = beta == 0f ? v : v + beta * c[idx];
    }
}
