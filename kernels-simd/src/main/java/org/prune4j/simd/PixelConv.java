package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

/**
 * Convolutions on tiny output planes (VGG's 4×4 and 2×2 stages) as GEMMs with the batch as the columns, one per
 * output pixel and kernel row, over only the taps that land inside the input. On a 2×2 plane with padding 1 a
 * pixel sees 4 of a 3×3 kernel's 9 taps and on a 4×4 plane 100 of the 144 pixel-tap pairs are real: every other
 * path here (implicit GEMM over framed planes, im2col, the lane and tap tiles) multiplies the padding's zeros too,
 * 2.25× and 1.44× the work.
 *
 * <ul>
 * <li>forward: Y[p] (Cout × N) = Σ over the kernel rows ky that land inside of W[ky, kx0..kx1) · X[row of input
 *     pixels], with X as [input pixel][Cin][N] so a run of consecutive taps is one contiguous K = run·Cin block
 *     of rows, and W repacked as [Cout][ky][kx][Cin] so the same run is a plain strided block of columns;
 * <li>input gradient of a stride-1 "same" layer: the forward of dY with the flipped, transposed weights;
 * <li>weight gradient: dW[ky][kx] (Cout × Cin) = Σ over output rows of dY[Cout][pixels][N] · X[Cin][pixels][N]ᵀ,
 *     K = the pixels of the row whose tap lands inside × N (whole planes at once where rows are contiguous).
 * </ul>
 * Threads share out the output channels (the GEMMs inside run on the calling thread), so every output is one
 * fixed-order sum for a given thread count. Batches over {@link #CHUNK} images run in chunks. The weights are
 * repacked per call (Cout·Cin·k² copies against Cout·Cin·k²·pixels·N multiply-adds).
 */
final class PixelConv {
    private PixelConv() {}

    /** Output planes up to this many pixels. */
    static final int MAX_PIXELS = 16;
    /** Images per chunk of columns. */
    static final int CHUNK = 256;

