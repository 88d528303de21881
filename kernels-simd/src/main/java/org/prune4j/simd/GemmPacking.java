package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
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

    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    /** Whether 8-float vectors are native here (the 8×8 transposes below; else the scalar loop). */
    static final boolean EIGHT = MR == 8 && FloatVector.SPECIES_PREFERRED.length() >= 8;
    private static final VectorShuffle<Float> LO4 = sh(4, true), HI4 = sh(4, false), LO2 = sh(2, true), HI2 = sh(2, false), LO1 = sh(1, true), HI1 = sh(1, false);

    /**
     * The two-vector permutes of one round of an 8×8 transpose (as {@link TileTranspose}'s at 16): lane c of LO_b takes
     * lane c of the first vector when c &amp; b == 0, else lane c − b of the second; HI_b the mirror. Indices 8–15 name
     * the second vector of {@code rearrange(shuffle, v)}.
     */
    private static VectorShuffle<Float> sh(int b, boolean lo) {
        int[] idx = new int[8];
        for (int c = 0; c < 8; c++) {
            boolean first = (c & b) == 0;
            idx[c] = lo ? (first ? c : 8 + c - b) : (first ? c + b : 8 + c) % 16;
        }
        return VectorShuffle.fromArray(S8, idx, 0);
    }

    /** dst[d + t·8 + r] = src[s + r·ss + t] for r, t &lt; 8: an 8×8 transpose into 64 contiguous floats. */
    static void eight(float[] src, int s, int ss, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(S8, src, s), r1 = FloatVector.fromArray(S8, src, s + ss);
        FloatVector r2 = FloatVector.fromArray(S8, src, s + 2 * ss), r3 = FloatVector.fromArray(S8, src, s + 3 * ss);
        FloatVector r4 = FloatVector.fromArray(S8, src, s + 4 * ss), r5 = FloatVector.fromArray(S8, src, s + 5 * ss);
        FloatVector r6 = FloatVector.fromArray(S8, src, s + 6 * ss), r7 = FloatVector.fromArray(S8, src, s + 7 * ss);
        FloatVector t0 = r0.rearrange(LO4, r4), t4 = r0.rearrange(HI4, r4);
        FloatVector t1 = r1.rearrange(LO4, r5), t5 = r1.rearrange(HI4, r5);
        FloatVector t2 = r2.rearrange(LO4, r6), t6 = r2.rearrange(HI4, r6);
        FloatVector t3 = r3.rearrange(LO4, r7), t7 = r3.rearrange(HI4, r7);
        r0 = t0.rearrange(LO2, t2); r2 = t0.rearrange(HI2, t2);
        r1 = t1.rearrange(LO2, t3); r3 = t1.rearrange(HI2, t3);
        r4 = t4.rearrange(LO2, t6); r6 = t4.rearrange(HI2, t6);
        r5 = t5.rearrange(LO2, t7); r7 = t5.rearrange(HI2, t7);
        r0.rearrange(LO1, r1).intoArray(dst, d);
        r0.rearrange(HI1, r1).intoArray(dst, d + 8);
        r2.rearrange(LO1, r3).intoArray(dst, d + 16);
        r2.rearrange(HI1, r3).intoArray(dst, d + 24);
        r4.rearrange(LO1, r5).intoArray(dst, d + 32);
        r4.rearrange(HI1, r5).intoArray(dst, d + 40);
        r6.rearrange(LO1, r7).intoArray(dst, d + 48);
        r6.rearrange(HI1, r7).intoArray(dst, d + 56);
    }

    /** Packs op(A)[i0:i0+mc, p0:p0+kc] into dst as ceil(mc/MR) panels of kc×MR. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            if (transA && EIGHT && mr == MR) {
                // A stored k×m, a whole panel: each k step is MR contiguous floats, one 8-float vector. The loop below
                // copied them one at a time: 4.7% of the 14×14 512-channel 1×1 input gradient (perf); as vectors that
                // pass ran 1.03× (14×14 512), 1.05× (28×28 256), 1.00× (7×7 1024) in one JVM alternating (session 31,
                // docs/sittings/2026-12-05-s31/probes/IntProbe.java), the same bits.
                for (int p = 0; p < kc; p++, d += MR) FloatVector.fromArray(S8, a, aOff + (p0 + p) * lda + i0 + ir).intoArray(dst, d);
            } else if (transA) {
                // A stored k×m: each k step is a contiguous run of the panel's rows.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    for (int r = 0; r < mr; r++) dst[d + r] = a[src + r];
                    for (int r = mr; r < MR; r++) dst[d + r] = 0f;
                    d += MR;
                }
            } else if (EIGHT && mr == MR) {
                // MR rows of A, eight k steps at a time: an 8×8 register transpose is 64 contiguous floats of the
                // panel, where the loop below stores one float at a time MR apart. In one JVM alternating
                // (docs/sittings/2026-12-04-s26/GemmFlag.java, FlagProbe.java, 2 threads): SGEMM 512³–2048³
                // 1.03–1.07×, VGG's 2×2 forward 1.11×, other conv layers 1.00–1.01×.
                int src = aOff + (i0 + ir) * lda + p0, p = 0;
                for (; p + 8 <= kc; p += 8) eight(a, src + p, lda, dst, d + p * MR);
                for (int r = 0; r < MR; r++) for (int q = p; q < kc; q++) dst[d + q * MR + r] = a[src + r * lda + q];
                d += kc * MR;
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
