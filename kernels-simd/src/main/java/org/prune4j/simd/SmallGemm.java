package org.prune4j.simd;

/**
 * GEMM for problems too small to repay packing: plain loops with a float accumulator
 * per element, in a fixed k order (deterministic).
 */
final class SmallGemm {
    private SmallGemm() {}

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int aRow = ta ? 1 : lda, aCol = ta ? lda : 1, bRow = tb ? 1 : ldb, bCol = tb ? ldb : 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                float s = 0f;
                int ai = aOff + i * aRow, bi = bOff + j * bCol;
                for (int p = 0; p < k; p++) s += a[ai + p * aCol] * b[bi + p * bRow];
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * s : alpha * s + beta * c[ci];
            }
    }
}
