package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.sparse.ShiftedSum;

import java.util.Arrays;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

/**
 * Depthwise convolution (groups == in == out channels), one image plane at a time,
 * with every tap one constant shift over a flat plane so the whole output is summed in
 * vector registers:
 * <ul>
 * <li>forward: the input plane is zero-padded and split into sh·sw phase planes,
 *     P[a, b][i][j] = x[sh·i + a − ph][sw·j + b − pw] (one phase for stride 1), all with
 *     row stride PW = OW + dw(kw − 1)/sw. Output (oy, ox) then reads tap (ky, kx) at
 *     offset(ky, kx) + oy·PW + ox: the output, laid out with row stride PW, is
 *     Σ_t w[t]·P[offset_t + f] over one flat index f, eight vectors at a time, and its
 *     real columns (ox &lt; OW) are copied out. Strided layers read contiguous vectors
 *     too, instead of a scalar loop over every other input column;
 * <li>backward-data: dY is spread onto a zero plane at stride (sh, sw) and padded by
 *     d(k − 1) − p (the transposed convolution), then summed the same way with the taps
 *     flipped, at output stride 1. For strided layers this multiplies sh·sw times as many
 *     zeros as values, in vectors, where a scatter would be scalar;
 * <li>backward-weight: dw[c][t] = Σ over images and f of dY[f]·P[offset_t + f], with dY
 *     laid out at row stride PW and zero at the junk columns; lanes summed in a fixed
 *     order, images summed in doubles per fixed image chunk ({@link ImageChunks}).
 * </ul>
 * The junk columns cost (PW − OW)/OW extra work (2/112 to 2/7 for 3x3 layers). Planes run
 * in parallel; the weight gradient runs image chunks (or, on small batches, channels) in
 * parallel, and its results do not depend on the thread count.
 */
final class DepthwiseConv {
    private DepthwiseConv() {}

    /** Output vectors summed together per tap (ShiftedSum.row8): enough independent FMA chains to cover the latency. */
    private static final int BLOCK = ShiftedSum.WIDE;

    /**
     * The plane layout: phases = sh·sw planes of rows × width floats (width = output row
     * stride), size = floats including the slack that the junk columns of the last row,
     * rounded up to whole vectors, may read. The forward one is {@link PhaseLayout} for one
     * image, whose tap offsets it uses.
     */
    private record Layout(int phases, int rows, int width, int size, PhaseLayout phase) {
        /** Output floats computed for outRows rows: whole vectors, so no scalar tail. */
        int length(int outRows) {
            return (outRows * width + L - 1) / L * L;
        }

        static Layout forward(ConvGeometry g) {
            PhaseLayout ph = PhaseLayout.of(g, 1);
            return new Layout(g.strideH() * g.strideW(), ph.rows(), ph.width(), ph.planeLen(), ph);
        }

        /** The layout of backward-data: dY dilated and padded, read at stride 1 over an input-sized output. */
        static Layout backward(ConvGeometry g) {
            int rows = g.inH() + g.dilationH() * (g.kernelH() - 1);
            int width = g.inW() + g.dilationW() * (g.kernelW() - 1);
            return new Layout(1, rows, width, rows * width + width + L, null);
        }

        /** offsets[t] for the taps of a forward layout, in the weight's (ky, kx) order. */
        void forwardOffsets(ConvGeometry g, int[] offsets) {
            phase.tapRows(1, g.kernelH(), g.kernelW(), offsets);
        }

