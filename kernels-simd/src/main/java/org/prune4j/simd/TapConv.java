package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

import static org.prune4j.simd.TapWeights.MR;
import static org.prune4j.simd.TapWeights.NR;

/**
 * A convolution's forward with the vectors over output channels, the mirror of {@link TapWeights}: a register
 * tile is {@link TapWeights#MR} output pixels × {@link TapWeights#NR} output channels, and the long reduction runs
 * over the entries e = (ci, ky, kx), each step loading two vectors of the packed weights Wᵀ[e][co] and broadcasting
 * the tile's eight inputs from zero-framed input planes (pixel p of image n at n·image + pix[p], entry e at the
 * constant offset off[e]). It is {@link TapWeights#tile} with the roles of the two tables swapped: the reduction
 * table holds the entries' offsets and the tile's eight offsets are its pixels. No im2col, no junk columns, and
 * one store per tile per entry chunk; the tile of pixels × channels is transposed back to NCHW with the bias.
 *
 * <p>Any stride, padding and dilation, one group, kernels larger than 1×1. Threads share out the batch; each range
 * runs in chunks of images whose frames fit in half of L2, and the entries in chunks whose weight panel fits in
 * an eighth of it. Every output is summed over the same entry chunks in the same order whatever the thread count.
 */
final class TapConv {
    private TapConv() {}

    /** Entries per chunk of the reduction: a panel of NR channels is 128 KB at 512 bits. */
    private static final int ENTRY_CHUNK = 1024;
    /** Floats of framed input plus the pixel tile sums per image chunk: half of this machine's 1 MB L2. */
    private static final int CHUNK_FLOATS = 1 << 17;

    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1 && g.batch() > 0;
    }

    /** Where this path measured faster than the others: not yet measured, so nowhere unless forced. */
    static boolean wins(ConvGeometry g) {
        return false;
    }

    /** y = conv(x, w) + bias (bias may be null), overwritten, for a geometry that {@link #suits}. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.inChannels(), cout = g.outChannels(), oh = g.outH(), ow = g.outW(), kh = g.kernelH(), kw = g.kernelW();
        int fh = (oh - 1) * g.strideH() + (kh - 1) * g.dilationH() + 1;
        int fw = (ow - 1) * g.strideW() + (kw - 1) * g.dilationW() + 1;
        int plane = fh * fw, image = cin * plane, ohw = oh * ow, patch = g.patchSize();
        int panels = (cout + NR - 1) / NR, coPad = panels * NR;
        // Wᵀ packed per panel: wp[j][e][c] = w[j·NR + c][e], 0 past Cout.
        float[] wp = Scratch.get().floats(Scratch.PACK_B, panels * patch * NR);
        if (coPad != cout) Arrays.fill(wp, 0, panels * patch * NR, 0f);
        for (int co = 0; co < cout; co++) {
            int dst = (co / NR) * patch * NR + co % NR;
            for (int e = 0; e < patch; e++) wp[dst + e * NR] = w[co * patch + e];
        }
        int chunks = (patch + ENTRY_CHUNK - 1) / ENTRY_CHUNK;
        int[][] off = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            int e0 = (int) ((long) patch * c / chunks), e1 = (int) ((long) patch * (c + 1) / chunks);
            off[c] = new int[e1 - e0];
            for (int e = e0; e < e1; e++) {
                int ci = e / (kh * kw), ky = e / kw % kh, kx = e % kw;
                off[c][e - e0] = ci * plane + ky * g.dilationH() * fw + kx * g.dilationW();
            }
        }
        int[] pix = new int[ohw];
        for (int oy = 0, p = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) pix[p++] = oy * g.strideH() * fw + ox * g.strideW();
        int batch = g.batch(), parts = Math.min(Parallel.threads(), batch);
        long perImage = (long) image + (long) ohw * coPad;
        int nb = (int) Math.max(1, Math.min((batch + parts - 1) / parts, CHUNK_FLOATS / perImage));
        Parallel.forRange(parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                int r0 = (int) ((long) batch * part / parts), r1 = (int) ((long) batch * (part + 1) / parts);
                Scratch s = Scratch.get();
                float[] xf = s.floats(Scratch.COLUMNS, nb * image);
                int tiles = (nb * ohw + MR - 1) / MR;
                float[] acc = s.floats(Scratch.PARTIAL, tiles * MR * coPad);
                int[] base = s.ints(tiles * MR);
                for (int n0 = r0; n0 < r1; n0 += nb) {
                    int n1 = Math.min(r1, n0 + nb), pixels = (n1 - n0) * ohw, used = (pixels + MR - 1) / MR;
                    TapWeights.frame(g, fh, fw, x, n0, n1, 0, cin, xf);
                    for (int q = 0; q < used * MR; q++) base[q] = q < pixels ? q / ohw * image + pix[q % ohw] : 0;
                    for (int c = 0; c < chunks; c++) {
                        int[] o = off[c];
                        int di0 = (int) ((long) patch * c / chunks) * NR;
                        for (int j = 0; j < panels; j++)
                            for (int t = 0; t < used; t++) {
                                int b = t * MR;
                                TapWeights.tile(o.length, xf, o, base[b], base[b + 1], base[b + 2], base[b + 3],
                                        base[b + 4], base[b + 5], base[b + 6], base[b + 7],
                                        wp, j * patch * NR + di0, acc, b * coPad + j * NR, coPad, c == 0);
                            }
                    }
                    unpack(acc, coPad, cout, ohw, n0, n1, bias, y);
                }
            }
        });
    }

    /**
     * Whether the input gradient can take this path: a stride-1 "same" layer, whose input gradient is the forward of
     * dY with the flipped, transposed weights (as in {@link LaneConv#suitsBackwardData}).
     */
    static boolean suitsBackwardData(ConvGeometry g) {
        return suits(g) && g.strideH() == 1 && g.strideW() == 1 && g.inH() == g.outH() && g.inW() == g.outW()
                && g.dilationH() == 1 && g.dilationW() == 1;
    }

    /** dx = the input gradient of a layer that {@link #suitsBackwardData suits}, overwritten. */
    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        ImplicitConv.backwardDataAsForward(g, dy, w, dx, TapConv::forward);
    }

    /** y[n][co][p] = acc[(n − n0)·OHW + p][co] + bias[co], 16 pixels at a time so their rows stay in L1. */
    private static void unpack(float[] acc, int ld, int cout, int ohw, int n0, int n1, float[] bias, float[] y) {
        for (int n = n0; n < n1; n++) {
            int a = (n - n0) * ohw * ld, dst = n * cout * ohw;
            for (int p0 = 0; p0 < ohw; p0 += 16) {
                int p1 = Math.min(ohw, p0 + 16);
                for (int co = 0; co < cout; co++) {
                    float b = bias == null ? 0f : bias[co];
                    for (int p = p0; p < p1; p++) y[dst + co * ohw + p] = acc[a + p * ld + co] + b;
                }
            }
        }
    }
}
