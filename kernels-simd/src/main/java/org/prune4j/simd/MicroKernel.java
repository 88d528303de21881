package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

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

    /**
     * The tile stored straight into C rows ldc apart from c[ci] (no tile array): C = tile + add[ai0 + r] per row when
     * add is given, C = tile when not, C += tile when accumulate. For {@link PointwiseGemm}, whose write-back through
     * the tile array and a loop over runs was 13–14% of a 1×1 forward in perf; skipping that write-back altogether
     * (timing only) made the 14×14 forward 1.21× faster while writing it to a small per-thread window did not, so the
     * cost was the pass over the tile, not the output's cache misses. The stores are written out row by row: a helper
     * taking the accumulators as arguments is not inlined and boxes them (4× slower, measured). Same bits as
     * {@link #tile} then {@link #writeBack} with alpha = 1, beta = 0 or 1. The general GEMM keeps writeBack: there
     * (weight gradients, the 3×3 forward) this measured 1.00–1.04× (docs/sittings/2026-12-04-s26/probe-runs.txt). The
     * 1×1 weight gradients' packed tiles use it since session 29: 1.01–1.05× (docs/sittings/2026-12-05-s29/probe-runs.txt).
     */
    static void tileInto(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean accumulate,
                         float[] add, int ai0) {
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
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci)); c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc)); c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc)); c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc)); c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc)); c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc)); c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc)); c61 = c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc)); c71 = c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
        } else if (add != null) {
            FloatVector v;
            v = FloatVector.broadcast(S, add[ai0]); c00 = c00.add(v); c01 = c01.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 1]); c10 = c10.add(v); c11 = c11.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 2]); c20 = c20.add(v); c21 = c21.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 3]); c30 = c30.add(v); c31 = c31.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 4]); c40 = c40.add(v); c41 = c41.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 5]); c50 = c50.add(v); c51 = c51.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 6]); c60 = c60.add(v); c61 = c61.add(v);
            v = FloatVector.broadcast(S, add[ai0 + 7]); c70 = c70.add(v); c71 = c71.add(v);
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
    }

    /**
     * A tile whose columns are two runs, after {@link #tile} into tmp (row-major MR×NR): columns [0, split) go to C rows
     * ldc apart from c[ciA], the rest from c[ciB] (column j ≥ split at c[ciB + j − split]), row by row through masked
     * loads and stores (C = tile + add[ai0 + r], C = tile, or C += tile) — {@link PointwiseGemm}'s panels that span two
     * images. Until session 38 this was tileInto2, a copy of {@link #tileInto}'s loop with 32 masked stores (and 32
     * masked loads) written out after the accumulators: C1 worked ~1 s on it and gave up ("out of virtual registers
     * in LIR generator"), and while it did, tileInto could reach C2 unprofiled and run with its vectors boxed, 10×
     * slower for the JVM's life (docs/BENCHMARKS.md, session 38). Here the masked operations sit in a loop over the
     * rows and C1 compiles them at once; the pass over the tile array costs nothing measurable (same session). The
     * same operations per lane as before, so the same bits.
     */
    static void storeSplit(float[] tmp, float[] c, int ciA, int ciB, int split, int ldc, boolean accumulate,
                           float[] add, int ai0) {
        VectorMask<Float> a0 = S.indexInRange(0, split), a1 = S.indexInRange(L, split), b0 = a0.not(), b1 = a1.not();
        int sb = ciB - split;
        for (int r = 0; r < MR; r++) {
            int oa = ciA + r * ldc, ob = sb + r * ldc;
            FloatVector t0 = FloatVector.fromArray(S, tmp, r * NR), t1 = FloatVector.fromArray(S, tmp, r * NR + L);
            if (accumulate) {
                t0 = t0.add(FloatVector.fromArray(S, c, oa, a0)).add(FloatVector.fromArray(S, c, ob, b0));
                t1 = t1.add(FloatVector.fromArray(S, c, oa + L, a1)).add(FloatVector.fromArray(S, c, ob + L, b1));
            } else if (add != null) {
                FloatVector v = FloatVector.broadcast(S, add[ai0 + r]);
                t0 = t0.add(v);
                t1 = t1.add(v);
            }
            t0.intoArray(c, oa, a0); t0.intoArray(c, ob, b0);
            t1.intoArray(c, oa + L, a1); t1.intoArray(c, ob + L, b1);
        }
    }

    /**
     * The tile with A read in place, in runs, and stored straight into C (rows ldc apart from c[ci]; C = tile, or
     * C += tile when accumulate): the depth is cut into runs, run g being the next len[g] steps of the B panel and,
     * for row r of A, a[aRun[g] + r·lda …], one float per step. For the 1×1 weight gradient when x has at most NR
     * channels ({@link PointwiseGemm#weight}): each packed A panel would meet a single B panel, so packing it is a
     * pass over dY for one use. MobileNet's 112×112 32→64 layer at batch 64: 1.47–1.51× in one JVM against packing
     * (FlagProbe). Where A panels are reused the packed form wins (56×56 64→128, two B panels: 0.87×; 14×14 512:
     * this kernel ran 17 ms of the pass where {@link #tile} took 14 ms, perf): eight row streams instead of one.
     * Same bits as {@link #tile} on the packed panel then {@link #writeBack} with alpha = 1.
     */
    static void tileRunsA(float[] a, int[] aRun, int[] len, int runs, int lda, float[] bp, int bi, float[] c, int ci, int ldc,
                          boolean accumulate) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int b = bi;
        for (int g = 0; g < runs; g++) {
            int a0 = aRun[g], a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
            int n = len[g];
            for (int p = 0; p < n; p++, b += NR) {
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
                FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
                c00 = b0.fma(av, c00); c01 = b1.fma(av, c01);
                av = FloatVector.broadcast(S, a[a1 + p]);
                c10 = b0.fma(av, c10); c11 = b1.fma(av, c11);
                av = FloatVector.broadcast(S, a[a2 + p]);
                c20 = b0.fma(av, c20); c21 = b1.fma(av, c21);
                av = FloatVector.broadcast(S, a[a3 + p]);
                c30 = b0.fma(av, c30); c31 = b1.fma(av, c31);
                av = FloatVector.broadcast(S, a[a4 + p]);
                c40 = b0.fma(av, c40); c41 = b1.fma(av, c41);
                av = FloatVector.broadcast(S, a[a5 + p]);
                c50 = b0.fma(av, c50); c51 = b1.fma(av, c51);
                av = FloatVector.broadcast(S, a[a6 + p]);
                c60 = b0.fma(av, c60); c61 = b1.fma(av, c61);
                av = FloatVector.broadcast(S, a[a7 + p]);
                c70 = b0.fma(av, c70); c71 = b1.fma(av, c71);
            }
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci)); c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc)); c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc)); c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc)); c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc)); c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc)); c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc)); c61 = c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc)); c71 = c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
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
