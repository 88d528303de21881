package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.MR;
import static org.prune4j.simd.Sgemm.NR;
import static org.prune4j.simd.Sgemm.S;

/**
 * The register-blocked GEMM core: an MR×NR tile of C (8 rows × 2 vectors, 16 vector
 * accumulators) updated from one packed A panel and one packed B panel. Per k step it
 * does 2 vector loads, 8 broadcasts and 16 FMAs, enough independent accumulators to
 * cover the FMA latency on two ports. The accumulators live in registers for the whole
 * k loop and touch C once at the end.
 */
final class MicroKernel {
    private MicroKernel() {}

    /**
     * tile[0:MR·NR] = Ap·Bp over kc steps (row-major MR×NR). Writing the accumulators to a
     * small L1-resident tile keeps this method small enough for C2 to compile whole; a
     * helper taking vectors as arguments would not inline and would box them.
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * MR, b = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(av, c00); c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(av, c10); c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(av, c20); c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(av, c30); c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(av, c40); c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(av, c50); c51 = b1.fma(av, c51);
            av = FloatVector.broadcast(S, ap[a + 6]);
            c60 = b0.fma(av, c60); c61 = b1.fma(av, c61);
            av = FloatVector.broadcast(S, ap[a + 7]);
            c70 = b0.fma(av, c70); c71 = b1.fma(av, c71);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, NR); c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR); c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR); c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR); c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR); c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR); c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR); c71.intoArray(t, 7 * NR + L);
    }

    /**
     * The same tile with B read in place from a row-major matrix (row stride ldb) instead
     * of a packed panel: when A has few rows, each B element is used by so few FMAs that
     * packing B costs about as much as the multiply (measured: packB was 21% of a
     * ResNet-20 training step, the micro-kernel 20%). Kept as a copy of {@link #tile}
     * so the packed path keeps its constant stride; whether one method with ldb = NR is as
     * fast could not be settled here (this probe is bimodal, 81 or 111–134 GFLOP/s per
     * CPU-second, for either version), so the proven code stays.
     */
    static void tileDirect(int kc, float[] ap, int ai, float[] bp, int bi, int ldb, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * MR, b = bi + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(av, c00); c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(av, c10); c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(av, c20); c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(av, c30); c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(av, c40); c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(av, c50); c51 = b1.fma(av, c51);
            av = FloatVector.broadcast(S, ap[a + 6]);
            c60 = b0.fma(av, c60); c61 = b1.fma(av, c61);
            av = FloatVector.broadcast(S, ap[a + 7]);
            c70 = b0.fma(av, c70); c71 = b1.fma(av, c71);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, NR); c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR); c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR); c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR); c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR); c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR); c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR); c71.intoArray(t, 7 * NR + L);
    }

    /**
     * The same tile with row p of B starting at rows[ri + p] + j in b: B is a stack of
     * arbitrary slices of one array, as in an implicit-GEMM convolution where every row
     * is an input plane shifted by its tap's offset (see {@link ImplicitConv}). One extra
     * int load per k step beside 2 vector loads, 8 broadcasts and 16 FMAs.
     */
    static void tileRows(int kc, float[] ap, int ai, float[] bp, int[] rows, int ri, int j, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * MR, b = rows[ri + p] + j;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(av, c00); c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(av, c10); c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(av, c20); c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(av, c30); c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(av, c40); c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(av, c50); c51 = b1.fma(av, c51);
            av = FloatVector.broadcast(S, ap[a + 6]);
            c60 = b0.fma(av, c60); c61 = b1.fma(av, c61);
            av = FloatVector.broadcast(S, ap[a + 7]);
            c70 = b0.fma(av, c70); c71 = b1.fma(av, c71);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, NR); c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR); c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR); c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR); c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR); c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR); c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR); c71.intoArray(t, 7 * NR + L);
    }

    /** C[0:mr, 0:nr] = alpha·tile + beta·C (C not read when beta == 0). */
    static void writeBack(float[] t, int mr, int nr, float[] c, int ci, int ldc, float alpha, float beta) {
        if (nr == NR) {
            FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
            for (int r = 0; r < mr; r++) {
                int row = ci + r * ldc;
                for (int j = 0; j < NR; j += L) {
                    FloatVector v = FloatVector.fromArray(S, t, r * NR + j).mul(va);
                    if (beta != 0f) v = FloatVector.fromArray(S, c, row + j).fma(vb, v);
                    v.intoArray(c, row + j);
                }
            }
        } else {
            for (int r = 0; r < mr; r++)
                for (int j = 0; j < nr; j++) {
                    int idx = ci + r * ldc + j;
                    float v = alpha * t[r * NR + j];
                    c[idx] = beta == 0f ? v : v + beta * c[idx];
                }
        }
    }
}
