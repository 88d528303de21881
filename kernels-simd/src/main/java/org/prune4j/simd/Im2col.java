package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;

import java.util.Arrays;

/**
 * Lowers one image and group of a convolution to a dense matrix and back:
 * cols[(ci·kh + ky)·kw + kx][oy·OW + ox] = x[ci, oy·sh − ph + ky·dh, ox·sw − pw + kx·dw]
 * (zero outside the image), the row order of the conv weight, so the convolution is
 * W[Cout/g × patch] · cols[patch × OH·OW]. Stride-1 rows are copied as whole runs with
 * zero borders; horizontal stride 2 goes a vector at a time where the output rows are whole
 * or half vectors ({@link StridedRows}); other strides fall back to a per-element loop.
 */
final class Im2col {
    private Im2col() {}

    /** Fills cols (patch × OH·OW) from the input channels [c0, c0+cinG) of image n. */
    static void lower(ConvGeometry g, float[] x, int n, int c0, float[] cols) {
        lower(g, x, n, c0, cols, 0, g.outH() * g.outW());
    }

    /**
     * Fills the OH·OW columns starting at colOff of cols (row stride ld), so several
     * images can sit side by side in one wide matrix and share one GEMM.
     */
    static void lower(ConvGeometry g, float[] x, int n, int c0, float[] cols, int colOff, int ld) {
        if (isSameStride1(g)) {
            lowerSame(g, x, n, c0, cols, colOff, ld);
            return;
        }
        int ow = g.outW(), h = g.inH(), w = g.inW();
        int kh = g.kernelH(), kw = g.kernelW();
        boolean vector = StridedRows.suits(g);
        int row = 0;
        for (int ci = 0; ci < g.inChannelsPerGroup(); ci++) {
            int plane = ((n * g.inChannels()) + c0 + ci) * h * w;
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++, row++) {
                    int dst = row * ld + colOff;
                    int xShift = kx * g.dilationW() - g.padW();
                    int oxLo = firstValid(xShift, g.strideW()), oxHi = lastValidExclusive(xShift, g.strideW(), w, ow);
                    if (vector) StridedRows.lower(g, x, plane, ky, xShift, oxLo, oxHi, cols, dst);
                    else for (int oy = 0; oy < g.outH(); oy++) lowerRow(g, x, plane, oy, ky, xShift, oxLo, oxHi, cols, dst + oy * ow);
                }
        }
    }

    /**
     * Output row oy of lowered row (ci, ky, kx) at cols[dst, dst + OW): the input row it reads at the
     * stride, zero where the tap falls outside the image.
     */
    static void lowerRow(ConvGeometry g, float[] x, int plane, int oy, int ky, int xShift, int oxLo, int oxHi,
                         float[] cols, int dst) {
        int ow = g.outW(), w = g.inW();
        int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
        if (iy < 0 || iy >= g.inH() || oxLo >= oxHi) {
            Arrays.fill(cols, dst, dst + ow, 0f);
            return;
        }
        int src = plane + iy * w;
        if (oxLo > 0) Arrays.fill(cols, dst, dst + oxLo, 0f);
        if (g.strideW() == 1) {
            System.arraycopy(x, src + oxLo + xShift, cols, dst + oxLo, oxHi - oxLo);
        } else {
            int sw = g.strideW();
            for (int ox = oxLo; ox < oxHi; ox++) cols[dst + ox] = x[src + ox * sw + xShift];
        }
        if (oxHi < ow) Arrays.fill(cols, dst + oxHi, dst + ow, 0f);
    }

    /** dx[c0.., image n] += the columns scattered back (the adjoint of lower). */
    static void raiseAdd(ConvGeometry g, float[] cols, float[] dx, int n, int c0) {
        raiseAdd(g, cols, 0, g.outH() * g.outW(), dx, n, c0);
    }

    /** The adjoint of {@link #lower(ConvGeometry, float[], int, int, float[], int, int)}. */
    static void raiseAdd(ConvGeometry g, float[] cols, int colOff, int ld, float[] dx, int n, int c0) {
        if (isSameStride1(g)) {
            raiseAddSame(g, cols, colOff, ld, dx, n, c0);
            return;
        }
        int ow = g.outW(), h = g.inH(), w = g.inW();
        int kh = g.kernelH(), kw = g.kernelW();
        boolean vector = StridedRows.suits(g);
        int image = n * g.inChannels() * h * w, imageEnd = image + g.inChannels() * h * w;
        int row = 0;
        for (int ci = 0; ci < g.inChannelsPerGroup(); ci++) {
            int plane = image + (c0 + ci) * h * w;
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++, row++) {
                    int src = row * ld + colOff;
                    int xShift = kx * g.dilationW() - g.padW();
                    int oxLo = firstValid(xShift, g.strideW()), oxHi = lastValidExclusive(xShift, g.strideW(), w, ow);
                    if (oxLo >= oxHi) continue;
                    if (vector) StridedRows.raiseAdd(g, cols, src, dx, plane, image, imageEnd, ky, xShift, oxLo, oxHi);
                    else for (int oy = 0; oy < g.outH(); oy++) raiseRow(g, cols, src + oy * ow, dx, plane, oy, ky, xShift, oxLo, oxHi);
                }
        }
    }

    /** The adjoint of {@link #lowerRow}: dx's input row += cols[src + ox] at the stride, for the taps inside the image. */
    static void raiseRow(ConvGeometry g, float[] cols, int src, float[] dx, int plane, int oy, int ky, int xShift,
                         int oxLo, int oxHi) {
        int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
        if (iy < 0 || iy >= g.inH() || oxLo >= oxHi) return;
        int dst = plane + iy * g.inW() + xShift;
        if (g.strideW() == 1) {
            Elementwise.addInto(oxHi - oxLo, cols, src + oxLo, dx, dst + oxLo);
        } else {
            int sw = g.strideW();
            for (int ox = oxLo; ox < oxHi; ox++) dx[dst + ox * sw] += cols[src + ox];
        }
    }

    /** Stride 1, dilation 1 and output size = input size (the 3x3 pad 1 layers of ResNet and VGG). */
    static boolean isSameStride1(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.outH() == g.inH() && g.outW() == g.inW();
    }

    /**
     * For a same-size stride-1 conv each lowered row is the input plane shifted by one
     * constant offset: one bulk copy per (channel, ky, kx), then zeros where the shift
     * wrapped across a row edge or left the plane. Per-output-row copies were call
     * overhead on 28-wide rows (a fifth of a ResNet-20 step).
     */
    private static void lowerSame(ConvGeometry g, float[] x, int n, int c0, float[] cols, int colOff, int ld) {
        int h = g.inH(), w = g.inW(), hw = h * w, kh = g.kernelH(), kw = g.kernelW();
        int row = 0;
        for (int ci = 0; ci < g.inChannelsPerGroup(); ci++) {
            int plane = ((n * g.inChannels()) + c0 + ci) * hw;
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++, row++) {
                    int dst = row * ld + colOff;
                    int dy = ky - g.padH(), dxs = kx - g.padW();
                    int oy0 = Math.max(0, -dy), oy1 = Math.min(h, h - dy);
                    if (oy0 >= oy1 || Math.abs(dxs) >= w) {
                        Arrays.fill(cols, dst, dst + hw, 0f);
                        continue;
                    }
                    Arrays.fill(cols, dst, dst + oy0 * w, 0f);
                    Arrays.fill(cols, dst + oy1 * w, dst + hw, 0f);
                    int a = oy0 * w + Math.max(0, -dxs), b = oy1 * w - Math.max(0, dxs);
                    System.arraycopy(x, plane + a + dy * w + dxs, cols, dst + a, b - a);
                    zeroWrappedColumns(cols, dst, w, oy0, oy1, dxs);
                }
        }
    }

    /** The adjoint of {@link #lowerSame}; clears the wrapped entries of cols first (cols is scratch). */
    private static void raiseAddSame(ConvGeometry g, float[] cols, int colOff, int ld, float[] dx, int n, int c0) {
        int h = g.inH(), w = g.inW(), hw = h * w, kh = g.kernelH(), kw = g.kernelW();
        int row = 0;
        for (int ci = 0; ci < g.inChannelsPerGroup(); ci++) {
            int plane = ((n * g.inChannels()) + c0 + ci) * hw;
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++, row++) {
                    int src = row * ld + colOff;
                    int dy = ky - g.padH(), dxs = kx - g.padW();
                    int oy0 = Math.max(0, -dy), oy1 = Math.min(h, h - dy);
                    if (oy0 >= oy1 || Math.abs(dxs) >= w) continue;
                    zeroWrappedColumns(cols, src, w, oy0, oy1, dxs);
                    int a = oy0 * w + Math.max(0, -dxs), b = oy1 * w - Math.max(0, dxs);
                    Elementwise.addInto(b - a, cols, src + a, dx, plane + a + dy * w + dxs);
                }
        }
    }

    /** Zeroes, in rows [oy0, oy1) of a lowered row, the columns whose source fell off the left or right edge. */
    private static void zeroWrappedColumns(float[] cols, int base, int w, int oy0, int oy1, int dxs) {
        if (dxs < 0) {
            for (int oy = oy0; oy < oy1; oy++) for (int ox = 0; ox < -dxs; ox++) cols[base + oy * w + ox] = 0f;
        } else if (dxs > 0) {
            for (int oy = oy0; oy < oy1; oy++) for (int ox = w - dxs; ox < w; ox++) cols[base + oy * w + ox] = 0f;
        }
    }

    /** Smallest ox with ox·stride + shift ≥ 0. */
    static int firstValid(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the largest ox < ow with ox·stride + shift < w. */
    static int lastValidExclusive(int shift, int stride, int w, int ow) {
        int limit = w - shift; // need ox·stride < limit
        if (limit <= 0) return 0;
        return Math.min(ow, (limit + stride - 1) / stride);
    }
}
