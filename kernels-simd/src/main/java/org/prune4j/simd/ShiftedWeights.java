package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.prune4j.core.kernels.ConvGeometry;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

/**
 * The weight gradient of a stride-1 "same" convolution whose rows are whole vectors (ResNet's 16-channel 32×32 layer)
 * as dot products whose loads all sit on cache lines.
 *
 * <p>dW[co][ci][ky][kx] = Σ over images and pixels (y, x′) of A_kx[co][y, x′]·X[ci][y + ky − ph, x′], where
 * A_kx[co][y, x′] = dY[co][y, x′ − kx + pw] (zero where that column is outside the row): the column shift of a tap is
 * moved from the input (where {@link ImplicitConv}'s tap rows start kx floats into a padded row, so two loads in three
 * straddle two cache lines) onto kw − 1 shifted copies of dY (the unshifted one is dY itself), and the row shift stays
 * on the input, whose planes are copied with ph zero rows above and below. With rows a multiple of the vector length,
 * a row shift is whole vectors, and the copies are placed on dY's phase of the cache lines, so every load of both
 * sides starts on a line but at each end of a block's range, done as one masked step. The product is a GEMM of the
 * kw·Cout rows (kx, co) of the copies against the Cin·kh rows (ci, ky) of the framed planes, in blocks of 4 × 4 rows
 * with 16 vector accumulators over an image's pixels; each block's B rows are four channels at one ky, the ky of a
 * channel group run one after another over the same framed planes (in L1), and an A block stays in L1 while every B
 * block passes. The accumulators are added to a per-range vector partial per image, whose lanes are summed once at
 * the end in a fixed order: the bits depend only on the image range.
 *
 * <p>Against {@link DotGemm} over {@link ImplicitConv}'s planes (2.8 vector FMAs per ns on this layer), batch 128,
 * 2 threads: JMH 3.30 → 2.45 ms (docs/sittings/2026-12-05-s29/probe-runs.txt, 3 rounds). Blocks of 4 × 6 (two
 * channels' three row shifts: 10 loads per 24 FMAs) ran faster alone but not in the layer (0.92×), and are not used.
 */
final class ShiftedWeights {
    private ShiftedWeights() {}

