package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.Parallel;

/**
 * C (1×n) = alpha·a·B + beta·C for a single row of A and B (k×n) not transposed: a Linear layer's input gradient
 * dX = dY·W at batch 1, or any vector-matrix product. The packed path ran it on 8-row register tiles with seven rows
 * of padding, 2.2× the time of the same layer's forward (0.17 against 0.076 ms for 1024×1024, LinStep probe,
 * session 33). Here each block of eight vectors of C keeps its sums in registers while B's rows stream past; blocks
 * are split between threads, and every element is one fixed-order sum over k, so the bits do not depend on the thread
 * count. The block loop has the shape of the sparse kernels' ShiftedSum.row8; running row8 itself over A's row as
 * entries and an offsets array of B's rows measured slower (0.10–0.13 against 0.067–0.085 ms, two JVMs each).
 */
final class RowGemv {
    private RowGemv() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per block: eight accumulators, enough independent FMA chains to hide the latency. */
    private static final int W = 8 * L;

    /** Whether this path applies: one row of A, B not transposed. */
    static boolean suits(int m, boolean tb) {
        return m == 1 && !tb;
    }

    /** a's element p is a[aOff + p·aStride] (aStride = lda when A is transposed, else 1). */
    static void gemm(int n, int k, float alpha, float[] a, int aOff, int aStride, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff) {
        int blocks = (n + W - 1) / W;
        int minChunk = (long) n * k < Sgemm.PARALLEL_MIN ? blocks : 1;
        Parallel.forRange(blocks, minChunk, (b0, b1) -> {
            for (int blk = b0; blk < b1; blk++) {
                int j0 = blk * W;
                if (j0 + W <= n) block(k, alpha, a, aOff, aStride, b, bOff + j0, ldb, beta, c, cOff + j0);
                else tail(n - j0, k, alpha, a, aOff, aStride, b, bOff + j0, ldb, beta, c, cOff + j0);
            }
        });
    }

    private static void block(int k, float alpha, float[] a, int aOff, int aStride, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector av = FloatVector.broadcast(S, a[aOff + p * aStride]);
            int o = bOff + p * ldb;
            s0 = FloatVector.fromArray(S, b, o).fma(av, s0);
            s1 = FloatVector.fromArray(S, b, o + L).fma(av, s1);
            s2 = FloatVector.fromArray(S, b, o + 2 * L).fma(av, s2);
            s3 = FloatVector.fromArray(S, b, o + 3 * L).fma(av, s3);
            s4 = FloatVector.fromArray(S, b, o + 4 * L).fma(av, s4);
            s5 = FloatVector.fromArray(S, b, o + 5 * L).fma(av, s5);
            s6 = FloatVector.fromArray(S, b, o + 6 * L).fma(av, s6);
            s7 = FloatVector.fromArray(S, b, o + 7 * L).fma(av, s7);
        }
        store(s0, alpha, beta, c, cOff);
        store(s1, alpha, beta, c, cOff + L);
        store(s2, alpha, beta, c, cOff + 2 * L);
        store(s3, alpha, beta, c, cOff + 3 * L);
        store(s4, alpha, beta, c, cOff + 4 * L);
        store(s5, alpha, beta, c, cOff + 5 * L);
        store(s6, alpha, beta, c, cOff + 6 * L);
        store(s7, alpha, beta, c, cOff + 7 * L);
    }

    /** The last, narrower block: a vector at a time, then the columns past the last whole vector one by one. */
    private static void tail(int cols, int k, float alpha, float[] a, int aOff, int aStride, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff) {
        int j = 0;
        for (; j + L <= cols; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < k; p++) s = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[aOff + p * aStride]), s);
            store(s, alpha, beta, c, cOff + j);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * aStride], b[bOff + p * ldb + j], s);
            c[cOff + j] = beta == 0f ? alpha * s : Math.fma(c[cOff + j], beta, alpha * s);
        }
    }

    /** beta = 0 ignores C's old values (NaN included), as BLAS does. */
    private static void store(FloatVector s, float alpha, float beta, float[] c, int off) {
        FloatVector r = s.mul(alpha);
        if (beta != 0f) r = FloatVector.fromArray(S, c, off).fma(FloatVector.broadcast(S, beta), r);
        r.intoArray(c, off);
    }
}
