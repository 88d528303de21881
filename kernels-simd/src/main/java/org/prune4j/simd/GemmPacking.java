package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.simd.sparse.TileTranspose;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.MR;
import static org.prune4j.simd.Sgemm.NR;
import static org.prune4j.simd.Sgemm.S;

/**
 * Copies blocks of op(A) and op(B) into the panel layouts the micro-kernel streams
 * through: A as MR-row panels (MR values per k step), B as NR-column panels (NR values
 * per k step). All four transpose cases are resolved here, so the micro-kernel sees
 * one layout; partial panels are zero-padded so it never needs a masked load.
 */
final class GemmPacking {
    private GemmPacking() {}

    /** Packs op(A)[i0:i0+mc, p0:p0+kc] into dst as ceil(mc/MR) panels of kc×MR. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            if (transA) {
                // A stored k×m: each k step is a contiguous run of the panel's rows.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    for (int r = 0; r < mr; r++) dst[d + r] = a[src + r];
                    for (int r = mr; r < MR; r++) dst[d + r] = 0f;
                    d += MR;
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * MR + r] = a[src + p];
                }
                for (int r = mr; r < MR; r++) for (int p = 0; p < kc; p++) dst[d + p * MR + r] = 0f;
                d += kc * MR;
            }
        }
    }

    /**
     * Packs rows [p0, p0 + kc) of the implicit B whose row p is b[rows[p] + j], columns [j0, j0 + nc)
     * (nc a multiple of NR), into dst as nc/NR panels of kc×NR (see {@link RowOffsetGemm}).
     */
    static void packRows(float[] b, int[] rows, int p0, int kc, int j0, int nc, float[] dst) {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR)
            for (int p = 0; p < kc; p++, d += NR) {
                int src = rows[p0 + p] + j0 + jr;
                FloatVector.fromArray(S, b, src).intoArray(dst, d);
                FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
            }
    }

    /** Packs op(B)[p0:p0+kc, j0:j0+nc] into dst as ceil(nc/NR) panels of kc×NR. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            if (!transB && nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                    d += NR;
                }
            } else if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    for (int j = 0; j < nr; j++) dst[d + j] = b[src + j];
                    for (int j = nr; j < NR; j++) dst[d + j] = 0f;
                    d += NR;
                }
            } else if (nr == NR) {
                // B stored n×k: the panel is NR rows of b, transposed V×V at a time (TileTranspose's register path
                // for full blocks) instead of one float at a time into stores NR apart. Same values; in one JVM,
                // alternating (docs/sittings/2026-12-04-s25/TbProbe.java), weight gradients of VGG's 512-channel 4×4
                // layer 1.10×, ResNet's 64-channel 8×8 and 32→64 stride-2 layers 1.04× / 1.11×, the rest 0.99×.
                for (int p = 0; p < kc; p += TileTranspose.V) {
                    int pc = Math.min(TileTranspose.V, kc - p);
                    for (int jj = 0; jj < NR; jj += TileTranspose.V)
                        TileTranspose.block(b, bOff + (j0 + jr + jj) * ldb + p0 + p, ldb, TileTranspose.V, pc, dst, d + p * NR + jj, NR);
                }
                d += kc * NR;
            } else {
                // B stored n×k: column j of op(B) is a contiguous row of b.
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * NR + j] = b[src + p];
                }
                for (int j = nr; j < NR; j++) for (int p = 0; p < kc; p++) dst[d + p * NR + j] = 0f;
                d += kc * NR;
            }
        }
    }
}
