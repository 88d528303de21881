package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

/**
 * A convolution's weight gradient as dWᵀ = cols·dYᵀ with the vectors over output channels: dW[co][e] for an
 * entry e = (ci, ky, kx) is Σ over images and output pixels of x(ci, pixel shifted by the tap)·dY(co, pixel).
 * A register tile is {@link #MR} entries × {@link #NR} output channels (16 accumulators, the shape of
 * {@link MicroKernel}); each step of the long reduction loads two vectors of dY (output channels of one
 * pixel, packed per panel) and broadcasts the tile's eight inputs straight from zero-framed input planes,
 * where every entry is one constant offset and every output pixel one table entry. Nothing like im2col is
 * built, and no lane is ever summed across: the reduction runs down the tile, not along the vectors.
 *
 * <p>Why: the dot-product form ({@link DotGemm}, vectors along pixels) loads 8 vectors per 16 FMAs from rows
 * too long for L1 and sums 16 accumulators' lanes per tile; on ResNet's 64-channel 8×8 layer it ran at ~100
 * GFLOP/s on 2 threads, 6.2 of the layer's 10.3 ms fwd+bwd (session 10). Here the dY panel streams at 128
 * bytes per 16 FMAs and the broadcasts hit one or two framed channel planes of the chunk, in L1.
 *
 * <p>Any stride, padding and dilation, one group, kernels larger than 1×1. Threads share out either the batch
 * (each range sums into its own transposed partial; the partials are added in range order) or, where those
 * partials would cost more than packing dY once per thread, the entries (each thread frames only its entries'
 * channels and writes its own rows of dW). Each range runs in chunks of images whose frames and dY panels fit in
 * L2; ranges and chunks depend only on the thread count, and so do the results.
 */
final class TapWeights {
    private TapWeights() {}

