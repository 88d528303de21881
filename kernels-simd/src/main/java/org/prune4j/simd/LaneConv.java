package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.sparse.LaneFrames;

/**
 * Dense convolution forward on small planes with the batch as the vector axis: V images are laid out as
 * [ci][fy][fx][lane] inside their zero frames ({@link LaneFrames}), a register tile is 6 output channels × 4
 * output pixels of one row (24 accumulators), and each step of the Cin·kh·kw reduction loads the 4 pixels'
 * input vectors (a constant offset per tap, any stride) and broadcasts 6 weights. The implicit GEMM pays
 * 27% junk columns on 8×8 planes (and more on 4×4) and the lowered path copies the im2col matrix; here
 * nothing is computed twice and the only copies are the transposes in and out of the lane layout.
 *
 * <p>Measured against the path {@link ConvKernels} took before (probe, batch 128, 2 threads, alternating
 * in one JVM, medians of 12 ten-call batches; docs/sittings/2026-12-02-s10/probes/DenseLaneProbe.java): ResNet's
 * 64-channel 8×8 layer 2.0–2.3 against 3.5–5.4 ms, VGG's 256-channel 8×8 and 512-channel 4×4 layers
 * 1.0–1.3× faster; in JMH also 16×16 planes below 128 input channels (see {@link #WIDE_MAX_PIXELS}). Threads take
 * whole chunks of V images; every output is one fixed-order sum, independent of the thread count. The input
 * gradient of a stride-1 "same" layer is the same forward of dY with the flipped, transposed weights.
 */
