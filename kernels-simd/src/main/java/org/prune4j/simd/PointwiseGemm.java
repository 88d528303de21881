package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 1×1 convolution's GEMM over a chunk of NCHW images side by side, without copying them side by side:
 * dst[n] = op(W)·src[n] (+ bias) for images [n0, n1), where src[n] is k planes of hw pixels and dst[n] m planes.
 * The columns of the wide matrix are the chunk's pixels image after image; {@link Sgemm}'s blocking and
 * {@link MicroKernel} as they are, but its B panels are packed straight from the images' planes (a panel of NR
 * columns may take the end of one image and the start of the next) and its tiles are written back straight into
 * the output planes, with the bias added on the first k slice. Before, the chunk was copied into one wide matrix
 * and the product copied back out of one: two passes over memory (13.5% of the 7×7 512→1024 forward, perf).
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
                        for (int ir = 0; ir < mc; ir += MR) {
                            MicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, tmp);
                            writeBack(tmp, Math.min(MR, mc - ir), ib + ir, m, hw, seg, dst, p0 == 0, bias);
                        }
                    }
                }
            }
        }
    }

    /**
     * Where a panel's columns live: the panel [j0, j0 + nr) of the chunk's columns cut at image boundaries into
     * runs, run r being columns [at[r], at[r] + len[r]) of the panel at pixel pix[r] of image img[r].
     */
    static final class Segments {
        final int[] img = new int[NR], pix = new int[NR], at = new int[NR], len = new int[NR];
        int count, width;

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
