package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;

import java.util.Arrays;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.NR;

/**
 * The zero-padded plane layout of {@link ImplicitConv} for a chunk of nb images of a
 * stride-1 "same" convolution (padding p = (k − 1)/2 per axis). Each channel of the
 * chunk becomes ONE plane with row stride r = W + pw: ph zero rows on top, then every
 * image's H rows followed by ph zero rows that separate it from the next, each row
 * starting with pw zero columns that are also the right padding of the row before.
 * Output (b, oy, ox) sits at column q = (b·(H + ph) + oy)·r + ox and tap (ky, kx)
 * reads plane[q + ky·r + kx]: one constant shift per tap over the whole chunk, so
 * every row of the implicit im2col matrix is a contiguous slice of a plane. Columns
 * with ox ≥ W or in a separator row are junk (a ratio (H + ph)(W + pw)/(HW) of extra
 * work) and are dropped when results are copied out. Rows (8 to 32 floats in ResNet) are
 * copied by {@link RowCopy}: a System.arraycopy or Arrays.fill stub call per row cost more than
 * the copy.
 *
 * @param cols      GEMM columns per chunk: up to the last real output, rounded up to NR
 * @param planeLen  floats per channel plane: cols plus the largest tap offset, rounded up
 */
record SamePadLayout(int h, int w, int ph, int pw, int r, int nb, int cols, int planeLen) implements PlaneLayout {

    static SamePadLayout of(ConvGeometry g, int nb) {
        int h = g.inH(), w = g.inW(), ph = g.padH(), pw = g.padW(), r = w + pw;
        int used = ((nb - 1) * (h + ph) + h) * r;
        int cols = (used + NR - 1) / NR * NR;
        int plane = cols + (g.kernelH() - 1) * r + g.kernelW() - 1;
        plane = (plane + L - 1) / L * L;
        // Planes a multiple of 4 KiB apart would map the same tap of every channel to one cache set.
        if (plane % 1024 == 0) plane += L;
        return new SamePadLayout(h, w, ph, pw, r, nb, cols, plane);
    }

    /** The column of output row (b, oy); also the plane offset of tap (0, 0) for it. */
    int outRow(int b, int oy) {
        return (b * (h + ph) + oy) * r;
    }

    /** Plane offset of tap (ky, kx). */
    int tap(int ky, int kx) {
        return ky * r + kx;
    }

    /**
     * rows[c·kh·kw + ky·kw + kx] = c·planeLen + tap(ky, kx) for channels [0, channels): the
     * B-row offsets of the implicit matrix, in the row order of the conv weight.
     */
    @Override
    public void tapRows(int channels, int kh, int kw, int[] rows) {
        int i = 0;
        for (int c = 0; c < channels; c++)
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) rows[i++] = c * planeLen + tap(ky, kx);
    }

    /** Packs channels [0, channels) of images [n0, n0 + nb) of an NCHW tensor into padded planes. */
    @Override
    public void pack(float[] x, int channels, int n0, float[] planes) {
        int hw = h * w;
        for (int c = 0; c < channels; c++) {
            int base = c * planeLen;
            RowCopy.zero(planes, base, ph * r);
            for (int b = 0; b < nb; b++) {
                int src = ((n0 + b) * channels + c) * hw;
                int row = base + outRow(b, 0) + ph * r;
                for (int iy = 0; iy < h; iy++, row += r, src += w) {
                    for (int j = 0; j < pw; j++) planes[row + j] = 0f;
                    RowCopy.copy(x, src, planes, row + pw, w);
                }
                RowCopy.zero(planes, row, ph * r);
            }
            Arrays.fill(planes, base + (ph + nb * (h + ph)) * r, base + planeLen, 0f);
        }
    }

    /**
     * Lays out channels [0, channels) of images [n0, n0 + nb) of an NCHW output gradient
     * in output columns (row stride cols), zero at every junk column, for the weight
     * gradient's sums over columns.
     */
    @Override
    public void packOutput(float[] dy, int channels, int n0, float[] out) {
        int hw = h * w;
        for (int c = 0; c < channels; c++) {
            int base = c * cols;
            for (int b = 0; b < nb; b++) {
                int src = ((n0 + b) * channels + c) * hw;
                int row = base + outRow(b, 0);
                for (int oy = 0; oy < h; oy++, row += r, src += w) {
                    RowCopy.copy(dy, src, out, row, w);
                    for (int j = w; j < r; j++) out[row + j] = 0f;
                }
                int end = b + 1 < nb ? base + outRow(b + 1, 0) : base + cols;
                RowCopy.zero(out, row, end - row);
            }
        }
    }

    /** y[n0 + b, c] = out[c] (row stride cols) at the real output columns, plus bias[c] when given. */
    @Override
    public void unpack(float[] out, int channels, int n0, float[] y, float[] bias) {
        int hw = h * w;
        for (int c = 0; c < channels; c++) {
            float add = bias == null ? 0f : bias[c];
            for (int b = 0; b < nb; b++) {
                int dst = ((n0 + b) * channels + c) * hw;
                int src = c * cols + outRow(b, 0);
                for (int oy = 0; oy < h; oy++, src += r, dst += w) {
                    if (bias == null) RowCopy.copy(out, src, y, dst, w);
                    else for (int ox = 0; ox < w; ox++) y[dst + ox] = out[src + ox] + add;
                }
            }
        }
    }
}
