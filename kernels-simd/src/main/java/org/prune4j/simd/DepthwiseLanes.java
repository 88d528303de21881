package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.sparse.TileTranspose;

import java.util.Arrays;

/**
 * Depthwise convolution on small planes with V channels of one image as the vector lanes (the nChw16c blocks of
 * oneDNN): each image's channels are taken V at a time, transposed by {@link TileTranspose} into vectors of V
 * channels per pixel, and laid out in the stride phases of {@link PhaseLayout} (one image), so every tap is one
 * constant shift over a flat index f = oy·width + ox and the output is Σ_t w[t] ⊙ P[offset_t + f] with a vector of
 * V channels' weights per tap. {@link DepthwiseConv} works plane by plane instead: on 7×7 and 14×14 planes its
 * rows are shorter than a vector, and the per-row copies in and out cost more than the taps.
 * <ul>
 * <li>forward: the phases of x, eight output vectors per pass ({@link #sumTaps});</li>
 * <li>backward-data: dY spread at the stride onto a zero frame padded by k − 1 − p, then the same sum with the
 *     taps flipped, at stride 1 over the input plane (the transposed convolution; a stride-2 layer multiplies
 *     three zeros for each value, in vectors);</li>
 * <li>backward-weight: dY at row stride width with zero junk columns, dotted with each tap's shift of the
 *     phases; lanes are channels, so no lane sums; images summed in doubles per fixed image chunk
 *     ({@link ImageChunks}).</li>
 * </ul>
 * Work is split over (image, channel block) pairs for the forward and backward-data passes, over image chunks (or,
 * on small batches, channel blocks) for the weight gradient; every output is one fixed-order sum, independent of the
 * thread count.
 */
