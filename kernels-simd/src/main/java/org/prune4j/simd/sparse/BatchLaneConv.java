package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Sparse convolution on small planes with the batch as the vector axis: forward, input gradient
 * and weight gradient at the mask's entries for stride-1 layers whose output planes are at most
 * {@link #maxPixels} pixels in 16-pixel tiles (VGG-19's 512-channel 4×4 stage at CIFAR size first
 * of all). On a 4×4 plane the phase layout of {@link SparseConv2d} computes each nonzero over a
 * 4×6 window of a 6×6 frame (half of it junk) in tiles of one or two vectors, so the per-nonzero
 * overhead dominates: the 512-channel layer ran at ~0.6 vector FMA/ns per core at 90% sparsity,
 * a quarter of what one load per FMA allows from L2.
 *
 * <p>Here V images (one vector of lanes) are laid out as buf[ci][fy][fx][lane], the input
 * framed by its zero padding. A register tile is 16 consecutive output pixels of one output
 * channel (four rows of a 4-wide plane, two of an 8-wide one, a row or half a row of wider
 * ones), one accumulator each, and each nonzero (ci, ky, kx) costs one broadcast and 16 loads
 * at four offsets from one base: no junk, no staging. The input channels are summed in blocks
 * whose frames fit in L2 (a chunk of 512 4×4 channels is 1.2 MB), the partial sums of every
 * output channel kept in a per-thread buffer between blocks, and the finished planes are
 * transposed out to NCHW by {@link TileTranspose} with ReLU. The input gradient is the same
 * tile over the framed output gradient with Wᵀ's flipped taps (same padding only); the weight
 * gradient holds a tile of the output gradient in registers against each entry's shifted
 * window. Threads take whole chunks of V images; each output is one fixed-order sum and the
 * weight gradient's per-thread partials are added in thread order, so the result depends only
 * on the thread count. Frames and partial sums start on a 64-byte line ({@link Aligned}), so
 * each load reads exactly one cache line (unaligned, the 4×4 forward ran 1.4× slower).
 */
final class BatchLaneConv {
    private static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;
    /** Output pixels per register tile: a tile is 16 consecutive pixels of a plane, four groups of four. */
    private static final int PIXELS = 16;
    /**
     * Entries whose lane vectors the weight gradient keeps across a chunk's tiles ({@link #dots}): 64 KB of
     * float lanes, so a group of output channels whose entries fit takes its tiles together.
     */
    static int laneEntries = 1024;
    /**
     * Largest output plane (pixels) whose gradients take this path. JMH against the phase layout (batch 128, 2
     * threads, 2 alternating runs, docs/sittings/2026-12-02-s10/ab-batchlane-planes): training step on 8×8 planes
     * 1.6–2.2× faster (ResNet 64 channels, VGG 256), on 16×16 1.1–1.6× (ResNet 32, VGG 128) with the forward
     * included; 32×32 planes were not tried (their partial sums alone would fill L2 twice over).
     */
    static int maxPixels = 256;
    /**
     * Largest output plane whose forward takes this path: 8×8 planes ran 2.0–2.6× faster, but 16×16 ones
     * 0.61–1.05× (at 95% sparsity the layout and the partial sums' traffic outweigh the junk it saves).
     */
    static int forwardMaxPixels = 64;
    /** Bytes of framed input per channel block: kept in L2 (1 MB) beside the chunk's partial sums. */
    static int blockBytes = 256 * 1024;

    private BatchLaneConv() {}

    /**
     * Stride 1, dilation 1, one group, output planes of at most {@link #maxPixels} pixels that split into 16-pixel
     * tiles of whole groups of four (widths that are multiples of 4 dividing 16, or multiples of 16), and at least
     * one full vector of images (a partial chunk computes all V lanes).
     */
    static boolean suits(ConvGeometry g) {
        int ow = g.outW(), pixels = g.outH() * ow;
        boolean tiles = ow % 4 == 0 && pixels % PIXELS == 0 && (ow >= PIXELS ? ow % PIXELS == 0 : PIXELS % ow == 0);
        return tiles && pixels <= maxPixels && g.groups() == 1 && g.batch() >= V
                && g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1;
    }

