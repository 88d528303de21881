package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.simd.sparse.TileTranspose;

/**
 * A 1×1 convolution's GEMM over a chunk of NCHW images side by side, without copying them side by side:
 * dst[n] = op(W)·src[n] (+ bias) for images [n0, n1), where src[n] is k planes of hw pixels and dst[n] m planes.
 * The columns of the wide matrix are the chunk's pixels image after image; {@link Sgemm}'s blocking and
 * {@link MicroKernel} as they are, but its B panels are packed straight from the images' planes (a panel of NR
 * columns may take the end of one image and the start of the next) and its tiles are written back straight into
 * the output planes, with the bias added on the first k slice. Before, the chunk was copied into one wide matrix
 * and the product copied back out of one: two passes over memory (13.5% of the 7×7 512→1024 forward, perf).
 * A tile whose panel lies in one image is stored straight from the micro-kernel's registers
 * ({@link MicroKernel#tileInto}); one that spans two goes through the tile array into masked stores on each side of
 * the image boundary ({@link MicroKernel#tile}, {@link MicroKernel#storeSplit}; session 38); other tiles go through
 * the tile array and {@code writeBack}. In one JVM alternating with writeBack for every tile
 * (docs/sittings/2026-12-04-s26/FlagProbe.java, batch 64): forwards 7×7 1.12× / 1.06×, 14×14 1.12×, 28×28 1.20×,
 * input gradients 1.05–1.06×, 56×56 (one image per chunk, not this class) even; the same bits.
 * One thread; every output is summed in the micro-kernel's fixed order, so results do not depend on the chunks.
 */
final class PointwiseGemm {
    private static final VectorSpecies<Float> S = Sgemm.S;
    private static final int L = Sgemm.L, MR = Sgemm.MR, NR = Sgemm.NR;

    private PointwiseGemm() {}

