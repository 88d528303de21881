package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.sparse.LaneFrames;
import org.prune4j.simd.sparse.TileTranspose;

/**
 * Dense 3×3 stride-1 "same" convolution by Winograd's minimal filtering F(2×2, 3×3) on the batch-lane layout:
 * each 2×2 block of output pixels is Aᵀ[(G·g·Gᵀ) ⊙ (Bᵀ·d·B)]A of its 4×4 input patch d, so the sixteen
 * element-wise products, summed over input channels, take 16 multiply-adds per output block and channel pair where
 * the direct form takes 36: 2.25 times fewer. The sums over channels are sixteen independent products of
 * [Cout × Cin] transformed weights and [Cin × tiles] transformed inputs, one per position ξ of the 4×4 transform,
 * and each runs on {@link LaneConv}'s register tile (six or four output channels × four tiles, a vector of V
 * images per tile).
 *
 * <p>Per chunk of V images (threads take whole chunks): the input goes into zero-framed lane planes ({@link
 * LaneFrames#pack}); every 4×4 patch, tiles two pixels apart, is transformed with vector adds into
 * in[ξ][ci][tile][lane]; the sixteen products give m[ξ][co][tile][lane]; each tile's sixteen m vectors go back
 * through Aᵀ·m·A into the 2×2 pixels of the lane-layout output, which {@link LaneFrames#unpack} returns to NCHW.
 * The weights are transformed once per call. The transforms' constants (1, ½) are exact; the results differ from
 * the direct sum by rounding only (the conformance tolerance covers the transforms' few extra additions), and
 * every output is one fixed-order sum, so they do not depend on the thread count.
 */