    /** Whether the forward takes this path: a suiting geometry with planes of at most {@link #forwardMaxPixels}. */
    static boolean suitsForward(ConvGeometry g) {
        return suits(g) && g.outH() * g.outW() <= forwardMaxPixels;
    }

    /**
     * Whether the input gradient takes this path too: input planes the size of the output planes ("same"
     * padding), so the input gradient tiles like the forward. Other inputs of a suiting geometry ('valid' 6×6 →
     * 4×4) keep {@link SparseConv2d}'s input gradient; their weight gradient still runs here.
     */
    static boolean suitsBackwardData(ConvGeometry g) {
        return suits(g) && g.inH() == g.outH() && g.inW() == g.outW();
    }

    /**
     * The per-weight plan: each nonzero's frame offset, the entries split into input-channel blocks, and the most
     * entries one output channel has in one block.
     */
    private record Plan(int fh, int fw, int[] delta, int[] starts, int blocks, int longest) {
        static Plan of(ConvGeometry g, CsrMatrix w) {
            int kh = g.kernelH(), kw = g.kernelW(), khw = kh * kw;
            int fh = g.outH() + kh - 1, fw = g.outW() + kw - 1;
            int[] col = w.colIdx();
            int[] delta = new int[w.nnz()];
            for (int j = 0; j < delta.length; j++) {
                int ci = col[j] / khw, t = col[j] % khw;
                delta[j] = ((ci * fh + t / kw) * fw + t % kw) * V;
            }
            int channels = Math.max(1, blockBytes / (4 * fh * fw * V));
            int[] starts = ColumnBlocks.starts(w.rowPtr(), col, g.outChannels(), g.patchSize(), channels * khw);
            int m = g.outChannels(), blocks = ColumnBlocks.count(starts, m), longest = 0;
            for (int i = 0; i < blocks * m; i++) longest = Math.max(longest, starts[i + m] - starts[i]);
            return new Plan(fh, fw, delta, starts, blocks, longest);
        }
    }

    private record Key(ConvGeometry g, int blockBytes) {}

    /**
     * Where the four groups of four pixels of a 16-pixel tile start, relative to its first pixel, in a frame of row
     * stride rs: {0, d[1], d[2], d[3]}; the same for every tile of an ow-wide plane (ow a multiple or divisor of 16).
     */
    private static int groupOffset(int group, int ow, int rs) {
        int p = 4 * group;
        return (p / ow) * rs + (p % ow) * V;
    }

    /** Where tile t of an ow-wide plane starts in a frame of row stride rs. */
    private static int tileOffset(int t, int ow, int rs) {
        int p = t * PIXELS;
        return (p / ow) * rs + (p % ow) * V;
    }