    /** One group, a kernel larger than 1×1, no dilation, a plane of at most MAX_PIXELS. */
    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.batch() > 0 && g.outH() * g.outW() <= MAX_PIXELS;
    }

    /** Whether the input gradient can take this path: a stride-1 "same" layer (see {@link LaneConv#suitsBackwardData}). */
    static boolean suitsBackwardData(ConvGeometry g) {
        return suits(g) && g.strideH() == 1 && g.strideW() == 1 && g.inH() == g.outH() && g.inW() == g.outW();
    }

    /** Whether the weight gradient can take this path: stride 1 (a row's taps then read a contiguous run of inputs). */
    static boolean suitsBackwardWeight(ConvGeometry g) {
        return suits(g) && g.strideH() == 1 && g.strideW() == 1;
    }

    /**
     * Where this path measured faster than the others (JMH ConvBenchmark, batch 128, 2 threads, 2 alternating rounds,
     * docs/sittings/2026-12-03-s13/ab-pixels): 2×2 planes always (VGG's 512-channel layer: forward 2.30×, input
     * gradient 2.50×, weight gradient 1.77×); 4×4 planes from 512 input channels (forward 1.13–1.27×, input gradient
     * 1.0–1.19×, weight gradient 1.13–1.31×; with 256 input channels 0.96–1.16×, where {@link LaneConv}'s tiles run
     * the padding taps at a higher rate than these GEMMs run the real ones).
     */
    static boolean wins(ConvGeometry g) {
        int pixels = g.outH() * g.outW();
        return pixels <= 4 ? g.batch() >= MIN_BATCH_2X2 : g.inChannels() >= 512 && g.batch() >= MIN_BATCH_4X4;
    }

    /**
     * Images from which the batch fills this path's GEMMs (N = the images of a chunk, for every output pixel and
     * kernel row): below it each GEMM repacks the layer's weights for a few columns, and VGG's 512-channel layers
     * at batch 1 ran 8.0 ms (4×4) and 2.7 ms (2×2) here against 0.89 and 0.85 on the other paths. JMH with the path
     * forced on and off (docs/sittings/2026-12-05-s32/pixels*, 2 threads): 2×2 planes lose to 16 images
     * (forward 1.36×, input gradient 1.85×) and win from 32 (0.73×, 0.77×; at 64 0.39×, 0.50×); 4×4 planes lose to
     * 32 images (1.13–1.16×) and are even at 64 (0.97–1.05×). At 128 the 4×4 forward and input gradient now ran 1.07×
     * and 1.23× faster on the other paths (Winograd's since session 23) and the weight gradient 1.14× slower: the
     * rule for all three passes is left as it was there.
     */
    static final int MIN_BATCH_2X2 = 32, MIN_BATCH_4X4 = 64;

    /** Output channels per thread share: whole micro-tile rows of {@link Sgemm}. */
    private static int[] channelShares(int cout) {
        int parts = Math.max(1, Math.min(Parallel.threads(), cout / Sgemm.MR));
        int units = (cout + Sgemm.MR - 1) / Sgemm.MR;
        int[] at = new int[parts + 1];
        for (int t = 0; t <= parts; t++) at[t] = Math.min(cout, (int) ((long) units * t / parts) * Sgemm.MR);
        return at;
    }

    /** y = conv(x, w) + bias (bias may be null), overwritten, for a geometry that {@link #suits}. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        float[] wt = Scratch.get().floats(Scratch.PARTIAL, g.weightSize());
        packTaps(w, g.outChannels(), g.inChannels(), g.kernelH() * g.kernelW(), false, wt);
        forwardPacked(g, x, wt, bias, y);
    }

    /**
     * wt[r][t][c] = w[r][c][t] (rows r = output channels, c = input channels), or with flip the weights of the adjoint
     * forward, wt[ci][t][co] = w[co][ci][kk − 1 − t]: a row's runs of taps become blocks of columns. Rows in parallel;
     * each row reads its kk-float groups in order and writes kk streams.
     */
    static void packTaps(float[] w, int cout, int cin, int kk, boolean flip, float[] wt) {
        int rows = flip ? cin : cout, other = flip ? cout : cin, patch = other * kk;
        Parallel.forRange(rows, 16, (r0, r1) -> {
            for (int r = r0; r < r1; r++)
                for (int c = 0; c < other; c++) {
                    int src = (flip ? c * cin + r : r * cin + c) * kk, dst = r * patch + c;
                    if (flip) {
                        for (int t = 0; t < kk; t++) wt[dst + (kk - 1 - t) * other] = w[src + t];
                    } else {
                        for (int t = 0; t < kk; t++) wt[dst + t * other] = w[src + t];
                    }
                }
        });
    }

    /** {@link #forward} with the weights already packed by {@link #packTaps}. */
    private static void forwardPacked(ConvGeometry g, float[] x, float[] wt, float[] bias, float[] y) {
        int cin = g.inChannels(), cout = g.outChannels();
        int hw = g.inH() * g.inW(), ohw = g.outH() * g.outW();
        Scratch s = Scratch.get();
        int batch = g.batch(), chunk = Math.min(CHUNK, batch);
        float[] xt = s.floats(Scratch.COLUMNS, hw * cin * chunk);
        float[] yt = s.floats(Scratch.MISC, ohw * cout * chunk);
        int[] shares = channelShares(cout);
        for (int n0 = 0; n0 < batch; n0 += chunk) {
            int nb = Math.min(chunk, batch - n0), first = n0;
            // xt[q][ci][n] = x[first + n][ci][q]
            Parallel.forRange(cin, 16, (c0, c1) -> {
                for (int ci = c0; ci < c1; ci++) gather(x, first, nb, cin * hw, ci * hw, hw, xt, ci * nb, cin * nb);
            });
            Parallel.forRange(shares.length - 1, 1, (t0, t1) -> {
                for (int t = t0; t < t1; t++) forwardRows(g, wt, xt, nb, yt, shares[t], shares[t + 1]);
            });
            // y[first + n][co][p] = yt[co][p][n], then + bias[co]. One transpose of whole lines: scattered into the
            // planes channel by channel (4 floats of a line per image, the images' lines 8 KB apart and on one cache set
            // for VGG's 512-channel 2×2 layer) it was 18% of that layer's forward (perf). In one JVM alternating
            // (docs/sittings/2026-12-04-s26/FlagProbe.java, batch 128): 2×2 forward 1.23×, input gradient 1.16×, the
            // 512-channel 4×4 forward 1.02×.
            Transpose.blocks(yt, 0, nb, cout * ohw, nb, y, first * cout * ohw, cout * ohw);
            if (bias != null) {
                Parallel.forRange(nb, 4, (a0, a1) -> {
                    for (int n = a0; n < a1; n++)
                        for (int co = 0; co < cout; co++) Elementwise.biasRow(ohw, y, ((first + n) * cout + co) * ohw, bias[co], false);
                });
            }
        }
    }

    /** Output channels [co0, co1) of every pixel: yt[co][p][n] = Σ over the taps inside of wt · xt. */
    private static void forwardRows(ConvGeometry g, float[] wt, float[] xt, int nb, float[] yt, int co0, int co1) {
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), patch = g.patchSize();
        int h = g.inH(), wd = g.inW(), oh = g.outH(), ow = g.outW(), ohw = oh * ow, m = co1 - co0;
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) {
                int c = (co0 * ohw + oy * ow + ox) * nb, ldc = ohw * nb;
                int ix0 = ox * g.strideW() - g.padW();
                int kx0 = Math.max(0, -ix0), kx1 = Math.min(kw, wd - ix0);
                boolean first = true;
                for (int ky = 0; ky < kh && kx1 > kx0; ky++) {
                    int iy = oy * g.strideH() - g.padH() + ky;
                    if (iy < 0 || iy >= h) continue;
                    int k = (kx1 - kx0) * cin;
                    Sgemm.gemm(false, false, m, nb, k, 1f, wt, co0 * patch + (ky * kw + kx0) * cin, patch,
                            xt, (iy * wd + ix0 + kx0) * cin * nb, nb, first ? 0f : 1f, yt, c, ldc);
                    first = false;
                }
                if (first) {
                    for (int r = 0; r < m; r++) Arrays.fill(yt, c + r * ldc, c + r * ldc + nb, 0f);
                }
            }
    }

    /** dx = the input gradient of a layer that {@link #suitsBackwardData suits}, overwritten. */
    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        float[] wt = Scratch.get().floats(Scratch.PARTIAL, g.weightSize());
        packTaps(w, g.outChannels(), g.inChannels(), g.kernelH() * g.kernelW(), true, wt);
        forwardPacked(g.adjoint(), dy, wt, null, dx);
    }

    /** dw = Σ over the batch, overwritten, for a geometry that {@link #suitsBackwardWeight suits}. */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        int cin = g.inChannels(), cout = g.outChannels(), kk = g.kernelH() * g.kernelW(), patch = g.patchSize();
        int hw = g.inH() * g.inW(), ohw = g.outH() * g.outW();
        Scratch s = Scratch.get();
        float[] dwt = s.floats(Scratch.PARTIAL, cout * patch);
        Arrays.fill(dwt, 0, cout * patch, 0f);
        int batch = g.batch(), chunk = Math.min(CHUNK, batch);
        float[] xc = s.floats(Scratch.COLUMNS, cin * hw * chunk);
        float[] dyc = s.floats(Scratch.MISC, cout * ohw * chunk);
        int[] shares = channelShares(cout);
        for (int n0 = 0; n0 < batch; n0 += chunk) {
            int nb = Math.min(chunk, batch - n0), first = n0;
            // xc[ci][q][n] = x[first + n][ci][q], dyc[co][p][n] = dy[first + n][co][p]
            Parallel.forRange(cin + cout, 16, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    if (c < cin) gather(x, first, nb, cin * hw, c * hw, hw, xc, c * hw * nb, nb);
                    else gather(dy, first, nb, cout * ohw, (c - cin) * ohw, ohw, dyc, (c - cin) * ohw * nb, nb);
                }
            });
            Parallel.forRange(shares.length - 1, 1, (t0, t1) -> {
                for (int t = t0; t < t1; t++) weightRows(g, xc, dyc, nb, dwt, shares[t], shares[t + 1]);
            });
        }
        // dw[co][ci][t] = dwt[co][t][ci]
        Parallel.forRange(cout, 16, (c0, c1) -> {
            for (int co = c0; co < c1; co++)
                for (int ci = 0; ci < cin; ci++)
                    for (int t = 0; t < kk; t++) dw[(co * cin + ci) * kk + t] = dwt[co * patch + t * cin + ci];
        });
    }

    /** dwt rows [co0, co1) += the chunk's products, tap by tap, output row by output row. */
    private static void weightRows(ConvGeometry g, float[] xc, float[] dyc, int nb, float[] dwt, int co0, int co1) {
        int cin = g.inChannels(), kh = g.kernelH(), kw = g.kernelW(), patch = g.patchSize();
        int h = g.inH(), wd = g.inW(), hw = h * wd, oh = g.outH(), ow = g.outW(), ohw = oh * ow, m = co1 - co0;
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
                int ix0 = kx - g.padW();
                int ox0 = Math.max(0, -ix0), ox1 = Math.min(ow, wd - ix0);
                if (ox1 <= ox0) continue;
                int c = co0 * patch + (ky * kw + kx) * cin;
                int oy = 0;
                while (oy < oh) {
                    int iy = oy - g.padH() + ky;
                    if (iy < 0 || iy >= h) {
                        oy++;
                        continue;
                    }
                    // Whole rows that sit back to back in both layouts go in one product.
                    int rows = 1;
                    if (ox0 == 0 && ox1 == ow && ow == wd && ix0 == 0) {
                        while (oy + rows < oh && iy + rows < h) rows++;
                    }
                    int k = ((rows - 1) * ow + ox1 - ox0) * nb;
                    Sgemm.gemm(false, true, m, cin, k, 1f, dyc, (co0 * ohw + oy * ow + ox0) * nb, ohw * nb,
                            xc, (iy * wd + ix0 + ox0) * nb, hw * nb, 1f, dwt, c, patch);
                    oy += rows;
                }
            }
    }

    /**
     * dst[dOff + q·dRow + n] = src[(n0 + n)·srcImage + sOff + q] for q &lt; len, n &lt; nb: one channel's plane of
     * nb images turned into rows of nb, 16 images at a time so the reads stay on a few cache lines.
     */
    private static void gather(float[] src, int n0, int nb, int srcImage, int sOff, int len, float[] dst, int dOff, int dRow) {
        for (int a = 0; a < nb; a += 16) {
            int b = Math.min(nb, a + 16);
            for (int q = 0; q < len; q++) {
                int d = dOff + q * dRow;
                for (int n = a; n < b; n++) dst[d + n] = src[(n0 + n) * srcImage + sOff + q];
            }
        }
    }
}