    /**
     * Stride 1, dilation 1, odd kernels with "same" padding, one group, rows of whole vectors, and channel counts that
     * fill the 4 × 4 blocks (Cin and Cout multiples of 4).
     */
    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.kernelH() % 2 == 1 && g.kernelW() % 2 == 1 && g.kernelH() * g.kernelW() > 1
                && g.padH() == (g.kernelH() - 1) / 2 && g.padW() == (g.kernelW() - 1) / 2
                && g.inW() % L == 0 && g.inChannels() % 4 == 0 && g.outChannels() % 4 == 0;
    }

    /**
     * Where it replaces {@link ImplicitConv}'s weight gradient (the layers {@link TapWeights} leaves it: output channels
     * not a multiple of its panel): rows of 32 or more floats, and at most 64 × 64 channels, so that the vector partials
     * (16 floats per weight) stay within 2.4 MB. ResNet's 16-channel 32×32 layer, batch 128, 2 threads: 1.15–1.27× in
     * one JVM (FlagProbe, docs/sittings/2026-12-05-s29/probe-runs.txt). Planes of 16×16 (256-float rows of dot
     * products per block and image) ran 0.44–0.66× of TapWeights on ResNet's and VGG's 32- to 128-channel layers.
     */
    static boolean wins(ConvGeometry g) {
        return suits(g) && g.outChannels() % TapWeights.NR != 0 && g.inW() >= 32 && g.inChannels() * g.outChannels() <= 64 * 64;
    }

    /** dw (+)= the weight gradient of images [n0, n1); overwrites when first. */
    static void weightChunk(ConvGeometry g, float[] x, float[] dy, float[] dw, int n0, int n1, boolean first) {
        weightChunk(g, x, dy, dw, n0, n1, first, Aligned.offset(dy));
    }

    /**
     * The same with the loads lined up as if dY[ad] began a line (tests take every phase; a wrong one only splits
     * loads).
     */
    static void weightChunk(ConvGeometry g, float[] x, float[] dy, float[] dw, int n0, int n1, boolean first, int ad) {
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), h = g.inH(), w = g.inW();
        int hw = h * w, ph = g.padH(), pw = g.padW(), framed = (h + 2 * ph) * w, blocks = kw * cout / 4 * (cin / 4) * kh;
        Scratch s = Scratch.get();
        // Pixel q of dY's planes is on a line when q ≡ ad (mod L); the framed planes and the shifted copies are placed
        // so that theirs are too, with a line of slack before them for the masked head step, and dY's own planes serve
        // as the unshifted copy (kx = pw).
        int d = ad % L;
        float[] planes = s.floats(Scratch.COLUMNS, cin * framed + 3 * Aligned.SLACK);
        float[] shifted = s.floats(Scratch.MISC, (kw - 1) * cout * hw + 3 * Aligned.SLACK);
        float[] acc = s.floats(Scratch.PACK_B, blocks * 16 * L + Aligned.SLACK);
        int xb = L + Math.floorMod(Aligned.offset(planes) - ad, L), ab = L + Math.floorMod(Aligned.offset(shifted) - ad, L);
        int cb = Aligned.offset(acc);
        java.util.Arrays.fill(acc, cb, cb + blocks * 16 * L, 0f);
        for (int ci = 0; ci < cin; ci++) { // the zero rows above and below each plane, never overwritten
            java.util.Arrays.fill(planes, xb + ci * framed, xb + ci * framed + ph * w, 0f);
            java.util.Arrays.fill(planes, xb + ci * framed + (ph + h) * w, xb + (ci + 1) * framed, 0f);
        }
        for (int n = n0; n < n1; n++) {
            int image = n * cout * hw;
            for (int ci = 0; ci < cin; ci++) System.arraycopy(x, (n * cin + ci) * hw, planes, xb + ci * framed + ph * w, hw);
            for (int kx = 0, slot = 0; kx < kw; kx++) {
                if (kx != pw) shiftCopies(dy, image, cout, h, w, kx - pw, shifted, ab + slot++ * cout * hw);
            }
            // Block rows (kx, co..co+3), columns (ci..ci+3, ky): an A block stays in L1 while the B blocks pass, the
            // ky of a channel group one after another over the same framed planes.
            int blk = cb;
            for (int kx = 0; kx < kw; kx++) {
                boolean own = kx == pw;
                float[] a = own ? dy : shifted;
                for (int co = 0; co < cout; co += 4) {
                    int ai = own ? image + co * hw : ab + ((kx < pw ? kx : kx - 1) * cout + co) * hw;
                    for (int ci = 0; ci < cin; ci += 4) {
                        for (int ky = 0; ky < kh; ky++, blk += 16 * L) {
                            block4x4(hw, d, a, ai, hw, planes, xb + ci * framed + ky * w, framed, acc, blk);
                        }
                    }
                }
            }
        }
        // Lane sums in lane order, then into dw[co][ci][ky][kx] from block rows (kx, co..), columns (ci.., ky).
        int blk = cb;
        for (int kx = 0; kx < kw; kx++) {
            for (int co = 0; co < cout; co += 4) {
                for (int ci = 0; ci < cin; ci += 4) {
                    for (int ky = 0; ky < kh; ky++, blk += 16 * L) {
                        for (int r = 0; r < 4; r++) {
                            for (int c = 0; c < 4; c++) {
                                float sum = 0f;
                                for (int l = 0; l < L; l++) sum += acc[blk + (r * 4 + c) * L + l];
                                int at = (((co + r) * cin + ci + c) * kh + ky) * kw + kx;
                                dw[at] = first ? sum : dw[at] + sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out[o + co·h·w + y·w + x′] = dy[d + co·h·w + y·w + x′ − sh], zero where x′ − sh is outside [0, w): every output
     * channel's plane of one image shifted by sh columns.
     */
    private static void shiftCopies(float[] dy, int d, int cout, int h, int w, int sh, float[] out, int o) {
        int hw = h * w, c0 = sh >= 0 ? 0 : w + sh, c1 = sh >= 0 ? sh : w;
        for (int co = 0; co < cout; co++) {
            int src = d + co * hw, dst = o + co * hw;
            // The plane as one run shifted by sh, then the |sh| columns per row that wrapped from the next or previous
            // row (or fell outside the plane) set to zero.
            if (sh >= 0) System.arraycopy(dy, src, out, dst + sh, hw - sh);
            else System.arraycopy(dy, src - sh, out, dst, hw + sh);
            for (int y = 0; y < h; y++) for (int c = c0; c < c1; c++) out[dst + y * w + c] = 0f;
        }
    }

    /** Lanes [L − d, L) set: the head of a range that starts d floats before a line. */
    private static final VectorMask<Float>[] HEAD = masks(true), TAIL = masks(false);

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] masks(boolean head) {
        VectorMask<Float>[] m = new VectorMask[L];
        for (int d = 0; d < L; d++) m[d] = VectorMask.fromLong(S, head ? ((1L << L) - 1) & ~((1L << (L - d)) - 1) : (1L << (L - d)) - 1);
        return m;
    }

    /**
     * acc[o + (r·4 + c)·L + lane] += Σ_{0 ≤ q &lt; k} a[ai + r·lda + q]·b[bi + c·ldb + q], lane by lane, where k is a
     * multiple of L and pixel d is on a line on both sides: whole vectors from there, the d pixels before it and the
     * L − d at the end as one masked step each.
     */
    private static void block4x4(int k, int d, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] acc, int o) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        int end = d == 0 ? k : k - L;
        for (int p = d; p < end; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p), b1 = FloatVector.fromArray(S, b, bi + ldb + p);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * ldb + p), b3 = FloatVector.fromArray(S, b, bi + 3 * ldb + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p);
            s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13);
            FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p);
            s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23);
            FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p);
            s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33);
        }
        if (d != 0) {
            // The head: the last d lanes of the line before pixel d; the tail: the first L − d lanes of the line at k − L + d.
            for (int t = 0; t < 2; t++) {
                int p = t == 0 ? d - L : k - L + d;
                VectorMask<Float> m = t == 0 ? HEAD[d] : TAIL[d];
                FloatVector b0 = FloatVector.fromArray(S, b, bi + p, m), b1 = FloatVector.fromArray(S, b, bi + ldb + p, m);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * ldb + p, m), b3 = FloatVector.fromArray(S, b, bi + 3 * ldb + p, m);
                FloatVector a0 = FloatVector.fromArray(S, a, ai + p, m);
                s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03);
                FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p, m);
                s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13);
                FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p, m);
                s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23);
                FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p, m);
                s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33);
            }
        }
        // Written out per accumulator: a helper taking vectors would not inline and would box them.
        FloatVector.fromArray(S, acc, o).add(s00).intoArray(acc, o);
        FloatVector.fromArray(S, acc, o + L).add(s01).intoArray(acc, o + L);
        FloatVector.fromArray(S, acc, o + 2 * L).add(s02).intoArray(acc, o + 2 * L);
        FloatVector.fromArray(S, acc, o + 3 * L).add(s03).intoArray(acc, o + 3 * L);
        FloatVector.fromArray(S, acc, o + 4 * L).add(s10).intoArray(acc, o + 4 * L);
        FloatVector.fromArray(S, acc, o + 5 * L).add(s11).intoArray(acc, o + 5 * L);
        FloatVector.fromArray(S, acc, o + 6 * L).add(s12).intoArray(acc, o + 6 * L);
        FloatVector.fromArray(S, acc, o + 7 * L).add(s13).intoArray(acc, o + 7 * L);
        FloatVector.fromArray(S, acc, o + 8 * L).add(s20).intoArray(acc, o + 8 * L);
        FloatVector.fromArray(S, acc, o + 9 * L).add(s21).intoArray(acc, o + 9 * L);
        FloatVector.fromArray(S, acc, o + 10 * L).add(s22).intoArray(acc, o + 10 * L);
        FloatVector.fromArray(S, acc, o + 11 * L).add(s23).intoArray(acc, o + 11 * L);
        FloatVector.fromArray(S, acc, o + 12 * L).add(s30).intoArray(acc, o + 12 * L);
        FloatVector.fromArray(S, acc, o + 13 * L).add(s31).intoArray(acc, o + 13 * L);
        FloatVector.fromArray(S, acc, o + 14 * L).add(s32).intoArray(acc, o + 14 * L);
        FloatVector.fromArray(S, acc, o + 15 * L).add(s33).intoArray(acc, o + 15 * L);
    }
}