final class LaneConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = LaneFrames.V;
    /** Output channels per register tile. */
    private static final int OC = 6;
    /** Output channels per register tile of the last blocks, where six would compute channels past Cout. */
    private static final int OC4 = 4;
    /** Output pixels per register tile, along a row. */
    private static final int PX = 4;
    /** Output planes up to this many pixels are always taken. */
    static final int MAX_PIXELS = 64;
    /**
     * Planes up to this many pixels are taken below {@link #WIDE_MAX_CHANNELS} input channels. 16×16 planes, JMH
     * ConvBenchmark forward (2 runs, docs/sittings/2026-12-02-s10/ab-laneconv-256): ResNet 16→32 stride 2 3.14 →
     * 1.71 ms, 32→32 2.87 → 2.46, VGG 64→128 24.6 → 15.8, but VGG 128→128 39.3 → 42.1 (the packed implicit GEMM
     * runs near peak there); input gradients 1.04–1.10×.
     */
    static final int WIDE_MAX_PIXELS = 256;
    static final int WIDE_MAX_CHANNELS = 128;

    private LaneConv() {}

    /**
     * One group, a kernel larger than 1×1, no dilation, at least V images, output rows of whole tiles, and planes of
     * at most MAX_PIXELS, or of at most WIDE_MAX_PIXELS with fewer than WIDE_MAX_CHANNELS input channels.
     */
    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.batch() >= V && g.outW() % PX == 0 && plane(g.outH() * g.outW(), g.inChannels()) && S.length() == V;
    }

    /** Whether output planes of this many pixels, summed over this many input channels, are small enough here. */
    private static boolean plane(int pixels, int inChannels) {
        return pixels <= MAX_PIXELS || pixels <= WIDE_MAX_PIXELS && inChannels < WIDE_MAX_CHANNELS;
    }

    /**
     * Whether the input gradient takes this path: a stride-1 "same" layer (input planes the size of the output
     * planes), whose input gradient is the forward of dY with the flipped, transposed weights, on planes that suit.
     */
    static boolean suitsBackwardData(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.inH() == g.outH() && g.inW() == g.outW() && suits(g);
    }

    /** dx = the input gradient of a layer that {@link #suitsBackwardData suits}, overwritten. */
    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        ImplicitConv.backwardDataAsForward(g, dy, w, dx, LaneConv::forward);
    }

    /**
     * Whether the input gradient of a strided layer takes {@link #backwardDataStrided}: one stride s ≥ 2 along both
     * axes that divides the input planes, and stride phases (input planes / s) that would suit as the output planes
     * of a forward with Cout input channels.
     */
    static boolean suitsStridedBackwardData(ConvGeometry g) {
        int s = g.strideH();
        if (s < 2 || g.strideW() != s || g.inH() % s != 0 || g.inW() % s != 0) return false;
        int wq = g.inW() / s;
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.batch() >= V && wq % PX == 0 && plane(g.inH() / s * wq, g.outChannels()) && S.length() == V;
    }

    /**
     * dx = the input gradient of a strided layer that {@link #suitsStridedBackwardData suits}, overwritten, as s²
     * stride-1 convolutions of dY, one per stride phase of dx: input pixel (s·qy + py, s·qx + px) gathers the taps
     * (ky, kx) with s | py + padH − ky and s | px + padW − kx from dY's pixel (qy + (py + padH − ky) / s, qx + (px +
     * padW − kx) / s). Every multiply-add is one of the forward's (no zero-stuffed dY, no im2col matrix and no scatter
     * back into dx, which the lowered path paid: ResNet's 32→64 stride-2 layer's input gradient took 1.75 ms against
     * 1.13 for its forward, docs/BENCHMARKS.md session 15). dY is laid out once per chunk of V images in a frame wide
     * enough for every phase's taps; the phases' tiles write their pixels into one lane-layout dx (a tile's four
     * pixels s apart), which goes back to NCHW in one pass. Each input-gradient element is one sum in the fixed order
     * (co, ky, kx), so the result does not depend on the thread count.
     */
    static void backwardDataStrided(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int cin = g.inChannels(), m = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), s = g.strideH();
        int oh = g.outH(), ow = g.outW(), iw = g.inW(), ihw = g.inH() * iw, hq = g.inH() / s, wq = iw / s;
        int[] blocks = channelBlocks(cin);
        int rows = blocks[blocks.length - 1], phases = s * s;
        // dY's frame: the rows above and below (columns left and right) that some phase's taps reach.
        int top = 0, bottom = 0, left = 0, right = 0;
        for (int p = 0; p < s; p++) {
            for (int ky = 0; ky < kh; ky++) {
                if ((p + g.padH() - ky) % s != 0) continue;
                int off = (p + g.padH() - ky) / s;
                top = Math.max(top, -off);
                bottom = Math.max(bottom, off + hq - oh);
            }
            for (int kx = 0; kx < kw; kx++) {
                if ((p + g.padW() - kx) % s != 0) continue;
                int off = (p + g.padW() - kx) / s;
                left = Math.max(left, -off);
                right = Math.max(right, off + wq - ow);
            }
        }
        int fh = top + oh + bottom, fw = left + ow + right, total = m * kh * kw, frameTop = top, frameLeft = left;
        // Each phase's taps in the order (co, ky, kx): their offsets into dY's frame, and the weights as
        // [block][tap][block width] with the phases one after another (every tap belongs to exactly one phase).
        int[][] delta = new int[phases][];
        int[] first = new int[phases + 1];
        float[] wp = Scratch.get().floats(Scratch.PACK_B, rows * total);
        for (int ph = 0; ph < phases; ph++) {
            int py = ph / s, px = ph % s, count = 0;
            int[] d = new int[total];
            for (int co = 0; co < m; co++)
                for (int ky = 0; ky < kh; ky++) {
                    if ((py + g.padH() - ky) % s != 0) continue;
                    for (int kx = 0; kx < kw; kx++) {
                        if ((px + g.padW() - kx) % s != 0) continue;
                        int p = first[ph] + count;
                        d[count++] = ((co * fh + top + (py + g.padH() - ky) / s) * fw + left + (px + g.padW() - kx) / s) * V;
                        for (int b = 0; b + 1 < blocks.length; b++) {
                            int c0 = blocks[b], width = blocks[b + 1] - c0;
                            for (int r = 0, ci = c0; r < width; r++, ci++) {
                                wp[c0 * total + p * width + r] = ci < cin ? w[((co * cin + ci) * kh + ky) * kw + kx] : 0f;
                            }
                        }
                    }
                }
            delta[ph] = java.util.Arrays.copyOf(d, count);
            first[ph + 1] = first[ph] + count;
        }
        int chunks = (g.batch() + V - 1) / V, frames = m * fh * fw * V, accSize = rows * ihw * V;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            Scratch sc = Scratch.get();
            float[] buf = sc.floats(Scratch.COLUMNS, frames + Aligned.SLACK);
            float[] acc = sc.floats(Scratch.MISC, accSize + Aligned.SLACK);
            float[] tmp = sc.floats(Scratch.TILE, oh * ow * V);
            int b0 = Aligned.offset(buf), a0 = Aligned.offset(acc);
            for (int c = c0; c < c1; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(dy, m, oh, ow, frameTop, frameLeft, fh, fw, n0, lanes, buf, b0, tmp);
                for (int ph = 0; ph < phases; ph++) {
                    int py = ph / s, px = ph % s, k = first[ph + 1] - first[ph];
                    for (int b = 0; b + 1 < blocks.length; b++) {
                        int ch = blocks[b], width = blocks[b + 1] - ch;
                        for (int qy = 0; qy < hq; qy++)
                            for (int qx = 0; qx < wq; qx += PX) {
                                tile(width, k, wp, ch * total + first[ph] * width, delta[ph], buf, b0 + (qy * fw + qx) * V, V,
                                        acc, a0 + (ch * ihw + (qy * s + py) * iw + qx * s + px) * V, ihw * V, s * V);
                            }
                    }
                }
                LaneFrames.unpack(acc, a0, cin, ihw, lanes, dx, n0, false);
            }
        });
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.inChannels(), m = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), k = cin * kh * kw;
        int oh = g.outH(), ow = g.outW(), ohw = oh * ow, sh = g.strideH(), sw = g.strideW();
        int fh = (oh - 1) * sh + kh, fw = (ow - 1) * sw + kw;
        // Weights as [block][k][block width] in the calling thread's scratch (9 MB for VGG's 512 channels: no
        // garbage per call), zero rows past Cout (their sums are never stored). Tap offsets into a channel's frame.
        int[] blocks = channelBlocks(m);
        int rows = blocks[blocks.length - 1];
        float[] wp = Scratch.get().floats(Scratch.PACK_B, rows * k);
        for (int b = 0; b + 1 < blocks.length; b++) {
            int c0 = blocks[b], width = blocks[b + 1] - c0;
            for (int r = 0; r < width; r++)
                for (int p = 0; p < k; p++) wp[c0 * k + p * width + r] = c0 + r < m ? w[(c0 + r) * k + p] : 0f;
        }
        int[] delta = new int[k];
        for (int ci = 0, p = 0; ci < cin; ci++)
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) delta[p++] = ((ci * fh + ky) * fw + kx) * V;
        int chunks = (g.batch() + V - 1) / V, frames = cin * fh * fw * V, accSize = rows * ohw * V;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            Scratch s = Scratch.get();
            float[] buf = s.floats(Scratch.COLUMNS, frames + Aligned.SLACK);
            float[] acc = s.floats(Scratch.MISC, accSize + Aligned.SLACK);
            float[] tmp = s.floats(Scratch.TILE, g.inH() * g.inW() * V);
            int b0 = Aligned.offset(buf), a0 = Aligned.offset(acc), rs = fw * V;
            for (int c = c0; c < c1; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(x, cin, g.inH(), g.inW(), g.padH(), g.padW(), fh, fw, n0, lanes, buf, b0, tmp);
                for (int b = 0; b + 1 < blocks.length; b++) {
                    int ch = blocks[b], width = blocks[b + 1] - ch;
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox += PX) {
                            tile(width, k, wp, ch * k, delta, buf, b0 + oy * sh * rs + ox * sw * V, sw * V,
                                    acc, a0 + (ch * ohw + oy * ow + ox) * V, ohw * V, V);
                        }
                }
                LaneFrames.unpack(acc, a0, m, ohw, lanes, y, n0, false);
                if (bias != null) {
                    for (int n = n0; n < n0 + lanes; n++) Elementwise.addChannelBias(m, ohw, y, n * m * ohw, bias);
                }
            }
        });
    }

    /**
     * Where the blocks of output channels start, and past the last one where it ends: blocks of {@link #OC} and then
     * up to two of {@link #OC4}, chosen to leave the fewest channels computed past Cout (none for an even Cout of at
     * least 4). With six-channel blocks only, ResNet's 16- and 32-channel layers computed 18 and 36 channels.
     */
    static int[] channelBlocks(int m) {
        int best = -1, bestWaste = Integer.MAX_VALUE;
        for (int fours = 0; fours <= 2; fours++) {
            int sixes = Math.max(0, (m - fours * OC4 + OC - 1) / OC), waste = sixes * OC + fours * OC4 - m;
            if (waste >= 0 && waste < bestWaste) {
                best = fours;
                bestWaste = waste;
            }
        }
        int sixes = Math.max(0, (m - best * OC4 + OC - 1) / OC);
        int[] starts = new int[sixes + best + 1];
        for (int b = 1; b < starts.length; b++) starts[b] = starts[b - 1] + (b <= sixes ? OC : OC4);
        return starts;
    }

    /** A tile of width (6 or 4) output channels: {@link #tile} or {@link #tile4}. */
    static void tile(int width, int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai,
                             int cs, int ps) {
        if (width == OC) tile(k, wp, wi, delta, buf, base, st, acc, ai, cs, ps);
        else tile4(k, wp, wi, delta, buf, base, st, acc, ai, cs, ps);
    }

    /**
     * acc[ai + r·cs + c·ps + lane] = Σ_p wp[wi + p·OC4 + r]·buf[base + delta[p] + c·st + lane] for r &lt; 4, c &lt; 4:
     * {@link #tile} for a block of four output channels (16 accumulators).
     */
    private static void tile4(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs, int ps) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OC4;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + st);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * st), x3 = FloatVector.fromArray(S, buf, o + 3 * st);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + ps); a02.intoArray(acc, ai + 2 * ps); a03.intoArray(acc, ai + 3 * ps);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + ps); a12.intoArray(acc, r + 2 * ps); a13.intoArray(acc, r + 3 * ps);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + ps); a22.intoArray(acc, r + 2 * ps); a23.intoArray(acc, r + 3 * ps);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + ps); a32.intoArray(acc, r + 2 * ps); a33.intoArray(acc, r + 3 * ps);
    }

    /**
     * acc[ai + r·cs + c·ps + lane] = Σ_p wp[wi + p·OC + r]·buf[base + delta[p] + c·st + lane] for r &lt; 6, c &lt; 4: six
     * output channels (rows cs apart in acc) by four pixels st apart in the frames and ps apart in acc.
     */
    private static void tile(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs, int ps) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OC;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + st);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * st), x3 = FloatVector.fromArray(S, buf, o + 3 * st);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42); a43 = x3.fma(w4, a43);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52); a53 = x3.fma(w5, a53);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + ps); a02.intoArray(acc, ai + 2 * ps); a03.intoArray(acc, ai + 3 * ps);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + ps); a12.intoArray(acc, r + 2 * ps); a13.intoArray(acc, r + 3 * ps);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + ps); a22.intoArray(acc, r + 2 * ps); a23.intoArray(acc, r + 3 * ps);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + ps); a32.intoArray(acc, r + 2 * ps); a33.intoArray(acc, r + 3 * ps);
        r += cs;
        a40.intoArray(acc, r); a41.intoArray(acc, r + ps); a42.intoArray(acc, r + 2 * ps); a43.intoArray(acc, r + 3 * ps);
        r += cs;
        a50.intoArray(acc, r); a51.intoArray(acc, r + ps); a52.intoArray(acc, r + 2 * ps); a53.intoArray(acc, r + 3 * ps);
    }
}