final class DepthwiseLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Channels per vector. */
    private static final int V = TileTranspose.V;
    /**
     * Planes up to this many pixels take this path (see {@link #wins}): probe (docs/sittings/2026-12-04-s22/probes/
     * DepthwiseProbe.java, 2 threads, alternating in one JVM) against {@link DepthwiseConv}, forward / input
     * gradient / weight gradient: batch 64, 7×7 2.5–2.8× / 2.5–2.8× / 2.2–2.8×; 14×14 stride 2 1.4–1.8× / 1.3–1.8× /
     * 1.7–2.0×; 14×14 1.2–1.3× / 1.1–1.2× / 1.0–1.1×; 28×28 1.1× / 1.0× / 1.2×; 56×56 stride 2 1.4× / 0.9× (its
     * 56×56 input gradient plane: stays) / 1.5×; 56×56 0.7× / 0.9× / 0.9× (stays); batch 1, 7×7 to 28×28 and 56×56
     * stride 2: 1.1–3.1×.
     */
    static final int MAX_PIXELS = 784;
    /** Output vectors per pass of the tap sums. */
    private static final int PASS = 8;

    private DepthwiseLanes() {}

    /** Depthwise, no dilation, padding smaller than the kernel, channels a multiple of V, vectors of V floats. */
    static boolean suits(ConvGeometry g) {
        return g.isDepthwise() && g.dilationH() == 1 && g.dilationW() == 1 && g.padH() < g.kernelH() && g.padW() < g.kernelW()
                && g.inChannels() % V == 0 && S.length() == V;
    }

    /**
     * Where it measured faster than {@link DepthwiseConv}: output planes of at most {@link #MAX_PIXELS} pixels, and
     * for the input gradient (whose sums run over the input plane) input planes of at most that many too.
     */
    static boolean wins(ConvGeometry g, boolean backwardData) {
        int pixels = backwardData ? Math.max(g.outH() * g.outW(), g.inH() * g.inW()) : g.outH() * g.outW();
        return pixels <= MAX_PIXELS;
    }

    /**
     * A frame of rows × width vectors per stride phase; out f &lt; outLen (rounded up to whole passes of eight, see
     * {@link #passes}) reads tap t at offsets[t] + f. flat3: one phase and a 3×3 kernel, offsets ky·width + kx
     * ({@link #sumTaps3}). size leaves room for the junk passes past the last row.
     */
    private record Frame(int rows, int width, int size, int outLen, int[] offsets, boolean flat3) {
        static Frame forward(ConvGeometry g) {
            PhaseLayout ph = PhaseLayout.of(g, 1);
            int kk = g.kernelH() * g.kernelW();
            int[] offsets = new int[kk];
            ph.tapRows(1, g.kernelH(), g.kernelW(), offsets);
            int rows = ph.rows(), width = ph.width(), phases = g.strideH() * g.strideW();
            boolean flat3 = phases == 1 && g.kernelH() == 3 && g.kernelW() == 3;
            return new Frame(rows, width, phases * rows * width + width + 2 * PASS, g.outH() * width, offsets, flat3);
        }

        /**
         * backward-data: dY spread at the stride, padded by k − 1 − p, read at stride 1 over the input plane; the
         * offsets are the forward's (ky·width + kx) and the weights are flipped instead ({@link #taps}).
         */
        static Frame backward(ConvGeometry g) {
            int kh = g.kernelH(), kw = g.kernelW(), rows = g.inH() + kh - 1, width = g.inW() + kw - 1;
            int[] offsets = new int[kh * kw];
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) offsets[ky * kw + kx] = ky * width + kx;
            return new Frame(rows, width, rows * width + width + 2 * PASS, g.inH() * width, offsets, kh == 3 && kw == 3);
        }

        /** outLen rounded up to whole passes. */
        int passes() {
            return (outLen + PASS - 1) / PASS * PASS;
        }
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        Frame fr = Frame.forward(g);
        sum(g, fr, x, g.inH() * g.inW(), phaseDest(g, fr), w, false, bias, y, g.outH(), g.outW());
    }

    /** dest[pixel] = the forward frame's vector each input pixel lands on (−1: read by no tap), the same for every image. */
    private static int[] phaseDest(ConvGeometry g, Frame fr) {
        int h = g.inH(), wd = g.inW(), sh = g.strideH(), sw = g.strideW(), phaseLen = fr.rows * fr.width;
        int[] dest = new int[h * wd];
        for (int iy = 0; iy < h; iy++)
            for (int ix = 0; ix < wd; ix++) {
                int a = (iy + g.padH()) % sh, i = (iy + g.padH()) / sh, b = (ix + g.padW()) % sw, j = (ix + g.padW()) / sw;
                dest[iy * wd + ix] = i < fr.rows && j < fr.width ? (a * sw + b) * phaseLen + i * fr.width + j : -1;
            }
        return dest;
    }

    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        Frame fr = Frame.backward(g);
        int oh = g.outH(), ow = g.outW(), top = g.kernelH() - 1 - g.padH(), left = g.kernelW() - 1 - g.padW();
        int[] dest = new int[oh * ow];
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) dest[oy * ow + ox] = (top + g.strideH() * oy) * fr.width + left + g.strideW() * ox;
        sum(g, fr, dy, oh * ow, dest, w, true, null, dx, g.inH(), g.inW());
    }

    /**
     * dst planes (outH × outW) = Σ_t w[t] ⊙ frame[offset_t + f] (+ bias), src planes of srcPixels pixels placed on
     * frame vectors dest[pixel]; flipped taps for backward-data.
     */
    private static void sum(ConvGeometry g, Frame fr, float[] src, int srcPixels, int[] dest, float[] w, boolean flip,
                            float[] bias, float[] dst, int outH, int outW) {
        int c = g.inChannels(), kk = g.kernelH() * g.kernelW(), blocks = c / V, outPixels = outH * outW;
        // In the calling thread's scratch (no garbage per call); the workers only read them.
        float[] wv = taps(g, w, flip, Scratch.get().floats(Scratch.PACK_B, c * kk)), bv = Scratch.get().floats(Scratch.PACK_A, c);
        if (bias != null) System.arraycopy(bias, 0, bv, 0, c);
        else Arrays.fill(bv, 0, c, 0f);
        int[] off = fr.offsets.clone();
        for (int t = 0; t < kk; t++) off[t] *= V;
        int len = fr.passes();
        int[] at = frameAt(dest, srcPixels, fr);
        // outAt[f] = where frame position f's sum goes in tmp: (oy·outW + ox)·V, or a junk vector past the plane. So
        // the sums land in the order fromLanes reads, with no copy out of the frame's row stride (in one JVM,
        // alternating, batch 64: 1.03–1.08× on the forwards and the 7×7 input gradient).
        int[] outAt = new int[len];
        for (int f = 0; f < len; f++) {
            int oy = f / fr.width, ox = f % fr.width;
            outAt[f] = oy < outH && ox < outW ? (oy * outW + ox) * V : outPixels * V;
        }
        Parallel.forRange(g.batch() * blocks, Math.max(1, 4096 / Math.max(1, len * kk)), (from, to) -> {
            Scratch s = Scratch.get();
            float[] p = s.floats(Scratch.COLUMNS, (fr.size + 1) * V);
            float[] tmp = s.floats(Scratch.TILE, (outPixels + 1) * V);
            float[] stage = staged(g, Math.max(srcPixels, outPixels)) ? s.floats(Scratch.PARTIAL, Math.max(srcPixels, outPixels) * V) : null;
            // Every (image, block) writes the same frame vectors, so the zeros are written once.
            Arrays.fill(p, 0, fr.size * V, 0f);
            for (int job = from; job < to; job++) {
                int n = job / blocks, blk = job % blocks, c0 = blk * V;
                toFrame(src, (n * c + c0) * srcPixels, srcPixels, stage, at, p);
                if (fr.flat3) sumTaps3(p, fr.width, wv, blk * kk * V, bv, c0, tmp, outAt, len);
                else sumTaps(p, off, kk, wv, blk * kk * V, bv, c0, tmp, outAt, len);
                fromLanes(tmp, outPixels, stage, dst, (n * c + c0) * outPixels);
            }
        });
    }

    /** at[q] = where pixel q's vector goes in the frame: dest[q]·V, or the junk vector past the frame for −1. */
    private static int[] frameAt(int[] dest, int pixels, Frame fr) {
        int[] at = new int[pixels];
        for (int q = 0; q < pixels; q++) at[q] = dest[q] >= 0 ? dest[q] * V : fr.size * V;
        return at;
    }

    /**
     * p[at[q] + r] = src[o + r·pixels + q]: V planes of pixels floats transposed by {@link TileTranspose} into one
     * vector of V channels per pixel, each stored straight to its place in the frame. The V planes are one contiguous
     * run of src, copied into stage first when given ({@link #staged}). In one pass rather than a transpose into a
     * buffer and a copy of every vector to its place: in one JVM, alternating every 15 calls over 20 rounds
     * (docs/sittings/2026-12-04-s25/FuseProbe.java), batch 64 forward 14×14 stride 2 1.19×, 7×7 1.09×, the stride-2
     * input gradient 1.05×, batch 1 forwards 1.24–1.34×; JMH, 2 alternating rounds (ab-fuse), batch 64 forwards
     * 0.99–1.41× (14×14 stride 2 1.38×), weight gradients 1.11–1.27×.
     */
    private static void toFrame(float[] src, int o, int pixels, float[] stage, int[] at, float[] p) {
        if (stage != null) {
            System.arraycopy(src, o, stage, 0, V * pixels);
            src = stage;
            o = 0;
        }
        if (pixels < V) {
            for (int r = 0; r < V; r++)
                for (int q = 0; q < pixels; q++) p[at[q] + r] = src[o + r * pixels + q];
            return;
        }
        for (int q = 0; q < pixels; q += V) {
            int q0 = lastBlock(q, pixels);
            TileTranspose.blockTo(src, o + q0, pixels, p, at, q0);
        }
    }

    /** wv = the weights as [block][tap][lane] vectors, each channel's taps flipped (tap t reads w[kk − 1 − t]) when flip. */
    private static float[] taps(ConvGeometry g, float[] w, boolean flip, float[] wv) {
        int c = g.inChannels(), kk = g.kernelH() * g.kernelW();
        for (int ch = 0; ch < c; ch++)
            for (int t = 0; t < kk; t++) wv[((ch / V) * kk + t) * V + ch % V] = w[ch * kk + (flip ? kk - 1 - t : t)];
        return wv;
    }

    /**
     * Bytes of a tensor above which the transposes are staged ({@link #staged}): the crossover measured on the
     * forwards (7×7 and 14×14 stride 2): 3.2 MB 0.72× (the copy costs while the tensor sits in L3), 6.4 MB
     * 0.95–0.97×, 12.8 MB 1.14×. Not final only so tests can take both paths.
     */
    static long stageAbove = 8L << 20;

    /**
     * Whether the lane transposes go through a contiguous copy ({@link #toFrame}, {@link #fromLanes}): when the
     * tensor of planes of this many pixels is beyond {@link #stageAbove}, i.e. comes from memory. Transposing
     * straight from NCHW reads V streams of a few cache lines each, too short for the hardware prefetcher, and the
     * stall sat in the transposes (perf, batch-64 14×14 stride-2 forward: 74% of it); one sequential copy streams at
     * the memory's rate. JMH, 2 threads, 2 alternating rounds (docs/sittings/2026-12-04-s25/ab-stage and
     * ab-stage-small), batch 64: forward 14×14 stride 2 1.33×, 14×14 1.21×, 7×7 1.14×; input gradient 1.23–1.36×;
     * weight gradient 1.07–1.33×; 28×28 and 56×56 stride 2 0.94–1.04× (planes of 49 lines stream anyway). Batch 1
     * and 8 (0.2–3.2 MB) and 16 (6.4 MB) lost 3–28% with the copy, hence the rule.
     */
    static boolean staged(ConvGeometry g, int pixels) {
        return (long) g.batch() * g.inChannels() * pixels * Float.BYTES > stageAbove;
    }

    /**
     * Where the block of pixels from q starts: the last one of planes of at least V pixels ends at the plane's end,
     * overlapping the one before (its pixels are written twice, with the same values) so it takes the register
     * transpose instead of V·(pixels mod V) scalar moves.
     */
    private static int lastBlock(int q, int pixels) {
        return pixels >= V ? Math.min(q, pixels - V) : q;
    }

    /**
     * dst[at + r·pixels + q] = tmp[q·V + r]: the inverse of {@link #toFrame}'s transpose, transposed into stage when
     * given and copied out as one run.
     */
    private static void fromLanes(float[] tmp, int pixels, float[] stage, float[] dst, int at) {
        float[] to = stage != null ? stage : dst;
        int o = stage != null ? 0 : at;
        for (int q = 0; q < pixels; q += V) {
            int q0 = lastBlock(q, pixels);
            TileTranspose.block(tmp, q0 * V, V, Math.min(V, pixels - q0), V, to, o + q0, pixels);
        }
        if (stage != null) System.arraycopy(stage, 0, dst, at, V * pixels);
    }

    /**
     * out[outAt[f]] = b + Σ_t w[t] ⊙ p[off[t] + f] for the vectors f &lt; len (whole passes), taps in order; w[t] is the
     * vector at wi + t·V, b the bias vector at bi. Eight output vectors per pass.
     */
    private static void sumTaps(float[] p, int[] off, int kk, float[] w, int wi, float[] bias, int bi, float[] out, int[] outAt, int len) {
        FloatVector b = FloatVector.fromArray(S, bias, bi);
        for (int f = 0; f < len; f += PASS) {
            FloatVector a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
            int o = f * V;
            for (int t = 0; t < kk; t++) {
                FloatVector wt = FloatVector.fromArray(S, w, wi + t * V);
                int q = o + off[t];
                a0 = FloatVector.fromArray(S, p, q).fma(wt, a0);
                a1 = FloatVector.fromArray(S, p, q + V).fma(wt, a1);
                a2 = FloatVector.fromArray(S, p, q + 2 * V).fma(wt, a2);
                a3 = FloatVector.fromArray(S, p, q + 3 * V).fma(wt, a3);
                a4 = FloatVector.fromArray(S, p, q + 4 * V).fma(wt, a4);
                a5 = FloatVector.fromArray(S, p, q + 5 * V).fma(wt, a5);
                a6 = FloatVector.fromArray(S, p, q + 6 * V).fma(wt, a6);
                a7 = FloatVector.fromArray(S, p, q + 7 * V).fma(wt, a7);
            }
            a0.intoArray(out, outAt[f]); a1.intoArray(out, outAt[f + 1]); a2.intoArray(out, outAt[f + 2]); a3.intoArray(out, outAt[f + 3]);
            a4.intoArray(out, outAt[f + 4]); a5.intoArray(out, outAt[f + 5]); a6.intoArray(out, outAt[f + 6]); a7.intoArray(out, outAt[f + 7]);
        }
    }

    /**
     * The stride-1 3×3 form of {@link #sumTaps}: out[outAt[f]] = b + Σ_{ky,kx} w[3ky + kx] ⊙ p[f + ky·width + kx] with the nine
     * weight vectors in registers and each input vector loaded once per row for the three taps that read it (ten
     * loads for 24 FMAs); eight output vectors per pass over len rounded up to whole passes (the frame and out have
     * room for the junk past len). The taps are summed row by row, kx in order, as in sumTaps.
     */
    private static void sumTaps3(float[] p, int width, float[] w, int wi, float[] bias, int bi, float[] out, int[] outAt, int len) {
        FloatVector b = FloatVector.fromArray(S, bias, bi);
        FloatVector w0 = FloatVector.fromArray(S, w, wi), w1 = FloatVector.fromArray(S, w, wi + V), w2 = FloatVector.fromArray(S, w, wi + 2 * V);
        FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * V), w4 = FloatVector.fromArray(S, w, wi + 4 * V), w5 = FloatVector.fromArray(S, w, wi + 5 * V);
        FloatVector w6 = FloatVector.fromArray(S, w, wi + 6 * V), w7 = FloatVector.fromArray(S, w, wi + 7 * V), w8 = FloatVector.fromArray(S, w, wi + 8 * V);
        int rs = width * V;
        for (int f = 0; f < len; f += 8) {
            int o = f * V;
            FloatVector a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
            {
                int q = o;
                FloatVector x0 = FloatVector.fromArray(S, p, q), x1 = FloatVector.fromArray(S, p, q + 1 * V), x2 = FloatVector.fromArray(S, p, q + 2 * V), x3 = FloatVector.fromArray(S, p, q + 3 * V), x4 = FloatVector.fromArray(S, p, q + 4 * V);
                FloatVector x5 = FloatVector.fromArray(S, p, q + 5 * V), x6 = FloatVector.fromArray(S, p, q + 6 * V), x7 = FloatVector.fromArray(S, p, q + 7 * V), x8 = FloatVector.fromArray(S, p, q + 8 * V), x9 = FloatVector.fromArray(S, p, q + 9 * V);
                a0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, a0)));
                a1 = x3.fma(w2, x2.fma(w1, x1.fma(w0, a1)));
                a2 = x4.fma(w2, x3.fma(w1, x2.fma(w0, a2)));
                a3 = x5.fma(w2, x4.fma(w1, x3.fma(w0, a3)));
                a4 = x6.fma(w2, x5.fma(w1, x4.fma(w0, a4)));
                a5 = x7.fma(w2, x6.fma(w1, x5.fma(w0, a5)));
                a6 = x8.fma(w2, x7.fma(w1, x6.fma(w0, a6)));
                a7 = x9.fma(w2, x8.fma(w1, x7.fma(w0, a7)));
            }
            {
                int q = o + rs;
                FloatVector x0 = FloatVector.fromArray(S, p, q), x1 = FloatVector.fromArray(S, p, q + 1 * V), x2 = FloatVector.fromArray(S, p, q + 2 * V), x3 = FloatVector.fromArray(S, p, q + 3 * V), x4 = FloatVector.fromArray(S, p, q + 4 * V);
                FloatVector x5 = FloatVector.fromArray(S, p, q + 5 * V), x6 = FloatVector.fromArray(S, p, q + 6 * V), x7 = FloatVector.fromArray(S, p, q + 7 * V), x8 = FloatVector.fromArray(S, p, q + 8 * V), x9 = FloatVector.fromArray(S, p, q + 9 * V);
                a0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, a0)));
                a1 = x3.fma(w5, x2.fma(w4, x1.fma(w3, a1)));
                a2 = x4.fma(w5, x3.fma(w4, x2.fma(w3, a2)));
                a3 = x5.fma(w5, x4.fma(w4, x3.fma(w3, a3)));
                a4 = x6.fma(w5, x5.fma(w4, x4.fma(w3, a4)));
                a5 = x7.fma(w5, x6.fma(w4, x5.fma(w3, a5)));
                a6 = x8.fma(w5, x7.fma(w4, x6.fma(w3, a6)));
                a7 = x9.fma(w5, x8.fma(w4, x7.fma(w3, a7)));
            }
            {
                int q = o + 2 * rs;
                FloatVector x0 = FloatVector.fromArray(S, p, q), x1 = FloatVector.fromArray(S, p, q + 1 * V), x2 = FloatVector.fromArray(S, p, q + 2 * V), x3 = FloatVector.fromArray(S, p, q + 3 * V), x4 = FloatVector.fromArray(S, p, q + 4 * V);
                FloatVector x5 = FloatVector.fromArray(S, p, q + 5 * V), x6 = FloatVector.fromArray(S, p, q + 6 * V), x7 = FloatVector.fromArray(S, p, q + 7 * V), x8 = FloatVector.fromArray(S, p, q + 8 * V), x9 = FloatVector.fromArray(S, p, q + 9 * V);
                a0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, a0)));
                a1 = x3.fma(w8, x2.fma(w7, x1.fma(w6, a1)));
                a2 = x4.fma(w8, x3.fma(w7, x2.fma(w6, a2)));
                a3 = x5.fma(w8, x4.fma(w7, x3.fma(w6, a3)));
                a4 = x6.fma(w8, x5.fma(w7, x4.fma(w6, a4)));
                a5 = x7.fma(w8, x6.fma(w7, x5.fma(w6, a5)));
                a6 = x8.fma(w8, x7.fma(w7, x6.fma(w6, a6)));
                a7 = x9.fma(w8, x8.fma(w7, x7.fma(w6, a7)));
            }
            a0.intoArray(out, outAt[f]); a1.intoArray(out, outAt[f + 1]); a2.intoArray(out, outAt[f + 2]); a3.intoArray(out, outAt[f + 3]);
            a4.intoArray(out, outAt[f + 4]); a5.intoArray(out, outAt[f + 5]); a6.intoArray(out, outAt[f + 6]); a7.intoArray(out, outAt[f + 7]);
        }
    }

    /**
     * dw[c][t] = Σ over images, oy, ox of dY[n][c][oy][ox]·x at tap t of output (oy, ox): per image and block of V
     * channels a vector dot of dY (at row stride width, zero junk columns) with each tap's shift of the phases
     * ({@link BlockSums}), added to double sums in fixed image chunks ({@link ImageChunks}): on a batch the threads
     * take chunks of images and go through them block after block in memory order. Each thread taking channel blocks
     * over every image jumped a whole image (200 KB at 1024 channels of 7×7) between consecutive blocks, reading 3 KB
     * at a time: with dot9 as well, in one JVM (FlagProbe, batch 64) 7×7 1.57×, 14×14 1.19×, 28×28 1.41×, stride 2
     * 1.12–1.15×.
     */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        int kk = g.kernelH() * g.kernelW(), blocks = g.inChannels() / V, size = kk * V;
        Frame fr = Frame.forward(g);
        ImageChunks.run(g.batch(), blocks, blocks * size, () -> {
            BlockSums sums = new BlockSums(g, fr);
            return (n, blk, buf, base) -> sums.add(x, dy, n, blk * V, buf, base + blk * size);
        }, (blk, partial) -> {
            for (int t = 0; t < kk; t++)
                for (int r = 0; r < V; r++) dw[(blk * V + r) * kk + t] = (float) partial.total(blk * size + t * V + r);
        });
    }

    /** One thread's weight-gradient work on a block of V channels of one image: x's frame, dY's, and the tap dots. */
    private static final class BlockSums {
        private final ConvGeometry g;
        private final int[] at, gyAt, off;
        private final float[] p, gy, lanes, stage;
        private final int len, kk;

        BlockSums(ConvGeometry g, Frame fr) {
            this.g = g;
            int h = g.inH(), wd = g.inW(), oh = g.outH(), ow = g.outW();
            kk = g.kernelH() * g.kernelW();
            len = fr.outLen;
            at = frameAt(phaseDest(g, fr), h * wd, fr);
            gyAt = new int[oh * ow];
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) gyAt[oy * ow + ox] = (oy * fr.width + ox) * V;
            off = fr.offsets.clone();
            for (int t = 0; t < kk; t++) off[t] *= V;
            Scratch s = Scratch.get();
            p = s.floats(Scratch.COLUMNS, (fr.size + 1) * V);
            gy = s.floats(Scratch.MISC, len * V);
            lanes = s.floats(Scratch.WEIGHTS, kk * V);
            stage = staged(g, Math.max(h * wd, oh * ow)) ? s.floats(Scratch.PARTIAL, Math.max(h * wd, oh * ow) * V) : null;
            // Every block writes the same positions of the frames, so their zeros are written once.
            Arrays.fill(p, 0, fr.size * V, 0f);
            Arrays.fill(gy, 0, len * V, 0f);
        }

        /** sums[at + t·V + r] += the tap-t dot of channel c0 + r of image n, for every tap t and r &lt; V. */
        void add(float[] x, float[] dy, int n, int c0, double[] sums, int at0) {
            int c = g.inChannels(), hw = g.inH() * g.inW(), ohw = g.outH() * g.outW();
            toFrame(x, (n * c + c0) * hw, hw, stage, at, p);
            toFrame(dy, (n * c + c0) * ohw, ohw, stage, gyAt, gy);
            if (kk == 9) dot9(gy, p, off, len * V, lanes);
            else for (int t = 0; t < kk; t++) dot(gy, p, off[t], len, lanes, t * V);
            for (int i = 0; i < kk * V; i++) sums[at0 + i] += lanes[i];
        }
    }

    /** lanes[li..li+V) = Σ_{f &lt; len} a[f] ⊙ b[bOff + f] over vectors: four chains, summed in a fixed order. */
    /**
     * lanes[t·V …] = Σ a[o … o + V)·b[off[t] + o …] over o = 0, V, … &lt; n (n a multiple of V) as vectors, for the
     * nine taps of a 3×3 kernel in one pass over a: ten loads per nine FMAs, where nine dot passes load a's vector nine
     * times. Here a is a frame of V-channel pixels (n = len·V); {@link DepthwiseConv} sums each tap's lanes after.
     */
    static void dot9(float[] a, float[] b, int[] off, int n, float[] lanes) {
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7], o8 = off[8];
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0;
        for (int o = 0; o < n; o += V) {
            FloatVector av = FloatVector.fromArray(S, a, o);
            s0 = FloatVector.fromArray(S, b, o0 + o).fma(av, s0);
            s1 = FloatVector.fromArray(S, b, o1 + o).fma(av, s1);
            s2 = FloatVector.fromArray(S, b, o2 + o).fma(av, s2);
            s3 = FloatVector.fromArray(S, b, o3 + o).fma(av, s3);
            s4 = FloatVector.fromArray(S, b, o4 + o).fma(av, s4);
            s5 = FloatVector.fromArray(S, b, o5 + o).fma(av, s5);
            s6 = FloatVector.fromArray(S, b, o6 + o).fma(av, s6);
            s7 = FloatVector.fromArray(S, b, o7 + o).fma(av, s7);
            s8 = FloatVector.fromArray(S, b, o8 + o).fma(av, s8);
        }
        s0.intoArray(lanes, 0); s1.intoArray(lanes, V); s2.intoArray(lanes, 2 * V);
        s3.intoArray(lanes, 3 * V); s4.intoArray(lanes, 4 * V); s5.intoArray(lanes, 5 * V);
        s6.intoArray(lanes, 6 * V); s7.intoArray(lanes, 7 * V); s8.intoArray(lanes, 8 * V);
    }

    private static void dot(float[] a, float[] b, int bOff, int len, float[] lanes, int li) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int f = 0;
        for (; f + 4 <= len; f += 4) {
            int o = f * V;
            s0 = FloatVector.fromArray(S, a, o).fma(FloatVector.fromArray(S, b, bOff + o), s0);
            s1 = FloatVector.fromArray(S, a, o + V).fma(FloatVector.fromArray(S, b, bOff + o + V), s1);
            s2 = FloatVector.fromArray(S, a, o + 2 * V).fma(FloatVector.fromArray(S, b, bOff + o + 2 * V), s2);
            s3 = FloatVector.fromArray(S, a, o + 3 * V).fma(FloatVector.fromArray(S, b, bOff + o + 3 * V), s3);
        }
        for (; f < len; f++) s0 = FloatVector.fromArray(S, a, f * V).fma(FloatVector.fromArray(S, b, bOff + f * V), s0);
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, li);
    }
}
