package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

/**
 * Depthwise convolution (groups == in == out channels) computed directly, one image
 * plane at a time: each kernel tap is a scaled row shift, done as a vector axpy over
 * the valid output columns (stride 1) or a scalar loop (other strides). Planes run in
 * parallel; the weight gradient runs channels in parallel, each summed by one thread.
 */
final class DepthwiseConv {
    private DepthwiseConv() {}

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int planes = g.batch() * g.inChannels(), work = g.outH() * g.outW() * g.kernelH() * g.kernelW();
        Parallel.forRange(planes, Math.max(1, 16384 / Math.max(1, work)), (from, to) -> {
            for (int p = from; p < to; p++) forwardPlane(g, x, w, bias, y, p);
        });
    }

    private static void forwardPlane(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, int plane) {
        int c = plane % g.inChannels(), oh = g.outH(), ow = g.outW(), h = g.inH(), wd = g.inW();
        int kh = g.kernelH(), kw = g.kernelW(), sw = g.strideW();
        int yo = plane * oh * ow, xo = plane * h * wd;
        Arrays.fill(y, yo, yo + oh * ow, bias == null ? 0f : bias[c]);
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
                float wv = w[(c * kh + ky) * kw + kx];
                int shift = kx * g.dilationW() - g.padW();
                int lo = Im2col.firstValid(shift, sw), hi = Im2col.lastValidExclusive(shift, sw, wd, ow);
                if (lo >= hi) continue;
                for (int oy = 0; oy < oh; oy++) {
                    int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                    if (iy < 0 || iy >= h) continue;
                    int src = xo + iy * wd + shift, dst = yo + oy * ow;
                    if (sw == 1) Elementwise.axpy(hi - lo, wv, x, src + lo, y, dst + lo);
                    else for (int ox = lo; ox < hi; ox++) y[dst + ox] += wv * x[src + ox * sw];
                }
            }
    }

    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int planes = g.batch() * g.inChannels(), work = g.outH() * g.outW() * g.kernelH() * g.kernelW();
        Parallel.forRange(planes, Math.max(1, 16384 / Math.max(1, work)), (from, to) -> {
            for (int p = from; p < to; p++) backwardDataPlane(g, dy, w, dx, p);
        });
    }

    private static void backwardDataPlane(ConvGeometry g, float[] dy, float[] w, float[] dx, int plane) {
        int c = plane % g.inChannels(), oh = g.outH(), ow = g.outW(), h = g.inH(), wd = g.inW();
        int kh = g.kernelH(), kw = g.kernelW(), sw = g.strideW();
        int yo = plane * oh * ow, xo = plane * h * wd;
        Arrays.fill(dx, xo, xo + h * wd, 0f);
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
                float wv = w[(c * kh + ky) * kw + kx];
                int shift = kx * g.dilationW() - g.padW();
                int lo = Im2col.firstValid(shift, sw), hi = Im2col.lastValidExclusive(shift, sw, wd, ow);
                if (lo >= hi) continue;
                for (int oy = 0; oy < oh; oy++) {
                    int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                    if (iy < 0 || iy >= h) continue;
                    int dst = xo + iy * wd + shift, src = yo + oy * ow;
                    if (sw == 1) Elementwise.axpy(hi - lo, wv, dy, src + lo, dx, dst + lo);
                    else for (int ox = lo; ox < hi; ox++) dx[dst + ox * sw] += wv * dy[src + ox];
                }
            }
    }

    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        int ch = g.inChannels();
        Parallel.forRange(ch, 1, (from, to) -> {
            for (int c = from; c < to; c++) weightChannel(g, x, dy, dw, c);
        });
    }

    private static void weightChannel(ConvGeometry g, float[] x, float[] dy, float[] dw, int c) {
        int oh = g.outH(), ow = g.outW(), h = g.inH(), wd = g.inW(), kh = g.kernelH(), kw = g.kernelW(), sw = g.strideW();
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
                int shift = kx * g.dilationW() - g.padW();
                int lo = Im2col.firstValid(shift, sw), hi = Im2col.lastValidExclusive(shift, sw, wd, ow);
                double s = 0;
                for (int n = 0; n < g.batch() && lo < hi; n++) {
                    int plane = n * g.inChannels() + c;
                    float rowSum = 0f;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                        if (iy < 0 || iy >= h) continue;
                        int src = plane * h * wd + iy * wd + shift, d = plane * oh * ow + oy * ow;
                        if (sw == 1) rowSum += Elementwise.dot(hi - lo, x, src + lo, dy, d + lo);
                        else for (int ox = lo; ox < hi; ox++) rowSum += x[src + ox * sw] * dy[d + ox];
                    }
                    s += rowSum;
                }
                dw[(c * kh + ky) * kw + kx] = (float) s;
            }
    }
}