        /** offsets[t] for backward-data: weight tap (ky, kx) reads the flipped position. */
        void backwardOffsets(ConvGeometry g, int[] offsets) {
            int kh = g.kernelH(), kw = g.kernelW();
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++)
                    offsets[ky * kw + kx] = (kh - 1 - ky) * g.dilationH() * width + (kw - 1 - kx) * g.dilationW();
        }
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        sumPlanes(g, Layout.forward(g), false, x, w, bias, y);
    }

    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        if (byPhases(g)) backwardDataByPhases(g, dy, w, dx);
        else sumPlanes(g, Layout.backward(g), true, dy, w, null, dx);
    }

    /** Whether backward-data runs by stride phases ({@link #backwardDataByPhases}): 3×3, stride 2, padding 1, undilated. */
    static boolean byPhases(ConvGeometry g) {
        return g.strideH() == 2 && g.strideW() == 2 && g.kernelH() == 3 && g.kernelW() == 3 && g.padH() == 1
                && g.padW() == 1 && g.dilationH() == 1 && g.dilationW() == 1;
    }

    /**
     * Backward-data of a 3×3 stride-2 layer with padding 1 by the four stride phases of dx, the transposed convolution
     * split the way the forward splits its input: dx[2u + r − 1][2v + c − 1] = Σ w[ky][kx]·dY[u + (r − ky)/2][v + (c − kx)/2]
     * over the taps with ky ≡ r, kx ≡ c (mod 2): 4, 2, 2 and 1 of them. dY is laid out once per plane with a zero border
     * (Q[i + 1][j + 1] = dY[i][j], row stride W = OW + 2), each phase is one shifted sum over Q at row stride W, and dx's
     * rows interleave two phases' rows. The spread layout ({@link #packDilated}) summed all nine taps over every dx
     * position, three quarters of them reading the zeros between dY's values. In one JVM alternating with that
     * (FlagProbe, session 27, batch 64): 112×112 1.50×, 56×56 1.08×; the 112×112 layer is then bound by writing dx
     * (205 MB, 74% of its samples in the row copies and interleaves).
     */
    private static void backwardDataByPhases(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int h = g.inH(), wd = g.inW(), oh = g.outH(), ow = g.outW(), ch = g.inChannels();
        int width = ow + 2, qSize = (oh + 3) * width + 2 * L;
        // Phase rows u in [0, h/2] cover every dx row 2u + r − 1 in [0, h); columns likewise.
        int phaseLen = ((h / 2 + 1) * width + L - 1) / L * L;
        Parallel.forRange(g.batch() * ch, minPlanes(g), (from, to) -> {
            Scratch s = Scratch.get();
            float[] q = s.floats(Scratch.COLUMNS, qSize);
            float[] out = s.floats(Scratch.MISC, 4 * phaseLen + 2 * L); // the interleave may read a vector past the last phase
            float[] taps = s.floats(Scratch.TILE, 9);
            int[] offsets = s.ints(9);
            // Entries in phase order (r, c) = (0, 0), (0, 1), (1, 0), (1, 1); phase k's taps are [start[k], start[k + 1]).
            int[] start = {0, 4, 6, 8, 9};
            int e = 0;
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 2; c++)
                    for (int ky = r; ky < 3; ky += 2)
                        for (int kx = c; kx < 3; kx += 2)
                            offsets[e++] = (1 + (r - ky) / 2) * width + 1 + (c - kx) / 2;
            Arrays.fill(q, 0, qSize, 0f);
            for (int plane = from; plane < to; plane++) {
                int c0 = plane % ch, src = plane * oh * ow;
                for (int i = 0; i < oh; i++) RowCopy.copy(dy, src + i * ow, q, (i + 1) * width + 1, ow);
                e = 0;
                for (int r = 0; r < 2; r++)
                    for (int c = 0; c < 2; c++)
                        for (int ky = r; ky < 3; ky += 2)
                            for (int kx = c; kx < 3; kx += 2) taps[e++] = w[c0 * 9 + ky * 3 + kx];
                for (int k = 0; k < 4; k++) sumTaps(q, offsets, start[k], start[k + 1], taps, 0f, out, k * phaseLen, phaseLen);
                // dx row iy = 2u + r − 1: even columns 2j from phase (r, 1) at v = j, odd ones 2j + 1 from (r, 0) at v = j + 1.
                int dst = plane * h * wd;
                for (int iy = 0; iy < h; iy++) {
                    int r = (iy + 1) & 1, u = (iy + 1) >> 1;
                    RowCopy.interleave(out, (2 * r + 1) * phaseLen + u * width, 2 * r * phaseLen + u * width + 1, dx, dst + iy * wd, wd);
                }
            }
        });
    }


    /** Forward (src = x, dst = y) or, when adjoint, backward-data (src = dY, dst = dx), plane by plane. */
    private static void sumPlanes(ConvGeometry g, Layout lay, boolean adjoint, float[] src, float[] w, float[] bias, float[] dst) {
        int planes = g.batch() * g.inChannels(), kk = g.kernelH() * g.kernelW();
        int srcPlane = adjoint ? g.outH() * g.outW() : g.inH() * g.inW();
        int outH = adjoint ? g.inH() : g.outH(), outW = adjoint ? g.inW() : g.outW(), len = lay.length(outH);
        Parallel.forRange(planes, minPlanes(g), (from, to) -> {
            Scratch s = Scratch.get();
            float[] p = s.floats(Scratch.COLUMNS, lay.size());
            float[] out = s.floats(Scratch.MISC, len);
            float[] taps = s.floats(Scratch.TILE, kk);
            int[] offsets = s.ints(kk);
            if (adjoint) lay.backwardOffsets(g, offsets);
            else lay.forwardOffsets(g, offsets);
            // Every plane of the range writes the same positions of p, so its zeros are written once.
            boolean valuesOnly = adjoint || valuesOnly(g);
            if (valuesOnly) Arrays.fill(p, 0, lay.size(), 0f);
            for (int plane = from; plane < to; plane++) {
                int c = plane % g.inChannels();
                if (adjoint) packDilated(g, lay, src, plane * srcPlane, p);
                else if (valuesOnly) packPhaseValues(g, lay, src, plane * srcPlane, p);
                else packPhases(g, lay, src, plane * srcPlane, p);
                System.arraycopy(w, c * kk, taps, 0, kk);
                sumTaps(p, offsets, 0, kk, taps, bias == null ? 0f : bias[c], out, 0, len);
                copyRows(out, lay.width(), dst, plane * outH * outW, outW, outH);
            }
        });
    }

    /**
     * dw[c][t] = Σ over images of the plane sums {@link PlaneSums#add}, in fixed image chunks ({@link ImageChunks}): on a
     * batch the threads take chunks of images and go through their planes in memory order. Each thread summing its
     * channels over every image jumped a whole image (1.6 MB at 128 channels of 56×56) from plane to plane, so x and dY
     * were read 12 KB at a time without the prefetcher's help: 56×56 batch 64 1.56× in one JVM (FlagProbe).
     */
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        Layout lay = Layout.forward(g);
        int ch = g.inChannels(), kk = g.kernelH() * g.kernelW();
        ImageChunks.run(g.batch(), ch, ch * kk, () -> {
            PlaneSums sums = new PlaneSums(g, lay);
            return (n, c, buf, base) -> sums.add(x, dy, n * ch + c, buf, base + c * kk);
        }, (c, partial) -> {
            for (int t = 0; t < kk; t++) dw[c * kk + t] = (float) partial.total(c * kk + t);
        });
    }

    /**
     * One thread's weight-gradient work on single planes: x's plane laid out as the forward's phases (P), dY's spread
     * at P's row stride with zeros at the junk columns, and their kk tap dot products.
     */
    private static final class PlaneSums {
        private final ConvGeometry g;
        private final Layout lay;
        private final float[] p, grad, lanes;
        private final int[] offsets;
        private final int len, kk;
        private final boolean valuesOnly;

        PlaneSums(ConvGeometry g, Layout lay) {
            this.g = g;
            this.lay = lay;
            kk = g.kernelH() * g.kernelW();
            len = lay.length(g.outH());
            Scratch s = Scratch.get();
            p = s.floats(Scratch.COLUMNS, lay.size());
            grad = s.floats(Scratch.MISC, len);
            lanes = s.floats(Scratch.TILE, 9 * L);
            offsets = s.ints(kk);
            lay.forwardOffsets(g, offsets);
            valuesOnly = valuesOnly(g);
            // Every plane writes the same positions of p and grad, so their zeros are written once.
            if (valuesOnly) Arrays.fill(p, 0, lay.size(), 0f);
            Arrays.fill(grad, 0, len, 0f);
        }

        /** sums[at + t] += Σ_f dY[f]·P[offset_t + f] over one plane (a float sum per tap, in a fixed order). */
        void add(float[] x, float[] dy, int plane, double[] sums, int at) {
            if (valuesOnly) packPhaseValues(g, lay, x, plane * g.inH() * g.inW(), p);
            else packPhases(g, lay, x, plane * g.inH() * g.inW(), p);
            spreadRows(dy, plane * g.outH() * g.outW(), g.outW(), g.outH(), grad, lay.width());
            if (kk == 9) dot9(len, grad, p, offsets, sums, at, lanes);
            else for (int t = 0; t < kk; t++) sums[at + t] += dot(len, grad, p, offsets[t], lanes);
        }
    }

    /** At least this many planes per parallel chunk, so a chunk holds ~16K multiply-adds. */
    private static int minPlanes(ConvGeometry g) {
        int work = g.outH() * g.outW() * g.kernelH() * g.kernelW();
        return Math.max(1, 16384 / Math.max(1, work));
    }

    /**
     * Whether planes are packed by writing their values only, into a buffer zeroed once per thread
     * ({@link PhaseLayout#packPlaneValues}): everywhere except column-stride-2 rows of three vectors or more on
     * layers strided 1 vertically, whose whole-vector de-interleave ({@link #packPhases}) writes junk past the row
     * that the row's zero fill then covers. On 7×7 and 14×14 planes the per-row fill and copy calls took most of the
     * time; stride 2 on both axes de-interleaves each row into both column phases at once (packPlaneValues).
     */
    private static boolean valuesOnly(ConvGeometry g) {
        return g.strideH() == 2 && g.strideW() == 2 || !(g.strideW() == 2 && g.inW() >= 3 * L);
    }

    /** The plane's values into a layout whose padding is already zero (see {@link #valuesOnly}). */
    private static void packPhaseValues(ConvGeometry g, Layout lay, float[] x, int xOff, float[] p) {
        int rows = lay.rows(), width = lay.width();
        PhaseLayout.packPlaneValues(x, xOff, g.inH(), g.inW(), g.strideH(), g.strideW(), g.padH(), g.padW(),
                rows, width, rows * width, p, 0);
    }

    /** p = the plane of x at xOff, zero-padded and split into stride phases (see the class comment). */
    private static void packPhases(ConvGeometry g, Layout lay, float[] x, int xOff, float[] p) {
        int rows = lay.rows(), width = lay.width();
        PhaseLayout.packPlane(x, xOff, g.inH(), g.inW(), g.strideH(), g.strideW(), g.padH(), g.padW(),
                rows, width, rows * width, p, 0);
        // Junk columns read at most width + L floats past the phases (the layout has more slack).
        int end = lay.phases() * rows * width;
        Arrays.fill(p, end, Math.min(lay.size(), end + width + L), 0f);
    }

    /**
     * p = the plane of dY at dyOff spread at stride (sh, sw) and offset by d(k − 1) − p on
     * each axis, zero elsewhere: dx[iy][ix] = Σ w[ky][kx]·p[iy + dh(kh−1−ky)][ix + dw(kw−1−kx)].
     * Writes the same positions for every plane of a geometry; the caller zeroes p once.
     */
    private static void packDilated(ConvGeometry g, Layout lay, float[] dy, int dyOff, float[] p) {
        int oh = g.outH(), ow = g.outW(), sh = g.strideH(), sw = g.strideW(), width = lay.width(), rows = lay.rows();
        int top = g.dilationH() * (g.kernelH() - 1) - g.padH(), left = g.dilationW() * (g.kernelW() - 1) - g.padW();
        // Only positions inside the plane matter: a dY element spread outside it reaches no dx element.
        int ox0 = Math.max(0, PhaseLayout.ceilDiv(-left, sw)), ox1 = Math.min(ow, PhaseLayout.ceilDiv(width - left, sw));
        for (int oy = 0; oy < oh; oy++) {
            int r = top + sh * oy;
            if (r < 0 || r >= rows || ox0 >= ox1) continue;
            int row = r * width + left, src = dyOff + oy * ow;
            if (sw == 1) RowCopy.copy(dy, src + ox0, p, row + ox0, ox1 - ox0);
            else RowCopy.scatter(dy, src + ox0, p, row + sw * ox0, sw, ox1 - ox0);
        }
    }

    /**
     * out[o + f] = bias + Σ_{t in [t0, t1)} w[t]·p[offsets[t] + f] for f in [0, len), taps in order: the sparse
     * kernels' shifted-sum tiles (eight, four, then one vector of outputs per pass) with the taps as the entries; len
     * is whole vectors, the scalar loop is for safety.
     */
    private static void sumTaps(float[] p, int[] offsets, int t0, int t1, float[] w, float bias, float[] out, int o, int len) {
        int f = 0;
        for (; f + BLOCK <= len; f += BLOCK) ShiftedSum.row8(w, offsets, t0, t1, p, f, out, o + f, bias, false);
        for (; f + 4 * L <= len; f += 4 * L) ShiftedSum.tile4(w, offsets, t0, t1, p, f, out, o + f, bias, false);
        for (; f + L <= len; f += L) ShiftedSum.tile1(w, offsets, t0, t1, p, f, out, o + f, bias, false);
        for (; f < len; f++) {
            float a = bias;
            for (int t = t0; t < t1; t++) a = Math.fma(p[offsets[t] + f], w[t], a);
            out[o + f] = a;
        }
    }

    /** Σ_f a[f]·b[bOff + f] over [0, len): four vector chains, lanes and chains summed in a fixed order. */
    /**
     * sums[at + t] += Σ_f a[f]·b[off[t] + f] for the nine taps of a 3×3 kernel in one pass: each vector of a is loaded
     * once for all nine products (ten loads per nine FMAs, where nine {@link #dot} passes load a nine times: two per
     * FMA), one accumulator per tap. Each tap's lanes are then summed in lane order and its scalar tail added, as in
     * dot. In one JVM against nine dots (FlagProbe, batch 64): 56×56 1.22×, 112×112 1.51×, 112×112 stride 2 1.20×.
     */
    private static void dot9(int len, float[] a, float[] b, int[] off, double[] sums, int at, float[] lanes) {
        int f = len - len % L;
        DepthwiseLanes.dot9(a, b, off, f, lanes);
        for (int t = 0; t < 9; t++) {
            float sum = 0f;
            for (int l = 0; l < L; l++) sum += lanes[t * L + l];
            for (int i = f, o = off[t]; i < len; i++) sum += a[i] * b[o + i];
            sums[at + t] += sum;
        }
    }

    private static float dot(int len, float[] a, float[] b, int bOff, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int f = 0;
        for (; f + 4 * L <= len; f += 4 * L) {
            s0 = FloatVector.fromArray(S, a, f).fma(FloatVector.fromArray(S, b, bOff + f), s0);
            s1 = FloatVector.fromArray(S, a, f + L).fma(FloatVector.fromArray(S, b, bOff + f + L), s1);
            s2 = FloatVector.fromArray(S, a, f + 2 * L).fma(FloatVector.fromArray(S, b, bOff + f + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, f + 3 * L).fma(FloatVector.fromArray(S, b, bOff + f + 3 * L), s3);
        }
        for (; f + L <= len; f += L) s0 = FloatVector.fromArray(S, a, f).fma(FloatVector.fromArray(S, b, bOff + f), s0);
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        float s = 0f;
        for (int l = 0; l < L; l++) s += lanes[l];
        for (; f < len; f++) s += a[f] * b[bOff + f];
        return s;
    }

    /** dst[r·dstW + j] = src[srcStride·r + j] for the real columns j < dstW of rows r < rows. */
    private static void copyRows(float[] src, int srcStride, float[] dst, int dstOff, int dstW, int rows) {
        for (int r = 0; r < rows; r++) RowCopy.copy(src, r * srcStride, dst, dstOff + r * dstW, dstW);
    }

    /**
     * The rows of src (row length w) into dst at row stride width; the columns past w and the floats
     * after the last row are not written, so the caller zeroes dst once for a geometry.
     */
    private static void spreadRows(float[] src, int srcOff, int w, int rows, float[] dst, int width) {
        for (int r = 0; r < rows; r++) RowCopy.copy(src, srcOff + r * w, dst, r * width, w);
    }
}
