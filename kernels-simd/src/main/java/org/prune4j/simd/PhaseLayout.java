package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.prune4j.core.kernels.ConvGeometry;

import java.util.Arrays;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.NR;
import static org.prune4j.simd.Sgemm.S;

/**
 * The plane layout of {@link ImplicitConv} for any stride, padding and dilation: each
 * channel of a chunk of nb images is zero-padded and split into sh·sw stride phases,
 * P[a, b][i][j] = x[sh·i + a − ph][sw·j + b − pw], every phase holding the nb images one
 * below the other, rows × width each, with rows = OH + dh(kh − 1)/sh and width =
 * OW + dw(kw − 1)/sw. Output (image bi, oy, ox) is column f = (bi·rows + oy)·width + ox,
 * and tap (ky, kx) reads phase ((ky·dh) mod sh, (kx·dw) mod sw) at f + ((ky·dh)/sh)·width
 * + (kx·dw)/sw: one constant shift per tap, as in {@link SamePadLayout}, so strided
 * layers get an implicit GEMM too. Columns with ox ≥ OW or oy ≥ OH are junk.
 * {@link DepthwiseConv} uses the same per-plane packing with one image.
 */
record PhaseLayout(int h, int w, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow,
                   int rows, int width, int nb, int cols, int phaseLen, int planeLen) implements PlaneLayout {

    /** The even lanes of a vector: the columns of one phase of a stride-2 row. */
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555_5555_5555_5555L);

    static PhaseLayout of(ConvGeometry g, int nb) {
        int sh = g.strideH(), sw = g.strideW();
        int rows = rows(g), width = width(g);
        int phaseLen = nb * rows * width;
        int cols = (phaseLen + NR - 1) / NR * NR;
        // Junk columns up to cols read at most rows·width + NR past the last phase.
        int plane = sh * sw * phaseLen + rows * width + NR;
        plane = (plane + L - 1) / L * L;
        if (plane % 1024 == 0) plane += L;
        return new PhaseLayout(g.inH(), g.inW(), sh, sw, g.padH(), g.padW(), g.dilationH(), g.dilationW(),
                g.outH(), g.outW(), rows, width, nb, cols, phaseLen, plane);
    }

    /** Rows per image in a phase: the output rows plus the deepest tap's row shift. */
    static int rows(ConvGeometry g) {
        return g.outH() + g.dilationH() * (g.kernelH() - 1) / g.strideH();
    }

    /** Row stride: the output columns plus the widest tap's column shift. */
    static int width(ConvGeometry g) {
        return g.outW() + g.dilationW() * (g.kernelW() - 1) / g.strideW();
    }

    @Override
    public void pack(float[] x, int channels, int n0, float[] planes) {
        int phases = sh * sw;
        for (int c = 0; c < channels; c++) {
            int base = c * planeLen;
            // Phase-major, images in order: memory is written front to back (see packPhase).
            for (int a = 0; a < sh; a++)
                for (int bp = 0; bp < sw; bp++)
                    for (int b = 0; b < nb; b++)
                        packPhase(x, ((n0 + b) * channels + c) * h * w, h, w, sh, sw, ph, pw, a, bp, rows, width,
                                planes, base + (a * sw + bp) * phaseLen + b * rows * width);
            Arrays.fill(planes, base + phases * phaseLen, base + planeLen, 0f);
        }
    }

    @Override
    public void tapRows(int channels, int kh, int kw, int[] rowsOut) {
        int i = 0;
        for (int c = 0; c < channels; c++)
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) {
                    int dy = ky * dh, dx = kx * dw;
                    rowsOut[i++] = c * planeLen + ((dy % sh) * sw + dx % sw) * phaseLen + (dy / sh) * width + dx / sw;
                }
    }

    @Override
    public void unpack(float[] out, int channels, int n0, float[] y, float[] bias) {
        for (int c = 0; c < channels; c++) {
            float add = bias == null ? 0f : bias[c];
            for (int b = 0; b < nb; b++) {
                int dst = ((n0 + b) * channels + c) * oh * ow, src = c * cols + b * rows * width;
                for (int oy = 0; oy < oh; oy++, src += width, dst += ow) {
                    if (bias == null) System.arraycopy(out, src, y, dst, ow);
                    else for (int ox = 0; ox < ow; ox++) y[dst + ox] = out[src + ox] + add;
                }
            }
        }
    }

    @Override
    public void packOutput(float[] dy, int channels, int n0, float[] out) {
        for (int c = 0; c < channels; c++) {
            int base = c * cols;
            for (int b = 0; b < nb; b++) {
                int src = ((n0 + b) * channels + c) * oh * ow, row = base + b * rows * width;
                for (int oy = 0; oy < oh; oy++, row += width, src += ow) {
                    System.arraycopy(dy, src, out, row, ow);
                    Arrays.fill(out, row + ow, row + width, 0f);
                }
                Arrays.fill(out, row, base + (b + 1) * rows * width, 0f);
            }
            Arrays.fill(out, base + phaseLen, base + cols, 0f);
        }
    }

    /**
     * Packs the h×w plane of x at xOff into sh·sw phases, phase (a, b) at pOff + (a·sw + b)·
     * phaseStride with rows × width floats: P[a, b][i][j] = x[sh·i + a − ph][sw·j + b − pw],
     * zero outside the plane. Writes front to back, and may write up to L floats of junk past
     * the last phase's end, which the caller zeroes.
     */
    static void packPlane(float[] x, int xOff, int h, int w, int sh, int sw, int ph, int pw,
                          int rows, int width, int phaseStride, float[] p, int pOff) {
        for (int a = 0; a < sh; a++)
            for (int b = 0; b < sw; b++)
                packPhase(x, xOff, h, w, sh, sw, ph, pw, a, b, rows, width, p, pOff + (a * sw + b) * phaseStride);
    }

    /**
     * Only the values of {@link #packPlane}'s phases that come from the plane: every position that
     * packPlane zeroes is left untouched, and nothing is written past a row's real columns. A caller
     * that zeroed the buffer once can then pack plane after plane of one geometry without re-zeroing
     * the padding: the depthwise kernels' 7×7 and 14×14 planes spent most of their time in per-row
     * fill and copy calls.
     */
    static void packPlaneValues(float[] x, int xOff, int h, int w, int sh, int sw, int ph, int pw,
                                int rows, int width, int phaseStride, float[] p, int pOff) {
        if (sh == 2 && sw == 2) {
            packStride2Values(x, xOff, h, w, ph, pw, rows, width, phaseStride, p, pOff);
            return;
        }
        for (int a = 0; a < sh; a++)
            for (int b = 0; b < sw; b++) {
                int dst = pOff + (a * sw + b) * phaseStride;
                int j0 = Math.min(width, Math.max(0, ceilDiv(pw - b, sw)));
                int j1 = Math.max(j0, Math.min(width, ceilDiv(w + pw - b, sw)));
                if (j0 == j1) continue;
                for (int i = 0; i < rows; i++) {
                    int iy = sh * i + a - ph;
                    if (iy < 0 || iy >= h) continue;
                    int src = xOff + iy * w + b - pw + sw * j0, row = dst + i * width + j0;
                    if (sw == 1) RowCopy.copy(x, src, p, row, j1 - j0);
                    else RowCopy.gather(x, src, sw, p, row, j1 - j0);
                }
            }
    }

    /**
     * {@link #packPlaneValues} for stride 2 on both axes: each input row is read once and de-interleaved into its two
     * column phases together by two-table permutes ({@link RowCopy#deinterleave}); even input columns 2t land in
     * column phase pw &amp; 1 at column t + pw / 2, odd ones in the other at t + (pw + 1) / 2. Before (session 27),
     * MobileNet's wide stride-2 depthwise rows went through {@link #packPlane}: four phase passes, each reading its
     * rows again, compressing one vector into half a vector and zero-filling the padding per row (68% of the 112×112
     * weight gradient in perf). In one JVM alternating with that (FlagProbe, same bits): the 112×112 stride-2 layer at
     * batch 64 forward 1.67×, weight gradient 1.54×; at batch 1 1.76× / 1.31×.
     */
    private static void packStride2Values(float[] x, int xOff, int h, int w, int ph, int pw, int rows, int width,
                                          int phaseStride, float[] p, int pOff) {
        int be = pw & 1, je = pw >> 1, jo = (pw + 1) >> 1;
        int ne = Math.max(0, Math.min((w + 1) / 2, width - je)), no = Math.max(0, Math.min(w / 2, width - jo)), both = Math.min(ne, no);
        for (int iy = 0; iy < h; iy++) {
            int a = (iy + ph) & 1, i = (iy + ph) >> 1;
            if (i >= rows) continue;
            int src = xOff + iy * w, row = pOff + i * width;
            int de = row + (a * 2 + be) * phaseStride + je, dO = row + (a * 2 + 1 - be) * phaseStride + jo;
            RowCopy.deinterleave(x, src, p, de, p, dO, both);
            for (int t = both; t < ne; t++) p[de + t] = x[src + 2 * t];
            for (int t = both; t < no; t++) p[dO + t] = x[src + 2 * t + 1];
        }
    }

    /**
     * Phase (a, b) of the h×w plane of x at xOff, rows × width floats at dst. A stride-2 row
     * of at least three vectors is de-interleaved a vector at a time: the even lanes of L
     * input floats are compressed down and a whole vector is stored (MobileNet's stride-2
     * depthwise layers, 16 lanes: 1.2-1.5x faster at 112 and 56 columns than a scalar loop,
     * 0.82-0.85x at 28 and 14, JMH medians of 3 interleaved runs). Lanes past the row's real columns (input from the
     * next row, or the compress's zeros) land at or after column j1 and are overwritten by
     * this row's zero fill, or past the row's end, in memory that the caller writes later:
     * callers write phases and rows front to back and zero the slack after the last phase.
     */
    private static void packPhase(float[] x, int xOff, int h, int w, int sh, int sw, int ph, int pw, int a, int b,
                                  int rows, int width, float[] p, int dst) {
        // Columns j with 0 <= sw·j + b − pw < w are real, the rest are padding.
        int j0 = Math.min(width, Math.max(0, ceilDiv(pw - b, sw)));
        int j1 = Math.max(j0, Math.min(width, ceilDiv(w + pw - b, sw)));
        for (int i = 0; i < rows; i++) {
            int row = dst + i * width, iy = sh * i + a - ph;
            if (iy < 0 || iy >= h) {
                Arrays.fill(p, row, row + width, 0f);
                continue;
            }
            Arrays.fill(p, row, row + j0, 0f);
            int src = xOff + iy * w + b - pw, j = j0;
            if (sw == 1) {
                System.arraycopy(x, src + j0, p, row + j0, j1 - j0);
                j = j1;
            } else if (sw == 2 && w >= 3 * L) {
                for (int end = x.length - L; j < j1 && src + 2 * j <= end; j += L / 2)
                    FloatVector.fromArray(S, x, src + 2 * j).compress(EVEN).intoArray(p, row + j);
                j = Math.min(j, j1);
            }
            for (; j < j1; j++) p[row + j] = x[src + sw * j];
            Arrays.fill(p, row + j1, row + width, 0f);
        }
    }

    static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