    /** y = conv(x, W) + bias, then ReLU when relu; g must {@link #suitsForward suit the forward}. */
    static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        Plan plan = PlanCache.get(w, new Key(g.withBatch(1), blockBytes), () -> Plan.of(g, w));
        int m = g.outChannels(), cin = g.inChannels(), chunks = (g.batch() + V - 1) / V, ohw = g.outH() * g.outW();
        int bufSize = cin * plan.fh * plan.fw * V;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            float[] buf = Scratch.get(Scratch.IMAGE, (long) bufSize + Aligned.SLACK);
            float[] acc = Scratch.get(Scratch.PANEL, (long) m * ohw * V + Aligned.SLACK);
            float[] tmp = Scratch.get(Scratch.TILES, (long) g.inH() * g.inW() * V);
            int b0 = Aligned.offset(buf), a0 = Aligned.offset(acc);
            for (int c = c0; c < c1; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(x, g.inChannels(), g.inH(), g.inW(), g.padH(), g.padW(), plan.fh, plan.fw, n0, lanes, buf, b0, tmp);
                chunk(g, plan, w.values(), buf, b0, acc, a0, bias);
                LaneFrames.unpack(acc, a0, m, ohw, lanes, y, n0, relu);
            }
        });
    }

    /**
     * acc[co] = bias[co] + Σ over the blocks of W[co]'s entries times the framed chunk, for every output channel.
     * Within a block, tile by tile and every output channel of a tile in turn: the channels' entries all read the
     * same few frame rows around the tile, which then stay in L1 from one channel to the next (channel by channel,
     * each one sweeping all its tiles, the rows were fetched again for every channel). JMH, 2 rounds
     * (docs/sittings/2026-12-03-s17/ab-order): ResNet's 64-channel 8×8 forward 1.22× at 90%, 1.37× at 95%; VGG's
     * 256-channel 8×8 1.13× and 1.19×. Each output is the same sum in the same order either way.
     */
    private static void chunk(ConvGeometry g, Plan plan, float[] vals, float[] buf, int b0, float[] acc, int a0, float[] bias) {
        int m = g.outChannels(), ow = g.outW(), ohw = g.outH() * ow, rs = plan.fw * V;
        int d1 = groupOffset(1, ow, rs), d2 = groupOffset(2, ow, rs), d3 = groupOffset(3, ow, rs);
        int[] s = plan.starts, delta = plan.delta;
        for (int kb = 0; kb < plan.blocks; kb++) {
            boolean first = kb == 0;
            for (int t = 0; t < ohw / PIXELS; t++) {
                int bt = b0 + tileOffset(t, ow, rs);
                for (int co = 0; co < m; co++) {
                    int j0 = s[kb * m + co], j1 = s[(kb + 1) * m + co];
                    float init = first && bias != null ? bias[co] : 0f;
                    tile(vals, delta, j0, j1, buf, bt, d1, d2, d3, acc, a0 + (co * ohw + t * PIXELS) * V, !first, init);
                }
            }
        }
    }

    /**
     * The input gradient's plan: W's entries regrouped by input channel (the rows of Wᵀ, each in order of output
     * channel and tap), where each came from in W's values, and each one's offset into the framed output gradient
     * with its tap flipped: dx[ci][iy][ix] gathers w[co][ci][ky][kx]·dy[co][iy + ph − ky][ix + pw − kx], which in a
     * frame of kh − 1 − ph rows on top is row iy + (kh − 1 − ky).
     */
    private record TransposedPlan(int[] src, int[] delta, int[] starts, int blocks) {
        static TransposedPlan of(ConvGeometry g, CsrMatrix w, int fh, int fw) {
            int kh = g.kernelH(), kw = g.kernelW(), khw = kh * kw, m = g.outChannels(), cin = g.inChannels();
            int[] rp = w.rowPtr(), col = w.colIdx();
            int[] ptr = new int[cin + 1];
            for (int j = 0; j < w.nnz(); j++) ptr[col[j] / khw + 1]++;
            for (int ci = 0; ci < cin; ci++) ptr[ci + 1] += ptr[ci];
            int[] next = ptr.clone(), src = new int[w.nnz()], delta = new int[w.nnz()], tcol = new int[w.nnz()];
            for (int co = 0; co < m; co++) {
                for (int j = rp[co]; j < rp[co + 1]; j++) {
                    int ci = col[j] / khw, t = col[j] % khw, ky = t / kw, kx = t % kw, i = next[ci]++;
                    src[i] = j;
                    tcol[i] = co * khw + t;
                    delta[i] = ((co * fh + kh - 1 - ky) * fw + kw - 1 - kx) * V;
                }
            }
            int channels = Math.max(1, blockBytes / (4 * fh * fw * V));
            int[] starts = ColumnBlocks.starts(ptr, tcol, cin, m * khw, channels * khw);
            return new TransposedPlan(src, delta, starts, ColumnBlocks.count(starts, cin));
        }
    }

    private record TransposedKey(ConvGeometry g, int blockBytes) {}

    /**
     * dx (when not null) = the input gradient, overwritten, and dwValues (when not null) = the weight gradient
     * at w's entries, overwritten: Σ over images and output pixels of dy[co]·x[ci] shifted by the tap. g must
     * suit, and {@link #suitsBackwardData} when dx is asked for. The output gradient of a chunk is laid out once
     * for both. Threads take contiguous shares of the chunks; each sums its weight gradient into its own
     * partial (in double, chunk after chunk), and the partials are added in thread order. Both passes go tile by
     * tile over all channels, as the forward does ({@link #chunk}); every sum keeps its order (ab-order-back,
     * 3 rounds: VGG's 128-channel 16×16 training step 1.09–1.16×, 256-channel 8×8 1.03–1.13×; ResNet's within noise).
     */
    static void backward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        int m = g.outChannels(), cin = g.inChannels(), nnz = w.nnz(), kh = g.kernelH(), kw = g.kernelW();
        int oh = g.outH(), ow = g.outW(), ohw = oh * ow;
        Plan plan = PlanCache.get(w, new Key(g.withBatch(1), blockBytes), () -> Plan.of(g, w));
        // The output gradient's frame: the input gradient reads it around each pixel; the weight gradient only inside.
        int top = dx != null ? kh - 1 - g.padH() : 0, left = dx != null ? kw - 1 - g.padW() : 0;
        int dfh = dx != null ? oh + kh - 1 : oh, dfw = dx != null ? ow + kw - 1 : ow;
        TransposedPlan tp = dx == null ? null
                : PlanCache.get(w, new TransposedKey(g.withBatch(1), blockBytes), () -> TransposedPlan.of(g, w, dfh, dfw));
        float[] tvals = null;
        if (tp != null) {
            tvals = Scratch.get(Scratch.SHARED, Math.max(1, nnz));
            float[] vals = w.values();
            for (int i = 0; i < nnz; i++) tvals[i] = vals[tp.src[i]];
        }
        float[] tv = tvals;
        int chunks = (g.batch() + V - 1) / V, parts = Math.max(1, Math.min(Parallel.threads(), chunks));
        double[][] partial = dwValues == null ? null : new double[parts][nnz];
        int xSize = cin * plan.fh * plan.fw * V, dySize = m * dfh * dfw * V, tiles = ohw / PIXELS;
        int rs = plan.fw * V, drs = dfw * V;
        int d1 = groupOffset(1, ow, rs), d2 = groupOffset(2, ow, rs), d3 = groupOffset(3, ow, rs);
        int e1 = groupOffset(1, ow, drs), e2 = groupOffset(2, ow, drs), e3 = groupOffset(3, ow, drs);
        Parallel.forEach(parts, part -> {
            float[] xf = dwValues == null ? null : Scratch.get(Scratch.IMAGE, (long) xSize + Aligned.SLACK);
            float[] df = Scratch.get(Scratch.GRAD, (long) dySize + Aligned.SLACK);
            float[] acc = dx == null ? null : Scratch.get(Scratch.PANEL, (long) cin * ohw * V + Aligned.SLACK);
            float[] tmp = Scratch.get(Scratch.TILES, (long) Math.max(ohw, g.inH() * g.inW()) * V);
            float[] laneSums = dwValues == null ? null : Scratch.get(Scratch.LANES, (long) Math.max(laneEntries, plan.longest) * V);
            int xb = xf == null ? 0 : Aligned.offset(xf), db = Aligned.offset(df), ab = acc == null ? 0 : Aligned.offset(acc);
            for (int c = (int) ((long) chunks * part / parts), end = (int) ((long) chunks * (part + 1) / parts); c < end; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(dy, m, oh, ow, top, left, dfh, dfw, n0, lanes, df, db, tmp);
                if (dx != null) {
                    // Input planes are output-sized here (same padding): the forward's tiles over the framed dy.
                    for (int kb = 0; kb < tp.blocks; kb++) {
                        for (int t = 0; t < tiles; t++) {
                            int dt = db + tileOffset(t, ow, drs);
                            for (int ci = 0; ci < cin; ci++) {
                                int j0 = tp.starts[kb * cin + ci], j1 = tp.starts[(kb + 1) * cin + ci];
                                tile(tv, tp.delta, j0, j1, df, dt, e1, e2, e3, acc, ab + (ci * ohw + t * PIXELS) * V, kb > 0, 0f);
                            }
                        }
                    }
                    LaneFrames.unpack(acc, ab, cin, ohw, lanes, dx, n0, false);
                }
                if (dwValues != null) {
                    LaneFrames.pack(x, cin, g.inH(), g.inW(), g.padH(), g.padW(), plan.fh, plan.fw, n0, lanes, xf, xb, tmp);
                    int inside = db + (top * dfw + left) * V;
                    int[] st = plan.starts;
                    for (int kb = 0; kb < plan.blocks; kb++) {
                        for (int g0 = 0, g1; g0 < m; g0 = g1) {
                            // Output channels [g0, g1) whose entries in this block fit the lanes (at least one channel).
                            int count = st[(kb + 1) * m + g0] - st[kb * m + g0];
                            for (g1 = g0 + 1; g1 < m && count + st[(kb + 1) * m + g1] - st[kb * m + g1] <= laneEntries; g1++) {
                                count += st[(kb + 1) * m + g1] - st[kb * m + g1];
                            }
                            java.util.Arrays.fill(laneSums, 0, count * V, 0f);
                            for (int t = 0; t < tiles; t++) {
                                int xt = xb + tileOffset(t, ow, rs), dt = inside + tileOffset(t, ow, drs);
                                for (int co = g0, a = 0; co < g1; co++) {
                                    int j0 = st[kb * m + co], j1 = st[(kb + 1) * m + co];
                                    dots(plan.delta, j0, j1, xf, xt, d1, d2, d3, df, dt + co * dfh * dfw * V, e1, e2, e3, laneSums, a);
                                    a += j1 - j0;
                                }
                            }
                            for (int co = g0, a = 0; co < g1; co++) {
                                int j0 = st[kb * m + co], j1 = st[(kb + 1) * m + co];
                                LaneSum.addSums(laneSums, a, j1 - j0, partial[part], j0);
                                a += j1 - j0;
                            }
                        }
                    }
                }
            }
        });
        if (dwValues != null) SparseConv2d.sumPartials(partial, dwValues, nnz);
    }

    /**
     * lanes[(a + j − j0)·V + lane] += Σ_{k < 16} dyf[d + e(k) + lane]·xf[b0 + delta[j] + o(k) + lane] for j0 ≤ j &lt; j1,
     * where pixel k of the tile sits at o(k) = {0, d1, d2, d3}[k / 4] + (k % 4)·V in x's frame and e(k) likewise (e1,
     * e2, e3) in dy's: one output channel's 16-pixel output gradient held in sixteen registers against each of its
     * entries' shifted input windows, in four independent chains. The lane vectors add up over a chunk's tiles, and
     * the caller sums each entry's lanes once per chunk in {@link LaneSum}'s fixed order (reduceLanes adds in another
     * order once C2 compiles it): summed per tile, the lane sums took 6% of ResNet's 32-channel 16×16 training step.
     * No vector crosses a call: a sum called from here was not inlined (C2's node budget is spent on the 16
     * registers), so each entry boxed its vector (JFR on the 90%-sparse ResNet-32 training step).
     */
    private static void dots(int[] delta, int j0, int j1, float[] xf, int b0, int d1, int d2, int d3,
                             float[] dyf, int d, int e1, int e2, int e3, float[] lanes, int a) {
        if (j0 == j1) return;
        FloatVector g00 = FloatVector.fromArray(S, dyf, d), g01 = FloatVector.fromArray(S, dyf, d + V);
        FloatVector g02 = FloatVector.fromArray(S, dyf, d + 2 * V), g03 = FloatVector.fromArray(S, dyf, d + 3 * V);
        FloatVector g10 = FloatVector.fromArray(S, dyf, d + e1), g11 = FloatVector.fromArray(S, dyf, d + e1 + V);
        FloatVector g12 = FloatVector.fromArray(S, dyf, d + e1 + 2 * V), g13 = FloatVector.fromArray(S, dyf, d + e1 + 3 * V);
        FloatVector g20 = FloatVector.fromArray(S, dyf, d + e2), g21 = FloatVector.fromArray(S, dyf, d + e2 + V);
        FloatVector g22 = FloatVector.fromArray(S, dyf, d + e2 + 2 * V), g23 = FloatVector.fromArray(S, dyf, d + e2 + 3 * V);
        FloatVector g30 = FloatVector.fromArray(S, dyf, d + e3), g31 = FloatVector.fromArray(S, dyf, d + e3 + V);
        FloatVector g32 = FloatVector.fromArray(S, dyf, d + e3 + 2 * V), g33 = FloatVector.fromArray(S, dyf, d + e3 + 3 * V);
        for (int j = j0, l = a * V; j < j1; j++, l += V) {
            int r0 = b0 + delta[j], r1 = r0 + d1, r2 = r0 + d2, r3 = r0 + d3;
            FloatVector s0 = g00.mul(FloatVector.fromArray(S, xf, r0));
            FloatVector s1 = g01.mul(FloatVector.fromArray(S, xf, r0 + V));
            FloatVector s2 = g02.mul(FloatVector.fromArray(S, xf, r0 + 2 * V));
            FloatVector s3 = g03.mul(FloatVector.fromArray(S, xf, r0 + 3 * V));
            s0 = g10.fma(FloatVector.fromArray(S, xf, r1), s0);
            s1 = g11.fma(FloatVector.fromArray(S, xf, r1 + V), s1);
            s2 = g12.fma(FloatVector.fromArray(S, xf, r1 + 2 * V), s2);
            s3 = g13.fma(FloatVector.fromArray(S, xf, r1 + 3 * V), s3);
            s0 = g20.fma(FloatVector.fromArray(S, xf, r2), s0);
            s1 = g21.fma(FloatVector.fromArray(S, xf, r2 + V), s1);
            s2 = g22.fma(FloatVector.fromArray(S, xf, r2 + 2 * V), s2);
            s3 = g23.fma(FloatVector.fromArray(S, xf, r2 + 3 * V), s3);
            s0 = g30.fma(FloatVector.fromArray(S, xf, r3), s0);
            s1 = g31.fma(FloatVector.fromArray(S, xf, r3 + V), s1);
            s2 = g32.fma(FloatVector.fromArray(S, xf, r3 + 2 * V), s2);
            s3 = g33.fma(FloatVector.fromArray(S, xf, r3 + 3 * V), s3);
            FloatVector.fromArray(S, lanes, l).add(s0.add(s1).add(s2.add(s3))).intoArray(lanes, l);
        }
    }

    /**
     * acc[ai + k·V + lane] = (load ? acc : init) + Σ_{j0 ≤ j < j1} vals[j]·buf[b0 + delta[j] + o(k) + lane] for the
     * 16 pixels k of a tile, o(k) = {0, d1, d2, d3}[k / 4] + (k % 4)·V: sixteen accumulators, one broadcast and
     * sixteen loads per entry. Also {@link RowTapConv}'s input-gradient tile over sixteen consecutive vectors.
     */
    static void tile(float[] vals, int[] delta, int j0, int j1, float[] buf, int b0, int d1, int d2, int d3,
                     float[] acc, int ai, boolean load, float init) {
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (load) {
            a00 = FloatVector.fromArray(S, acc, ai); a01 = FloatVector.fromArray(S, acc, ai + V);
            a02 = FloatVector.fromArray(S, acc, ai + 2 * V); a03 = FloatVector.fromArray(S, acc, ai + 3 * V);
            a10 = FloatVector.fromArray(S, acc, ai + 4 * V); a11 = FloatVector.fromArray(S, acc, ai + 5 * V);
            a12 = FloatVector.fromArray(S, acc, ai + 6 * V); a13 = FloatVector.fromArray(S, acc, ai + 7 * V);
            a20 = FloatVector.fromArray(S, acc, ai + 8 * V); a21 = FloatVector.fromArray(S, acc, ai + 9 * V);
            a22 = FloatVector.fromArray(S, acc, ai + 10 * V); a23 = FloatVector.fromArray(S, acc, ai + 11 * V);
            a30 = FloatVector.fromArray(S, acc, ai + 12 * V); a31 = FloatVector.fromArray(S, acc, ai + 13 * V);
            a32 = FloatVector.fromArray(S, acc, ai + 14 * V); a33 = FloatVector.fromArray(S, acc, ai + 15 * V);
        } else {
            FloatVector b = FloatVector.broadcast(S, init);
            a00 = b; a01 = b; a02 = b; a03 = b; a10 = b; a11 = b; a12 = b; a13 = b;
            a20 = b; a21 = b; a22 = b; a23 = b; a30 = b; a31 = b; a32 = b; a33 = b;
        }
        for (int j = j0; j < j1; j++) {
            FloatVector wv = FloatVector.broadcast(S, vals[j]);
            int r0 = b0 + delta[j], r1 = r0 + d1, r2 = r0 + d2, r3 = r0 + d3;
            a00 = FloatVector.fromArray(S, buf, r0).fma(wv, a00);
            a01 = FloatVector.fromArray(S, buf, r0 + V).fma(wv, a01);
            a02 = FloatVector.fromArray(S, buf, r0 + 2 * V).fma(wv, a02);
            a03 = FloatVector.fromArray(S, buf, r0 + 3 * V).fma(wv, a03);
            a10 = FloatVector.fromArray(S, buf, r1).fma(wv, a10);
            a11 = FloatVector.fromArray(S, buf, r1 + V).fma(wv, a11);
            a12 = FloatVector.fromArray(S, buf, r1 + 2 * V).fma(wv, a12);
            a13 = FloatVector.fromArray(S, buf, r1 + 3 * V).fma(wv, a13);
            a20 = FloatVector.fromArray(S, buf, r2).fma(wv, a20);
            a21 = FloatVector.fromArray(S, buf, r2 + V).fma(wv, a21);
            a22 = FloatVector.fromArray(S, buf, r2 + 2 * V).fma(wv, a22);
            a23 = FloatVector.fromArray(S, buf, r2 + 3 * V).fma(wv, a23);
            a30 = FloatVector.fromArray(S, buf, r3).fma(wv, a30);
            a31 = FloatVector.fromArray(S, buf, r3 + V).fma(wv, a31);
            a32 = FloatVector.fromArray(S, buf, r3 + 2 * V).fma(wv, a32);
            a33 = FloatVector.fromArray(S, buf, r3 + 3 * V).fma(wv, a33);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        a10.intoArray(acc, ai + 4 * V); a11.intoArray(acc, ai + 5 * V); a12.intoArray(acc, ai + 6 * V); a13.intoArray(acc, ai + 7 * V);
        a20.intoArray(acc, ai + 8 * V); a21.intoArray(acc, ai + 9 * V); a22.intoArray(acc, ai + 10 * V); a23.intoArray(acc, ai + 11 * V);
        a30.intoArray(acc, ai + 12 * V); a31.intoArray(acc, ai + 13 * V); a32.intoArray(acc, ai + 14 * V); a33.intoArray(acc, ai + 15 * V);
    }
}
