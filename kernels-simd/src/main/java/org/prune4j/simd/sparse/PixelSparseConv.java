package org.prune4j.simd.sparse;

import java.util.Arrays;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * The sparse forward on tiny output planes (VGG's 2×2 stage): one CSR SpMM per output pixel over only the taps that
 * land inside the input, with the batch as the columns. For output pixel p the weight's nonzeros whose tap reads an
 * input pixel q are regrouped into A_p[co][q·Cin + ci] (a plan per weight structure, {@link PlanCache}); the input is
 * transposed once to X[q][ci][n], so Y_p[co][n] = A_p · X is {@link CsrSpmm}'s product with bias and ReLU fused, and
 * Y is transposed back into the planes. The general kernel frames a 2×2 plane in zeros and runs all nine taps over
 * it, where 16 of the 36 pixel-tap pairs are inside. In one JVM alternating (docs/sittings/2026-12-05-s32/probes/
 * PixSparse.java, 512 channels, 2 threads): at 90% 5.6–5.8 → 1.3–1.4 ms at batch 64 (dense: 2.9), 1.5 → 0.3 at 16,
 * 10.7 → 2.1 at 128; at 50% 20.9 → 3.4 at batch 64. At batch 1 it was no faster (0.21 against 0.18–0.29 ms), and
 * on 4×4 planes 3× slower (the general kernel's tiles pay there), so it takes planes of up to 4 pixels from a vector
 * of images. The weight gradient runs per pixel as SDDMMs over the same plans ({@link #backwardWeight}); the input
 * gradient of a stride-1 "same" layer is the forward of its adjoint, which takes this path as well.
 */
final class PixelSparseConv {
    /** Output planes up to this many pixels. */
    static final int MAX_PIXELS = 4;

    private PixelSparseConv() {}

    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.dilationH() == 1 && g.dilationW() == 1 && g.outH() * g.outW() <= MAX_PIXELS
                && g.batch() >= ShiftedSum.V;
    }

    /** y = conv(x, W) + bias, then ReLU when relu, for a geometry that {@link #suits}. */
    static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        int cin = g.inChannels(), cout = g.outChannels(), hw = g.inH() * g.inW(), ohw = g.outH() * g.outW(), n = g.batch();
        Plan plan = plan(g, w);
        float[] xt = Scratch.get(Scratch.SHARED, (long) hw * cin * n), yt = Scratch.get(Scratch.GRAD, (long) ohw * cout * n);
        pixelMajor(x, cin, hw, n, xt);
        float[] vals = w.values();
        for (int p = 0; p < ohw; p++) {
            int[] from = plan.source[p];
            float[] v = new float[from.length];
            for (int e = 0; e < v.length; e++) v[e] = vals[from[e]];
            CsrSpmm.spmm(plan.pixel[p].withValues(v), n, xt, 0, yt, p * cout * n, bias, relu, false);
        }
        // y[(i·Cout + co)·OHW + p] = yt[(p·Cout + co)·N + i]
        Parallel.forRange(cout, 16, (c0, c1) -> {
            for (int co = c0; co < c1; co++)
                for (int i = 0; i < n; i++) {
                    int dst = (i * cout + co) * ohw;
                    for (int p = 0; p < ohw; p++) y[dst + p] = yt[(p * cout + co) * n + i];
                }
        });
    }

    /**
     * The weight gradient at w's entries (overwritten): for each output pixel the SDDMM of dY's rows with X's rows at
     * A_p's entries (dots over the batch), added into the entries they came from in a fixed pixel order. The input
     * gradient of a stride-1 "same" layer goes through the forward of its adjoint, which lands here too.
     */
    static void backwardWeight(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dwValues) {
        int cin = g.inChannels(), cout = g.outChannels(), hw = g.inH() * g.inW(), ohw = g.outH() * g.outW(), n = g.batch();
        Plan plan = plan(g, w);
        float[] xt = Scratch.get(Scratch.SHARED, (long) hw * cin * n), dyt = Scratch.get(Scratch.GRAD, (long) ohw * cout * n);
        pixelMajor(x, cin, hw, n, xt);
        pixelMajor(dy, cout, ohw, n, dyt);
        Arrays.fill(dwValues, 0, w.nnz(), 0f);
        for (int p = 0; p < ohw; p++) {
            int[] to = plan.source[p];
            float[] part = new float[to.length];
            Sddmm.sddmm(plan.pixel[p], n, dyt, p * cout * n, xt, 0, part, false);
            for (int e = 0; e < to.length; e++) dwValues[to[e]] += part[e];
        }
    }

    /** t[(q·channels + c)·n + i] = a[(i·channels + c)·hw + q]: images' planes to [pixel][channel][image]. */
    private static void pixelMajor(float[] a, int channels, int hw, int n, float[] t) {
        Parallel.forRange(channels, 16, (c0, c1) -> {
            for (int c = c0; c < c1; c++)
                for (int i = 0; i < n; i++) {
                    int src = (i * channels + c) * hw;
                    for (int q = 0; q < hw; q++) t[(q * channels + c) * n + i] = a[src + q];
                }
        });
    }

    private static Plan plan(ConvGeometry g, CsrMatrix w) {
        return PlanCache.get(w, new Key(g.inChannels(), g.inH(), g.inW(), g.outH(), g.outW(), g.kernelH(), g.kernelW(),
                g.strideH(), g.strideW(), g.padH(), g.padW()), () -> Plan.of(g, w));
    }

    private record Key(int cin, int h, int w, int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw) {}

    /** Per output pixel: A_p's structure (values are gathered per call) and, for each of its entries, the weight entry it takes. */
    private record Plan(CsrMatrix[] pixel, int[][] source) {
        static Plan of(ConvGeometry g, CsrMatrix w) {
            int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), khw = kh * kw;
            int h = g.inH(), wd = g.inW(), ow = g.outW(), ohw = g.outH() * ow;
            int[] rp = w.rowPtr(), ci = w.colIdx();
            CsrMatrix[] pixel = new CsrMatrix[ohw];
            int[][] source = new int[ohw][];
            for (int p = 0; p < ohw; p++) {
                int oy = p / ow, ox = p % ow;
                int[] ptr = new int[cout + 1];
                long[] keyed = new long[w.nnz()];
                int count = 0;
                for (int co = 0; co < cout; co++) {
                    int start = count;
                    for (int e = rp[co]; e < rp[co + 1]; e++) {
                        int c = ci[e] / khw, t = ci[e] % khw;
                        int iy = oy * g.strideH() - g.padH() + t / kw, ix = ox * g.strideW() - g.padW() + t % kw;
                        if (iy < 0 || ix < 0 || iy >= h || ix >= wd) continue;
                        keyed[count++] = (long) ((iy * wd + ix) * cin + c) << 32 | e;
                    }
                    Arrays.sort(keyed, start, count); // by column within the row
                    ptr[co + 1] = count;
                }
                int[] cols = new int[count], src = new int[count];
                for (int e = 0; e < count; e++) {
                    cols[e] = (int) (keyed[e] >>> 32);
                    src[e] = (int) keyed[e];
                }
                pixel[p] = new CsrMatrix(cout, h * wd * cin, ptr, cols, new float[count]);
                source[p] = src;
            }
            return new Plan(pixel, source);
        }
    }
}