    /**
     * dst[n][i][p] = Σ_q op(W)[i][q]·src[n][q][p] (+ bias[i]) for images n0 ≤ n &lt; n1, i &lt; m, p &lt; hw; op(W) = W
     * (m×k, row stride lda) or, when transW, Wᵀ of a k×m W.
     */
    static void gemm(boolean transW, int m, int k, float[] w, int lda, float[] src, float[] bias, float[] dst, int hw, int n0, int n1) {
        Scratch s = Scratch.get();
        int cols = (n1 - n0) * hw, kcMax = Sgemm.kcStep(k), mcMax = Sgemm.mcStep(kcMax);
        float[] ap = s.floats(Scratch.PACK_A, mcMax * kcMax);
        float[] bp = s.floats(Scratch.PACK_B, (Math.min(Sgemm.NCB, cols) + NR - 1) / NR * NR * kcMax);
        float[] tmp = s.floats(Scratch.TILE, MR * NR);
        Segments seg = new Segments();
        for (int jb = 0; jb < cols; jb += Sgemm.NCB) {
            int ncb = Math.min(Sgemm.NCB, cols - jb);
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                int kc = Math.min(kcMax, k - p0);
                for (int jr = 0; jr < ncb; jr += NR) {
                    seg.of(jb + jr, Math.min(NR, ncb - jr), hw, n0);
                    packPanel(src, k, hw, p0, kc, seg, bp, jr * kc);
                }
                for (int ib = 0; ib < m; ib += mcMax) {
                    int mc = Math.min(mcMax, m - ib);
                    GemmPacking.packA(transW, w, 0, lda, ib, mc, p0, kc, ap);
                    for (int jr = 0; jr < ncb; jr += NR) {
                        seg.of(jb + jr, Math.min(NR, ncb - jr), hw, n0);
                        boolean whole = seg.count == 1 && seg.width == NR, two = seg.count == 2 && seg.width == NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            if (whole && mc - ir >= MR) {
                                MicroKernel.tileInto(kc, ap, ir * kc, bp, jr * kc, dst, (seg.img[0] * m + ib + ir) * hw + seg.pix[0], hw,
                                        p0 > 0, bias, ib + ir);
                                continue;
                            }
                            if (two && mc - ir >= MR) {
                                MicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, tmp);
                                MicroKernel.storeSplit(tmp, dst, (seg.img[0] * m + ib + ir) * hw + seg.pix[0],
                                        (seg.img[1] * m + ib + ir) * hw + seg.pix[1], seg.len[0], hw, p0 > 0, bias, ib + ir);
                                continue;
                            }
                            MicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, tmp);
                            writeBack(tmp, Math.min(MR, mc - ir), ib + ir, m, hw, seg, dst, p0 == 0, bias);
                        }
                    }
                }
            }
        }
    }

    /**
     * The weight gradient over a chunk: dw[i][q] = Σ_{n, p} dy[n][i][p]·x[n][q][p] for images n0 ≤ n &lt; n1, i &lt; m
     * (dy's channels), q &lt; k (x's channels), overwriting dw when first and adding to it otherwise. The GEMM
     * dw = dY-side-by-side · X-side-by-sideᵀ with the chunk's pixels as its depth, packed straight from the planes:
     * an A panel is MR channels of dy over a run of pixels (MR·run contiguous floats per image), a B panel NR channels
     * of x over it, both transposed as they are packed: A by 8×8 register transposes (1.18–1.30× over one float at a
     * time on 28×28 and 56×56 planes once a thread's whole range is one GEMM, 1.00–1.02× on 7×7 and 14×14), B through
     * a stage (packDepthB). Before, 7×7 planes were copied side by side first and larger ones ran a GEMM per
     * image. In one JVM, alternating with that (docs/sittings/2026-12-04-s26/PwWeightProbe.java, 2 threads, batch
     * 64, same bits on 7×7): MobileNet's 7×7 layers 1.19× / 1.11×, 14×14 1.10× / 1.10×, 28×28 1.12×, 56×56 1.01×.
     */
    static void weight(int m, int k, float[] dy, float[] x, int hw, int n0, int n1, float[] dw, boolean first) {
        Scratch s = Scratch.get();
        int depth = (n1 - n0) * hw, kcMax = Sgemm.kcStep(depth), mcMax = Sgemm.mcStep(kcMax);
        float[] ap = s.floats(Scratch.PACK_A, mcMax * kcMax);
        float[] bp = s.floats(Scratch.PACK_B, (Math.min(Sgemm.NCB, k) + NR - 1) / NR * NR * kcMax);
        float[] tmp = s.floats(Scratch.TILE, MR * NR);
        Segments seg = new Segments(kcMax, hw);
        seg.stage = s.floats(Scratch.MISC, NR * Math.min(kcMax, hw));
        int[] aRun = new int[seg.len.length];
        for (int jb = 0; jb < k; jb += Sgemm.NCB) {
            int ncb = Math.min(Sgemm.NCB, k - jb);
            for (int p0 = 0; p0 < depth; p0 += kcMax) {
                int kc = Math.min(kcMax, depth - p0);
                float beta = first && p0 == 0 ? 0f : 1f;
                seg.of(p0, kc, hw, n0);
                for (int jr = 0; jr < ncb; jr += NR) packDepthB(x, k, hw, jb + jr, Math.min(NR, ncb - jr), seg, bp, jr * kc);
                for (int ib = 0; ib < m; ib += mcMax) {
                    int mc = Math.min(mcMax, m - ib);
                    // With one B panel (at most NR channels of x) every A panel meets one B panel: its rows are read in
                    // place (MicroKernel.tileRunsA) instead of packed for a single use.
                    boolean packed = false, direct = ncb <= NR;
                    for (int jr = 0; jr < ncb; jr += NR) {
                        int nr = Math.min(NR, ncb - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            if (direct && nr == NR && mc - ir >= MR) {
                                for (int g = 0; g < seg.count; g++) aRun[g] = (seg.img[g] * m + ib + ir) * hw + seg.pix[g];
                                MicroKernel.tileRunsA(dy, aRun, seg.len, seg.count, hw, bp, jr * kc, dw, (ib + ir) * k + jb + jr, k, beta != 0f);
                                continue;
                            }
                            if (!packed) {
                                for (int i = 0; i < mc; i += MR) packDepthA(dy, m, hw, ib + i, Math.min(MR, mc - i), seg, ap, i * kc);
                                packed = true;
                            }
                            if (nr == NR && mc - ir >= MR) { // from registers: 1.01-1.05x (s29 probe-runs.txt)
                                MicroKernel.tileInto(kc, ap, ir * kc, bp, jr * kc, dw, (ib + ir) * k + jb + jr, k, beta != 0f, null, 0);
                                continue;
                            }
                            MicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, tmp);
                            MicroKernel.writeBack(tmp, Math.min(MR, mc - ir), nr, dw, (ib + ir) * k + jb + jr, k, 1f, beta);
                        }
                    }
                }
            }
        }
    }

    /** The A panel at ap[d]: step t of the depth holds dy[img][i0 + r][pix] for r &lt; MR (zero past mr), run by run. */
    private static void packDepthA(float[] dy, int m, int hw, int i0, int mr, Segments seg, float[] ap, int d) {
        for (int g = 0; g < seg.count; g++) {
            int base = (seg.img[g] * m + i0) * hw + seg.pix[g], to = d + seg.at[g] * MR, len = seg.len[g];
            int t0 = 0;
            if (mr == MR && GemmPacking.EIGHT) {
                // Eight pixels at a time by 8×8 register transposes, 64 contiguous floats of the panel each.
                for (; t0 + 8 <= len; t0 += 8) GemmPacking.eight(dy, base + t0, hw, ap, to + t0 * MR);
            }
            for (int r = 0; r < mr; r++) {
                int from = base + r * hw;
                for (int t = t0; t < len; t++) ap[to + t * MR + r] = dy[from + t];
            }
            for (int r = mr; r < MR; r++) for (int t = 0; t < len; t++) ap[to + t * MR + r] = 0f;
        }
    }

    /** The B panel at bp[d]: step t of the depth holds x[img][j0 + j][pix] for j &lt; NR (zero past nr), run by run. */
    private static void packDepthB(float[] x, int k, int hw, int j0, int nr, Segments seg, float[] bp, int d) {
        int v = TileTranspose.V;
        for (int g = 0; g < seg.count; g++) {
            int base = (seg.img[g] * k + j0) * hw + seg.pix[g], to = d + seg.at[g] * NR, len = seg.len[g];
            if (nr == NR) {
                // The panel's NR rows copied one after another into a stage first, then transposed from there: read
                // in place, the 16-row transposes walk 32 planes a line at a time and wait on memory (perf, 14×14
                // 512-channel batch 64: the B packing 11% of the weight gradient, 5% staged; 1.04× in one JVM).
                float[] st = seg.stage;
                for (int j = 0; j < NR; j++) System.arraycopy(x, base + j * hw, st, j * len, len);
                for (int t = 0; t < len; t += v)
                    for (int jj = 0; jj < NR; jj += v)
                        TileTranspose.block(st, jj * len + t, len, v, Math.min(v, len - t), bp, to + t * NR + jj, NR);
                continue;
            }
            for (int j = 0; j < nr; j++) {
                int from = base + j * hw;
                for (int t = 0; t < len; t++) bp[to + t * NR + j] = x[from + t];
            }
            for (int j = nr; j < NR; j++) for (int t = 0; t < len; t++) bp[to + t * NR + j] = 0f;
        }
    }

    /**
     * Where a panel's columns live: the panel [j0, j0 + nr) of the chunk's columns cut at image boundaries into
     * runs, run r being columns [at[r], at[r] + len[r]) of the panel at pixel pix[r] of image img[r].
     */
    static final class Segments {
        final int[] img, pix, at, len;
        /** The weight gradient's staging rows (NR runs of up to one plane). */
        float[] stage;
        int count, width;

        Segments() {
            this(NR);
        }

        /** Room for the runs of any panel up to width columns wide, over planes of hw pixels. */
        Segments(int width, int hw) {
            this(Math.min(width, width / hw + 2));
        }

        private Segments(int capacity) {
            img = new int[capacity];
            pix = new int[capacity];
            at = new int[capacity];
            len = new int[capacity];
        }

        void of(int j0, int nr, int hw, int n0) {
            count = 0;
            width = nr;
            int n = n0 + j0 / hw, p = j0 % hw;
            for (int done = 0; done < nr; n++, p = 0) {
                int run = Math.min(nr - done, hw - p);
                img[count] = n;
                pix[count] = p;
                at[count] = done;
                len[count] = run;
                count++;
                done += run;
            }
        }
    }

    /** The kc×NR panel at bp[d]: row q holds src[img][p0 + q][pix …] run by run, zero past the panel's width. */
    private static void packPanel(float[] src, int k, int hw, int p0, int kc, Segments seg, float[] bp, int d) {
        if (seg.count == 1 && seg.width == NR) {
            int base = (seg.img[0] * k + p0) * hw + seg.pix[0];
            for (int q = 0; q < kc; q++) {
                int from = base + q * hw, to = d + q * NR;
                FloatVector.fromArray(S, src, from).intoArray(bp, to);
                FloatVector.fromArray(S, src, from + L).intoArray(bp, to + L);
            }
            return;
        }
        if (seg.count == 2 && seg.width == NR) {
            // The end of one image's plane and the start of the next: both read as whole vectors (the first past its
            // plane's end, the second from len0 floats before its start) and blended, where both stay inside src. Two
            // arraycopy calls per row before: 1.06× on the 14×14 512-channel forward, 1.02–1.04× on 7×7 and input
            // gradients (FlagProbe, docs/sittings/2026-12-05-s29/probe-runs.txt).
            int len0 = seg.len[0], a = (seg.img[0] * k + p0) * hw + seg.pix[0], b = (seg.img[1] * k + p0) * hw + seg.pix[1] - len0;
            if (b >= 0 && a + (kc - 1) * hw + NR <= src.length) {
                VectorMask<Float> m0 = S.indexInRange(0, len0), m1 = S.indexInRange(L, len0);
                for (int q = 0; q < kc; q++) {
                    int to = d + q * NR, fa = a + q * hw, fb = b + q * hw;
                    FloatVector.fromArray(S, src, fb).blend(FloatVector.fromArray(S, src, fa), m0).intoArray(bp, to);
                    FloatVector.fromArray(S, src, fb + L).blend(FloatVector.fromArray(S, src, fa + L), m1).intoArray(bp, to + L);
                }
                return;
            }
        }
        for (int q = 0; q < kc; q++) {
            int to = d + q * NR;
            for (int r = 0; r < seg.count; r++)
                System.arraycopy(src, (seg.img[r] * k + p0 + q) * hw + seg.pix[r], bp, to + seg.at[r], seg.len[r]);
            for (int j = seg.width; j < NR; j++) bp[to + j] = 0f;
        }
    }

    /**
     * Rows [i0, i0 + mr) of a tile into the output planes, run by run: the tile (+ bias[i] when first) on the first
     * k slice, added to what is there after.
     */
    private static void writeBack(float[] t, int mr, int i0, int m, int hw, Segments seg, float[] dst, boolean first, float[] bias) {
        for (int r = 0; r < mr; r++) {
            int i = i0 + r;
            FloatVector add = FloatVector.broadcast(S, first && bias != null ? bias[i] : 0f);
            for (int g = 0; g < seg.count; g++) {
                int c = (seg.img[g] * m + i) * hw + seg.pix[g], a = r * NR + seg.at[g], len = seg.len[g];
                for (int j = 0; j < len; j += L) {
                    VectorMask<Float> in = S.indexInRange(j, len);
                    FloatVector v = FloatVector.fromArray(S, t, a + j, in);
                    v = first ? v.add(add) : v.add(FloatVector.fromArray(S, dst, c + j, in));
                    v.intoArray(dst, c + j, in);
                }
            }
        }
    }
}