    /** Entries per register tile. */
    static final int MR = 8;
    /** Output channels per register tile (two vectors). */
    static final int NR = 2 * L;
    /** Floats of framed input plus packed dY per chunk: half of this machine's 1 MB L2. */
    private static final int CHUNK_FLOATS = 1 << 17;

    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1 && g.batch() > 0;
    }

    /**
     * Where this path measured faster than the GEMM ones: at least 16 input channels (the 3-channel stems ran
     * 0.74–0.88× of GEMM) and whole vector panels of output channels (ResNet's 16-channel layers fill half a
     * 512-bit panel: 0.88×). Session 11's A/B (docs/sittings/2026-12-02-s11/ab-tapweights) and session 12's
     * (2026-12-03-s12/ab-split, with the split below): 1.33–2.19× on every ResNet-32 and VGG-19 layer that passes.
     */
    static boolean wins(ConvGeometry g) {
        return g.inChannels() >= 16 && g.outChannels() % NR == 0;
    }

    /** dw = Σ over the batch (overwritten), for a geometry that {@link #suits}. */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        backwardWeight(g, x, dy, dw, splitsEntries(g));
    }

    /**
     * Whether the threads share out the entries (each over the whole batch, writing its own rows of dw) rather than
     * the batch (each summing a whole partial, added afterwards). Splitting the batch costs partials of E·Cout floats
     * per thread; splitting the entries makes every thread pack all of dY, N·OHW·Cout floats: the smaller wins.
     * Fewer images than threads leave only the entries to share. Measured (session 12, ab-split, 2 threads): the
     * entries 1.10–1.37× faster on VGG's 4×4 and 2×2 layers, which this picks, 0.82–0.98× on the others.
     */
    static boolean splitsEntries(ConvGeometry g) {
        int parts = Parallel.threads();
        if (parts <= 1 || g.patchSize() < parts * MR) return false;
        long partials = (long) g.patchSize() * parts, packing = (long) g.batch() * g.outH() * g.outW();
        return g.batch() < parts || partials > packing;
    }

    /** As above with the split forced (tests and A/B probes). */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, boolean entrySplit) {
        Frame f = new Frame(g);
        int batch = g.batch(), threads = Parallel.threads();
        if (entrySplit) {
            // Fixed entry ranges (whole tiles) per thread count, each run over the whole batch in the same chunks
            // whoever runs it, so the bits depend only on the thread count.
            int tiles = f.ePad / MR, parts = Math.min(threads, tiles);
            Parallel.forRange(parts, 1, (from, to) -> {
                for (int part = from; part < to; part++) {
                    int e0 = tiles * part / parts * MR, e1 = tiles * (part + 1) / parts * MR;
                    float[] acc = Scratch.get().floats(Scratch.PARTIAL, (e1 - e0) * f.coPad);
                    range(f, x, dy, 0, batch, e0, e1, acc);
                    transpose(f, acc, e0, e1, dw);
                }
            });
            return;
        }
        int parts = batch >= threads ? threads : 1;
        float[][] partial = new float[parts][];
        Parallel.forRange(parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                int r0 = (int) ((long) batch * part / parts), r1 = (int) ((long) batch * (part + 1) / parts);
                partial[part] = range(f, x, dy, r0, r1, 0, f.ePad, Scratch.partial(partial, f.ePad * f.coPad));
            }
        });
        // Parts added in order, with vectors along the contiguous partials; then one transposing pass.
        float[] sum = partial[0];
        int size = f.ePad * f.coPad;
        for (int q = 1; q < parts; q++) {
            float[] p = partial[q];
            for (int i = 0; i < size; i += L) FloatVector.fromArray(S, sum, i).add(FloatVector.fromArray(S, p, i)).intoArray(sum, i);
        }
        transpose(f, sum, 0, f.ePad, dw);
    }

    /** dw[co][e] = acc[e − e0][co] for the real entries of [e0, e1); 16 entries at a time, so their rows stay in L1. */
    private static void transpose(Frame f, float[] acc, int e0, int e1, float[] dw) {
        int patch = f.patch, cout = f.cout, ld = f.coPad, end = Math.min(e1, patch);
        for (int b0 = e0; b0 < end; b0 += 16) {
            int b1 = Math.min(end, b0 + 16);
            for (int co = 0; co < cout; co++)
                for (int e = b0; e < b1; e++) dw[co * patch + e] = acc[(e - e0) * ld + co];
        }
    }

    /** Geometry of the framed planes and the tables that do not depend on the chunk. */
    private static final class Frame {
        final ConvGeometry g;
        final int cin, cout, fh, fw, plane, ohw, patch, taps, ePad, coPad, panels;
        /** off[e]: the entry's offset in an image's frames (entries past patch: 0). */
        final int[] off;
        /** pix[p]: output pixel p's top-left corner in a framed plane. */
        final int[] pix;

        Frame(ConvGeometry g) {
            this.g = g;
            cin = g.inChannels();
            cout = g.outChannels();
            int oh = g.outH(), ow = g.outW(), kh = g.kernelH(), kw = g.kernelW();
            fh = (oh - 1) * g.strideH() + (kh - 1) * g.dilationH() + 1;
            fw = (ow - 1) * g.strideW() + (kw - 1) * g.dilationW() + 1;
            plane = fh * fw;
            taps = kh * kw;
            ohw = oh * ow;
            patch = g.patchSize();
            ePad = (patch + MR - 1) / MR * MR;
            panels = (cout + NR - 1) / NR;
            coPad = panels * NR;
            off = new int[ePad];
            for (int ci = 0, e = 0; ci < cin; ci++)
                for (int ky = 0; ky < kh; ky++)
                    for (int kx = 0; kx < kw; kx++) off[e++] = ci * plane + ky * g.dilationH() * fw + kx * g.dilationW();
            pix = new int[ohw];
            for (int oy = 0, p = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) pix[p++] = oy * g.strideH() * fw + ox * g.strideW();
        }
    }

    /**
     * The transposed gradient of entries [e0, e1) over images [r0, r1) into acc [e1 − e0][coPad] (returned). Only
     * the entries' input channels are framed; chunks of images are sized so frames and dY panels fit in L2.
     */
    private static float[] range(Frame f, float[] x, float[] dy, int r0, int r1, int e0, int e1, float[] acc) {
        Scratch s = Scratch.get();
        int ci0 = e0 / f.taps, ci1 = Math.min(f.cin, (Math.min(e1, f.patch) + f.taps - 1) / f.taps);
        int image = (ci1 - ci0) * f.plane;
        long perImage = (long) image + (long) f.ohw * f.coPad;
        int nb = (int) Math.max(1, Math.min(r1 - r0, CHUNK_FLOATS / perImage));
        int chunks = (r1 - r0 + nb - 1) / nb, maxNb = (r1 - r0 + chunks - 1) / chunks;
        float[] xf = s.floats(Scratch.COLUMNS, maxNb * image);
        float[] dp = s.floats(Scratch.MISC, maxNb * f.ohw * f.coPad);
        int[] tab = s.ints(maxNb * f.ohw);
        int[] o = new int[e1 - e0];
        for (int e = e0; e < Math.min(e1, f.patch); e++) o[e - e0] = f.off[e] - ci0 * f.plane;
        for (int c = 0; c < chunks; c++) {
            int n0 = r0 + (int) ((long) (r1 - r0) * c / chunks), n1 = r0 + (int) ((long) (r1 - r0) * (c + 1) / chunks);
            int k = (n1 - n0) * f.ohw;
            frame(f.g, f.fh, f.fw, x, n0, n1, ci0, ci1, xf);
            packDy(f, dy, n0, n1, dp);
            for (int n = 0; n < n1 - n0; n++)
                for (int p = 0; p < f.ohw; p++) tab[n * f.ohw + p] = n * image + f.pix[p];
            boolean first = c == 0;
            for (int j = 0; j < f.panels; j++) {
                int di = j * k * NR;
                for (int e = 0; e < e1 - e0; e += MR)
                    tile(k, xf, tab, o[e], o[e + 1], o[e + 2], o[e + 3], o[e + 4], o[e + 5], o[e + 6], o[e + 7],
                            dp, di, acc, e * f.coPad + j * NR, f.coPad, first);
            }
        }
        return acc;
    }

    /** xf[n − n0][ci − ci0][fy][fx] = x[n][ci][fy − pad][fx − pad] inside the input, 0 outside (fh × fw frames). */
    static void frame(ConvGeometry g, int fh, int fw, float[] x, int n0, int n1, int ci0, int ci1, float[] xf) {
        int ih = g.inH(), iw = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels(), plane = fh * fw;
        int image = (ci1 - ci0) * plane;
        Arrays.fill(xf, 0, (n1 - n0) * image, 0f);
        int y0 = Math.max(0, -ph), y1 = Math.min(ih, fh - ph), x0 = Math.max(0, -pw), x1 = Math.min(iw, fw - pw);
        if (y0 >= y1 || x0 >= x1) return;
        for (int n = n0; n < n1; n++)
            for (int ci = ci0; ci < ci1; ci++) {
                int src = (n * cin + ci) * ih * iw, dst = (n - n0) * image + (ci - ci0) * plane;
                for (int y = y0; y < y1; y++)
                    System.arraycopy(x, src + y * iw + x0, xf, dst + (y + ph) * fw + x0 + pw, x1 - x0);
            }
    }

    /** dp[panel][k][c] = dY[n0 + k / OHW][panel·NR + c][k % OHW], 0 past Cout. */
    private static void packDy(Frame f, float[] dy, int n0, int n1, float[] dp) {
        int ohw = f.ohw, k = (n1 - n0) * ohw;
        if (f.coPad != f.cout) Arrays.fill(dp, 0, f.panels * k * NR, 0f);
        for (int n = n0; n < n1; n++)
            for (int co = 0; co < f.cout; co++) {
                int src = (n * f.cout + co) * ohw, dst = (co / NR) * k * NR + (n - n0) * ohw * NR + co % NR;
                for (int p = 0; p < ohw; p++) dp[dst + p * NR] = dy[src + p];
            }
    }

    /**
     * acc[ai + r·ld + c] (+)= Σ_k xf[tab[k] + o_r]·dp[di + k·NR + c] for the 8 entries r and NR channels c;
     * overwrites when first. Written out like {@link MicroKernel#tile}: a helper taking vectors would not inline.
     */
    static void tile(int k, float[] xf, int[] tab, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7,
                             float[] dp, int di, float[] acc, int ai, int ld, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int q = 0; q < k; q++) {
            int b = tab[q], d = di + q * NR;
            FloatVector d0 = FloatVector.fromArray(S, dp, d);
            FloatVector d1 = FloatVector.fromArray(S, dp, d + L);
            FloatVector av = FloatVector.broadcast(S, xf[b + o0]);
            c00 = d0.fma(av, c00); c01 = d1.fma(av, c01);
            av = FloatVector.broadcast(S, xf[b + o1]);
            c10 = d0.fma(av, c10); c11 = d1.fma(av, c11);
            av = FloatVector.broadcast(S, xf[b + o2]);
            c20 = d0.fma(av, c20); c21 = d1.fma(av, c21);
            av = FloatVector.broadcast(S, xf[b + o3]);
            c30 = d0.fma(av, c30); c31 = d1.fma(av, c31);
            av = FloatVector.broadcast(S, xf[b + o4]);
            c40 = d0.fma(av, c40); c41 = d1.fma(av, c41);
            av = FloatVector.broadcast(S, xf[b + o5]);
            c50 = d0.fma(av, c50); c51 = d1.fma(av, c51);
            av = FloatVector.broadcast(S, xf[b + o6]);
            c60 = d0.fma(av, c60); c61 = d1.fma(av, c61);
            av = FloatVector.broadcast(S, xf[b + o7]);
            c70 = d0.fma(av, c70); c71 = d1.fma(av, c71);
        }
        if (!first) {
            c00 = c00.add(FloatVector.fromArray(S, acc, ai)); c01 = c01.add(FloatVector.fromArray(S, acc, ai + L));
            c10 = c10.add(FloatVector.fromArray(S, acc, ai + ld)); c11 = c11.add(FloatVector.fromArray(S, acc, ai + ld + L));
            c20 = c20.add(FloatVector.fromArray(S, acc, ai + 2 * ld)); c21 = c21.add(FloatVector.fromArray(S, acc, ai + 2 * ld + L));
            c30 = c30.add(FloatVector.fromArray(S, acc, ai + 3 * ld)); c31 = c31.add(FloatVector.fromArray(S, acc, ai + 3 * ld + L));
            c40 = c40.add(FloatVector.fromArray(S, acc, ai + 4 * ld)); c41 = c41.add(FloatVector.fromArray(S, acc, ai + 4 * ld + L));
            c50 = c50.add(FloatVector.fromArray(S, acc, ai + 5 * ld)); c51 = c51.add(FloatVector.fromArray(S, acc, ai + 5 * ld + L));
            c60 = c60.add(FloatVector.fromArray(S, acc, ai + 6 * ld)); c61 = c61.add(FloatVector.fromArray(S, acc, ai + 6 * ld + L));
            c70 = c70.add(FloatVector.fromArray(S, acc, ai + 7 * ld)); c71 = c71.add(FloatVector.fromArray(S, acc, ai + 7 * ld + L));
        }
        c00.intoArray(acc, ai); c01.intoArray(acc, ai + L);
        c10.intoArray(acc, ai + ld); c11.intoArray(acc, ai + ld + L);
        c20.intoArray(acc, ai + 2 * ld); c21.intoArray(acc, ai + 2 * ld + L);
        c30.intoArray(acc, ai + 3 * ld); c31.intoArray(acc, ai + 3 * ld + L);
        c40.intoArray(acc, ai + 4 * ld); c41.intoArray(acc, ai + 4 * ld + L);
        c50.intoArray(acc, ai + 5 * ld); c51.intoArray(acc, ai + 5 * ld + L);
        c60.intoArray(acc, ai + 6 * ld); c61.intoArray(acc, ai + 6 * ld + L);
        c70.intoArray(acc, ai + 7 * ld); c71.intoArray(acc, ai + 7 * ld + L);
    }
}