final class WinogradConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = LaneFrames.V;
    /** Positions of the 4×4 transform. */
    private static final int XI = 16;
    /** Tiles per register tile of the products (LaneConv's pixels per tile). */
    private static final int PX = 4;
    /** Largest output plane taken (CIFAR's 32×32). */
    static final int MAX_PIXELS = 1024;
    /**
     * Bytes of transformed input per band of tiles in the forward: a chunk's planes go through the transforms and
     * the products band by band, so that the transformed input and the products stay in L2 whatever the plane (but
     * at least one register tile's four tiles). Bands of 256 KB against the 4 MB of whole tile rows before (probe
     * alternating both in one JVM, 2 threads, batch 128, medians; docs/sittings/2026-12-05-s30/AltProbe.java, kind
     * band): forward of ResNet's 16-channel 32×32 layer 2.37 → 2.04 ms, 32-channel 16×16 1.51 → 1.36, 64-channel 8×8
     * 1.18 → 1.13, VGG's 64-channel 32×32 20.6 → 17.2, 128-channel 16×16 16.0 → 14.2, 256-channel 8×8 14.0 → 12.9;
     * 128 KB and 512 KB within 3% of 256 KB.
     */
    static int bandBytes = 256 << 10;
    /**
     * Bytes of transformed input per band of tile rows in the weight gradient, whose products take a band's tiles·V
     * as their depth (so longer bands).
     */
    static int weightBandBytes = 4 << 20;
    /**
     * Floats between the positions ξ beyond their rows, forward and weight gradient: a tile's transform stores
     * sixteen vectors, one per position, and the output transform loads sixteen. With the positions a multiple of
     * 4 KB apart (16 channels × 16 tiles × 64 bytes = 16 KB) all sixteen fall into one L1 set. One cache line between
     * them, against none (probe alternating both in one JVM, 2 threads, batch 128, medians;
     * docs/sittings/2026-12-05-s30/AltProbe.java, kind pad): forward of ResNet's 16-channel 32×32 layer 2.82 → 2.31
     * ms, 32-channel 16×16 1.84 → 1.57, 64-channel 8×8 1.41 → 1.28, VGG's 64-channel 32×32 21.1 → 19.3, 128-channel
     * 16×16 16.1 → 15.3, 256- and 512-channel layers 1–2%. A line between the rows of channels as well was no
     * better, and slower from 64 channels. The weight gradient's transforms likewise (kind wpad): VGG's 128→256 and
     * 256→256 8×8 layers 9.57–9.81 → 9.12–9.19 ms and 19.4–20.6 → 18.8–19.4.
     */
    private static final int POSITION_PAD = V;

    private WinogradConv() {}

    /**
     * 3×3, stride 1, padding 1, no dilation, one group, at least V images, even plane sides with a multiple of four
     * 2×2 tiles, planes of at most {@link #MAX_PIXELS}, and at least 16 channels each way (fewer and the transforms
     * outweigh the products). The forward and the input gradient take it wherever it suits: same jar with the path
     * off and on (JMH ConvBenchmark, 2 threads, docs/BENCHMARKS.md session 23), forward 1.13–2.09× faster on
     * ResNet-32's and VGG-19's 8×8 to 32×32 layers, input gradient 1.04–2.01×; ResNet's 16-channel 32×32 layer and
     * VGG's 512-channel 4×4 even.
     */
    static boolean suits(ConvGeometry g) {
        int h = g.inH(), w = g.inW();
        return g.kernelH() == 3 && g.kernelW() == 3 && g.strideH() == 1 && g.strideW() == 1 && g.padH() == 1 && g.padW() == 1
                && g.dilationH() == 1 && g.dilationW() == 1 && g.groups() == 1 && g.batch() >= V && S.length() == V
                && h % 2 == 0 && w % 2 == 0 && (h / 2) * (w / 2) % PX == 0 && h * w <= MAX_PIXELS
                && g.inChannels() >= 16 && g.outChannels() >= 16;
    }

    /**
     * Where the weight gradient takes this path: 8×8 and 16×16 planes from 128 input channels, 32×32 planes from 64.
     * Session 23's A/B put VGG's 128→256 and 256→256 8×8 layers 1.21× and 1.67× faster than {@link TapWeights} and
     * every other layer slower (0.37–0.85×), where the products' depth per call (tiles·V per chunk) is too short for
     * the [Cin × Cout] sums they add into. With the positions a line apart ({@link #POSITION_PAD}) a probe
     * alternating both paths in one JVM (docs/sittings/2026-12-05-s30/AltProbe.java, kind path, 2 threads, batch 128,
     * medians) moved two more layers over: VGG's 128-channel 16×16 25.4–25.8 → 16.7–17.8 ms and 64-channel 32×32
     * 29.1–29.2 → 27.2–27.6. It left ResNet's 16-channel 32×32 level (2.26–2.45 against 2.22–2.31) and the rest
     * slower: 64→128 16×16 13.7 against 17.6, ResNet's 32-channel 16×16 and 64-channel 8×8, VGG's 4×4 layers.
     */
    static boolean winsWeight(ConvGeometry g) {
        int hw = g.inH() * g.inW(), cin = g.inChannels();
        return (hw == 64 || hw == 256) && cin >= 128 || hw == 1024 && cin >= 64;
    }

    /** y = conv(x, w) + bias for a geometry that {@link #suits}. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.inChannels(), m = g.outChannels(), h = g.inH(), wd = g.inW(), hw = h * wd;
        int th = h / 2, tw = wd / 2, fh = h + 2, fw = wd + 2;
        int[] blocks = LaneConv.channelBlocks(m);
        int rows = blocks[blocks.length - 1], tiles = th * tw, bandTiles = bandTiles(tiles, cin);
        // U[ξ] = (G·g·Gᵀ)[ξ] for every (co, ci), as [ξ][block][ci][block width]: LaneConv's packed weights per ξ.
        float[] u = Scratch.get().floats(Scratch.PACK_B, XI * rows * cin);
        transformWeights(w, cin, m, blocks, u);
        // The products' inputs: in[ξ][ci] is one row of a band's tiles·V floats, rows rs apart, positions ixs apart;
        // their outputs prod[ξ][co] likewise, positions pxs apart.
        int rs = bandTiles * V, ixs = cin * rs + POSITION_PAD, pxs = rows * rs + POSITION_PAD;
        int[] delta = new int[cin];
        for (int ci = 0; ci < cin; ci++) delta[ci] = ci * rs;
        int chunks = (g.batch() + V - 1) / V, frames = cin * fh * fw * V;
        int inSize = XI * ixs, prodSize = XI * pxs, accSize = rows * hw * V;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            Scratch s = Scratch.get();
            float[] buf = s.floats(Scratch.COLUMNS, frames + Aligned.SLACK);
            float[] in = s.floats(Scratch.PARTIAL, inSize + Aligned.SLACK);
            float[] prod = s.floats(Scratch.PACK_A, prodSize + Aligned.SLACK);
            float[] acc = s.floats(Scratch.MISC, accSize + Aligned.SLACK);
            float[] tmp = s.floats(Scratch.TILE, hw * V);
            int b0 = Aligned.offset(buf), i0 = Aligned.offset(in), p0 = Aligned.offset(prod), a0 = Aligned.offset(acc);
            for (int c = c0; c < c1; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(x, cin, h, wd, 1, 1, fh, fw, n0, lanes, buf, b0, tmp);
                for (int t0 = 0; t0 < tiles; t0 += bandTiles) {
                    int t1 = Math.min(tiles, t0 + bandTiles);  // tiles numbered row by row
                    for (int ci = 0; ci < cin; ci++) {
                        transformInput(buf, b0 + ci * fh * fw * V, fw, t0, t1, tw, in, i0 + ci * rs, ixs);
                    }
                    for (int xi = 0; xi < XI; xi++) {
                        for (int b = 0; b + 1 < blocks.length; b++) {
                            int ch = blocks[b], width = blocks[b + 1] - ch;
                            for (int t = 0; t < t1 - t0; t += PX) {
                                LaneConv.tile(width, cin, u, (xi * rows + ch) * cin, delta, in, i0 + xi * ixs + t * V, V,
                                        prod, p0 + xi * pxs + ch * rs + t * V, rs, V);
                            }
                        }
                    }
                    for (int co = 0; co < m; co++) {
                        transformOutput(prod, p0 + co * rs, pxs, t0, t1, tw, acc, a0 + co * hw * V, wd, bias == null ? 0f : bias[co]);
                    }
                }
                LaneFrames.unpack(acc, a0, m, hw, lanes, y, n0, false);
            }
        });
    }

    /**
     * dw = Σ over the batch of the weight gradient (overwritten) for a geometry that {@link #suits}, through the same
     * transforms: with Y = Aᵀ[U ⊙ D]A per tile, dU = Σ over tiles and images of (A·dY·Aᵀ) ⊙ D and dw = Gᵀ·dU·G. For
     * each position ξ the sum is one product [Cin × tiles·V]·[tiles·V × Cout] of the transformed input and the
     * transformed output gradient, both in the lane layout (the lanes are images, so the reduction runs over them
     * too), computed by {@link Sgemm}. Threads take contiguous shares of the chunks, each summing into its own dU, and
     * the shares are added in order: the result depends only on the thread count.
     */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        int cin = g.inChannels(), m = g.outChannels(), h = g.inH(), wd = g.inW(), hw = h * wd;
        int th = h / 2, tw = wd / 2, fh = h + 2, fw = wd + 2;
        int band = bandRows(th, tw, Math.max(cin, m)), bandTiles = band * tw, k = bandTiles * V;
        int chunks = (g.batch() + V - 1) / V, parts = Math.max(1, Math.min(Parallel.threads(), chunks));
        int size = XI * cin * m, ixs = cin * k + POSITION_PAD, oxs = m * k + POSITION_PAD;
        float[][] du = new float[parts][];
        Parallel.forEach(parts, part -> {
            Scratch s = Scratch.get();
            float[] buf = s.floats(Scratch.COLUMNS, cin * fh * fw * V + Aligned.SLACK);
            float[] grad = s.floats(Scratch.MISC, m * hw * V + Aligned.SLACK);
            float[] in = s.floats(Scratch.PARTIAL, XI * ixs + Aligned.SLACK);
            // Not PACK_A, PACK_B or TILE: Sgemm packs into those.
            float[] out = s.floats(Scratch.WEIGHTS, XI * oxs + Aligned.SLACK);
            float[] tmp = s.floats(Scratch.TILE, hw * V);
            float[] sum = du[part] = new float[size];
            int b0 = Aligned.offset(buf), d0 = Aligned.offset(grad), i0 = Aligned.offset(in), o0 = Aligned.offset(out);
            boolean first = true;
            for (int c = (int) ((long) chunks * part / parts), end = (int) ((long) chunks * (part + 1) / parts); c < end; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                LaneFrames.pack(x, cin, h, wd, 1, 1, fh, fw, n0, lanes, buf, b0, tmp);
                LaneFrames.pack(dy, m, h, wd, 0, 0, h, wd, n0, lanes, grad, d0, tmp);
                for (int ty0 = 0; ty0 < th; ty0 += band) {
                    for (int ci = 0; ci < cin; ci++) transformInput(buf, b0 + ci * fh * fw * V, fw, ty0 * tw, (ty0 + band) * tw, tw, in, i0 + ci * k, ixs);
                    for (int co = 0; co < m; co++) transformGradient(grad, d0 + co * hw * V, wd, ty0, ty0 + band, tw, out, o0 + co * k, oxs);
                    for (int xi = 0; xi < XI; xi++) {
                        Sgemm.gemm(false, true, cin, m, k, 1f, in, i0 + xi * ixs, k, out, o0 + xi * oxs, k,
                                first ? 0f : 1f, sum, xi * cin * m, m);
                    }
                    first = false;
                }
            }
        });
        for (int p = 1; p < parts; p++) Elementwise.addInto(size, du[p], 0, du[0], 0);
        float[] u = du[0], t = new float[12];
        for (int co = 0; co < m; co++) {
            for (int ci = 0; ci < cin; ci++) {
                // t = Gᵀ·dU (3×4), then dw = t·G (3×3); Gᵀ's rows: (1, ½, ½, 0), (0, ½, −½, 0), (0, ½, ½, 1).
                for (int col = 0; col < 4; col++) {
                    float u0 = u[(col * cin + ci) * m + co], u1 = u[((4 + col) * cin + ci) * m + co];
                    float u2 = u[((8 + col) * cin + ci) * m + co], u3 = u[((12 + col) * cin + ci) * m + co];
                    t[col] = u0 + 0.5f * (u1 + u2);
                    t[4 + col] = 0.5f * (u1 - u2);
                    t[8 + col] = 0.5f * (u1 + u2) + u3;
                }
                int o = (co * cin + ci) * 9;
                for (int row = 0; row < 3; row++) {
                    float u0 = t[row * 4], u1 = t[row * 4 + 1], u2 = t[row * 4 + 2], u3 = t[row * 4 + 3];
                    dw[o + row * 3] = u0 + 0.5f * (u1 + u2);
                    dw[o + row * 3 + 1] = 0.5f * (u1 - u2);
                    dw[o + row * 3 + 2] = 0.5f * (u1 + u2) + u3;
                }
            }
        }
    }

    /**
     * For every tile of tile rows [ty0, ty1) of one output channel's lane plane of dY (at d, rows of w pixels): its
     * 2×2 pixels through A·dY·Aᵀ, A = [[1, 0], [1, 1], [1, −1], [0, −1]], position ξ to out[o + ξ·xs + tile·V], the
     * tiles numbered from the band's first.
     */
    private static void transformGradient(float[] grad, int d, int w, int ty0, int ty1, int tw, float[] out, int o, int xs) {
        for (int ty = ty0; ty < ty1; ty++) {
            for (int tx = 0; tx < tw; tx++) {
                int p = d + (2 * ty * w + 2 * tx) * V, q = o + ((ty - ty0) * tw + tx) * V;
                FloatVector y00 = FloatVector.fromArray(S, grad, p), y01 = FloatVector.fromArray(S, grad, p + V);
                FloatVector y10 = FloatVector.fromArray(S, grad, p + w * V), y11 = FloatVector.fromArray(S, grad, p + w * V + V);
                // Rows of dY·Aᵀ: (y0, y0 + y1, y0 − y1, −y1); then A on the left: (r0, r0 + r1, r0 − r1, −r1).
                FloatVector a0 = y00, a1 = y00.add(y01), a2 = y00.sub(y01), a3 = y01.neg();
                FloatVector b0 = y10, b1 = y10.add(y11), b2 = y10.sub(y11), b3 = y11.neg();
                a0.intoArray(out, q);                 a1.intoArray(out, q + xs);
                a2.intoArray(out, q + 2 * xs);        a3.intoArray(out, q + 3 * xs);
                a0.add(b0).intoArray(out, q + 4 * xs); a1.add(b1).intoArray(out, q + 5 * xs);
                a2.add(b2).intoArray(out, q + 6 * xs); a3.add(b3).intoArray(out, q + 7 * xs);
                a0.sub(b0).intoArray(out, q + 8 * xs); a1.sub(b1).intoArray(out, q + 9 * xs);
                a2.sub(b2).intoArray(out, q + 10 * xs); a3.sub(b3).intoArray(out, q + 11 * xs);
                b0.neg().intoArray(out, q + 12 * xs);  b1.neg().intoArray(out, q + 13 * xs);
                b2.neg().intoArray(out, q + 14 * xs);  b3.neg().intoArray(out, q + 15 * xs);
            }
        }
    }

    /**
     * Tiles per band of the forward: the most whose transformed input (Cin·16 vectors a tile) stays within {@link
     * #bandBytes}, a multiple of the register tile's four and at least four. The last band of a plane may be shorter
     * (the planes' tiles are a multiple of four).
     */
    static int bandTiles(int tiles, int cin) {
        int most = (int) Math.min(tiles, bandBytes / ((long) XI * cin * V * Float.BYTES));
        return Math.max(PX, most / PX * PX);
    }

    /**
     * Tile rows per band of the weight gradient: the most that divide the th rows of tiles, keep the band's tiles a
     * multiple of four, and keep its transformed input within {@link #weightBandBytes}; the fewest that do the first
     * two when none is that small.
     */
    static int bandRows(int th, int tw, int cin) {
        int fewest = th;
        for (int r = th; r >= 1; r--) {
            if (th % r != 0 || r * tw % PX != 0) continue;
            if ((long) XI * cin * r * tw * V * Float.BYTES <= weightBandBytes) return r;
            fewest = r;
        }
        return fewest;
    }

    /**
     * u[(ξ·rows + c0)·cin + ci·width + r] = (G·g·Gᵀ)[ξ] for g = w[c0 + r][ci] (zero past Cout), G = [[1, 0, 0], [½, ½,
     * ½], [½, −½, ½], [0, 0, 1]]: each block of output channels' transformed weights in the order its tiles read them.
     * The threads take blocks (VGG's 512×512 weights are 262,144 small transforms a call).
     */
    private static void transformWeights(float[] w, int cin, int m, int[] blocks, float[] u) {
        Parallel.forRange(blocks.length - 1, 1, (b0, b1) -> transformWeights(w, cin, m, blocks, b0, b1, u));
    }

    /** Input channels per step of {@link #transformWeights}: 64 channels of a six-channel block are 24 KB of transforms. */
    private static final int WEIGHT_STEP = 64;

    /**
     * The block's (ci, r) pairs of WEIGHT_STEP input channels at a time: each pair's sixteen values go to a small
     * buffer side by side, and {@link TileTranspose} turns them into sixteen runs of consecutive entries, one per
     * position. Written straight to u, every pair's sixteen stores went to sixteen places rows·cin apart (1 MB at 512
     * channels) and the transforms took a third of VGG's 512-channel 4×4 forward (perf, 2 threads; a probe put
     * 512×512 pairs at 11 ms on one thread against 3.3 ms for the same values written side by side).
     */
    private static void transformWeights(float[] w, int cin, int m, int[] blocks, int b0, int b1, float[] u) {
        int rows = blocks[blocks.length - 1], xs = rows * cin, tv = TileTranspose.V;
        int widest = 0;
        for (int b = b0; b < b1; b++) widest = Math.max(widest, blocks[b + 1] - blocks[b]);
        float[] buf = new float[WEIGHT_STEP * widest * XI];
        for (int b = b0; b < b1; b++) {
            int ch = blocks[b], width = blocks[b + 1] - ch;
            for (int ci0 = 0; ci0 < cin; ci0 += WEIGHT_STEP) {
                int n = Math.min(WEIGHT_STEP, cin - ci0), pairs = n * width;
                for (int k = 0; k < pairs; k++) {
                    int co = ch + k % width, q = k * XI;
                    if (co >= m) {
                        java.util.Arrays.fill(buf, q, q + XI, 0f);
                        continue;
                    }
                    int o = (co * cin + ci0 + k / width) * 9;
                    float g00 = w[o], g01 = w[o + 1], g02 = w[o + 2], g10 = w[o + 3], g11 = w[o + 4], g12 = w[o + 5];
                    float g20 = w[o + 6], g21 = w[o + 7], g22 = w[o + 8];
                    // t = G·g (4×3): rows g0, ½(g0 + g1 + g2), ½(g0 − g1 + g2), g2.
                    float t10 = 0.5f * (g00 + g10 + g20), t11 = 0.5f * (g01 + g11 + g21), t12 = 0.5f * (g02 + g12 + g22);
                    float t20 = 0.5f * (g00 - g10 + g20), t21 = 0.5f * (g01 - g11 + g21), t22 = 0.5f * (g02 - g12 + g22);
                    // v = t·Gᵀ (4×4), row by row.
                    gRow(buf, q, g00, g01, g02);
                    gRow(buf, q + 4, t10, t11, t12);
                    gRow(buf, q + 8, t20, t21, t22);
                    gRow(buf, q + 12, g20, g21, g22);
                }
                // u[ξ·xs + ch·cin + ci·width + r] = buf[pair·16 + ξ], pair = (ci − ci0)·width + r.
                int base = ch * cin + ci0 * width;
                for (int x0 = 0; x0 < XI; x0 += tv) {
                    for (int k0 = 0; k0 < pairs; k0 += tv) {
                        TileTranspose.block(buf, k0 * XI + x0, XI, Math.min(tv, pairs - k0), Math.min(tv, XI - x0), u, base + k0 + x0 * xs, xs);
                    }
                }
            }
        }
    }

    /** One row of t·Gᵀ: buf[q..q+3] = (t0, ½(t0 + t1 + t2), ½(t0 − t1 + t2), t2). */
    private static void gRow(float[] buf, int q, float t0, float t1, float t2) {
        buf[q] = t0;
        buf[q + 1] = 0.5f * (t0 + t1 + t2);
        buf[q + 2] = 0.5f * (t0 - t1 + t2);
        buf[q + 3] = t2;
    }

    /**
     * For every tile t = ty·tw + tx in [t0, t1) (tiles numbered row by row) of one channel's framed lane plane (at f,
     * rows fw·V apart): the 4×4 patch at frame row 2ty, column 2tx through Bᵀ·d·B, B = [[1, 0, 0, 0], [0, 1, −1, 1],
     * [−1, 1, 1, 0], [0, 0, 0, −1]], position ξ to in[o + ξ·xs + (t − t0)·V].
     */
    private static void transformInput(float[] buf, int f, int fw, int t0, int t1, int tw, float[] in, int o, int xs) {
        int rs = fw * V;
        for (int t = t0; t < t1; t++) {
            int ty = t / tw, tx = t - ty * tw;
            int p = f + 2 * ty * rs + 2 * tx * V, q = o + (t - t0) * V;
            // Columns first: row r of d·B is (d0 − d2, d1 + d2, d2 − d1, d1 − d3) of row r of d.
            FloatVector r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
            {
                FloatVector d0 = FloatVector.fromArray(S, buf, p), d1 = FloatVector.fromArray(S, buf, p + V);
                FloatVector d2 = FloatVector.fromArray(S, buf, p + 2 * V), d3 = FloatVector.fromArray(S, buf, p + 3 * V);
                r00 = d0.sub(d2); r01 = d1.add(d2); r02 = d2.sub(d1); r03 = d1.sub(d3);
            }
            {
                int pr = p + rs;
                FloatVector d0 = FloatVector.fromArray(S, buf, pr), d1 = FloatVector.fromArray(S, buf, pr + V);
                FloatVector d2 = FloatVector.fromArray(S, buf, pr + 2 * V), d3 = FloatVector.fromArray(S, buf, pr + 3 * V);
                r10 = d0.sub(d2); r11 = d1.add(d2); r12 = d2.sub(d1); r13 = d1.sub(d3);
            }
            {
                int pr = p + 2 * rs;
                FloatVector d0 = FloatVector.fromArray(S, buf, pr), d1 = FloatVector.fromArray(S, buf, pr + V);
                FloatVector d2 = FloatVector.fromArray(S, buf, pr + 2 * V), d3 = FloatVector.fromArray(S, buf, pr + 3 * V);
                r20 = d0.sub(d2); r21 = d1.add(d2); r22 = d2.sub(d1); r23 = d1.sub(d3);
            }
            {
                int pr = p + 3 * rs;
                FloatVector d0 = FloatVector.fromArray(S, buf, pr), d1 = FloatVector.fromArray(S, buf, pr + V);
                FloatVector d2 = FloatVector.fromArray(S, buf, pr + 2 * V), d3 = FloatVector.fromArray(S, buf, pr + 3 * V);
                r30 = d0.sub(d2); r31 = d1.add(d2); r32 = d2.sub(d1); r33 = d1.sub(d3);
            }
            // Then rows: Bᵀ·(d·B) takes (row0 − row2, row1 + row2, row2 − row1, row1 − row3).
            r00.sub(r20).intoArray(in, q);              r01.sub(r21).intoArray(in, q + xs);
            r02.sub(r22).intoArray(in, q + 2 * xs);     r03.sub(r23).intoArray(in, q + 3 * xs);
            r10.add(r20).intoArray(in, q + 4 * xs);     r11.add(r21).intoArray(in, q + 5 * xs);
            r12.add(r22).intoArray(in, q + 6 * xs);     r13.add(r23).intoArray(in, q + 7 * xs);
            r20.sub(r10).intoArray(in, q + 8 * xs);     r21.sub(r11).intoArray(in, q + 9 * xs);
            r22.sub(r12).intoArray(in, q + 10 * xs);    r23.sub(r13).intoArray(in, q + 11 * xs);
            r10.sub(r30).intoArray(in, q + 12 * xs);    r11.sub(r31).intoArray(in, q + 13 * xs);
            r12.sub(r32).intoArray(in, q + 14 * xs);    r13.sub(r33).intoArray(in, q + 15 * xs);
        }
    }

    /**
     * For every tile t = ty·tw + tx in [t0, t1) of one output channel: its sixteen products (position ξ at pr + ξ·xs +
     * (t − t0)·V) through Aᵀ·m·A, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], into the
     * tile's 2×2 pixels of the lane-layout plane at a (rows of w pixels), plus the channel's bias (here rather than
     * in a pass over y afterwards: compiled inference folds batch norm into every convolution's bias).
     */
    private static void transformOutput(float[] prod, int pr, int xs, int t0, int t1, int tw, float[] acc, int a, int w, float bias) {
        FloatVector b = FloatVector.broadcast(S, bias);
        for (int t = t0; t < t1; t++) {
            int ty = t / tw, tx = t - ty * tw;
            int q = pr + (t - t0) * V;
            // Rows of m·A: (m0 + m1 + m2, m1 − m2 − m3) of each row of m.
            FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
            {
                FloatVector m0 = FloatVector.fromArray(S, prod, q), m1 = FloatVector.fromArray(S, prod, q + xs);
                FloatVector m2 = FloatVector.fromArray(S, prod, q + 2 * xs), m3 = FloatVector.fromArray(S, prod, q + 3 * xs);
                s00 = m0.add(m1).add(m2); s01 = m1.sub(m2).sub(m3);
            }
            {
                FloatVector m0 = FloatVector.fromArray(S, prod, q + 4 * xs), m1 = FloatVector.fromArray(S, prod, q + 5 * xs);
                FloatVector m2 = FloatVector.fromArray(S, prod, q + 6 * xs), m3 = FloatVector.fromArray(S, prod, q + 7 * xs);
                s10 = m0.add(m1).add(m2); s11 = m1.sub(m2).sub(m3);
            }
            {
                FloatVector m0 = FloatVector.fromArray(S, prod, q + 8 * xs), m1 = FloatVector.fromArray(S, prod, q + 9 * xs);
                FloatVector m2 = FloatVector.fromArray(S, prod, q + 10 * xs), m3 = FloatVector.fromArray(S, prod, q + 11 * xs);
                s20 = m0.add(m1).add(m2); s21 = m1.sub(m2).sub(m3);
            }
            {
                FloatVector m0 = FloatVector.fromArray(S, prod, q + 12 * xs), m1 = FloatVector.fromArray(S, prod, q + 13 * xs);
                FloatVector m2 = FloatVector.fromArray(S, prod, q + 14 * xs), m3 = FloatVector.fromArray(S, prod, q + 15 * xs);
                s30 = m0.add(m1).add(m2); s31 = m1.sub(m2).sub(m3);
            }
            // Then Aᵀ on the left: row 0 = s0 + s1 + s2, row 1 = s1 − s2 − s3.
            int o = a + (2 * ty * w + 2 * tx) * V;
            s00.add(s10).add(s20).add(b).intoArray(acc, o);
            s01.add(s11).add(s21).add(b).intoArray(acc, o + V);
            s10.sub(s20).sub(s30).add(b).intoArray(acc, o + w * V);
            s11.sub(s21).sub(s31).add(b).intoArray(acc, o + w * V + V);
        }
    }
}
