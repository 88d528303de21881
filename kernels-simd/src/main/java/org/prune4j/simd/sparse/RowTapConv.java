package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Sparse stride-2 convolution whose output rows are one vector wide or half of one (at V = 16, ResNet's 16→32-channel
 * 32×32 → 16×16 and 32→64-channel 16×16 → 8×8 downsampling layers): forward, input gradient and weight gradient,
 * with no image-sized layout.
 *
 * <p>The phase layout of {@link SparseConv2d} de-interleaves every image into four phase planes in memory first, a
 * pass over the whole batch that read and wrote 8 MB for this layer and took 34% of its forward and 23% of its weight
 * gradient (perf, one thread, 90% sparsity), and the tiles then computed junk columns of the frames. Here the input
 * rows that {@link #ROWS} output rows read are turned into tap rows in a small buffer,
 * taps[ci][kx][rr][lane] = x[ci][2·oy0 − ph + rr][2·lane + kx − pw] (zero outside the image): each input row is
 * loaded once as two vectors and each tap row is one two-vector permute of them (3×3 with one column of padding:
 * the even columns, the odd ones, and the odd ones a lane later). Every nonzero w[co][ci][ky][kx] is then one
 * broadcast and {@link #ROWS} aligned loads two vectors apart (tap rows ky + 2r for output rows r) into register
 * accumulators, and the output rows go to y directly.
 *
 * <p>The weight gradient multiplies each nonzero's tap rows by its output channel's gradient rows held in registers.
 * The input gradient gathers, for each tap column (ci, ky, kx) of Wᵀ, its output channels' gradient planes into the
 * column's plane of sums (sixteen rows per register tile: {@link BatchLaneConv}'s, its four groups of four pixels
 * four rows apart; planes of 4 or 8 vector rows put 4 or 2 images in one tile), and folds an image's columns back
 * into input rows: row iy adds the tap rows (ky, oy) with 2·oy + ky = iy + ph and interleaves their even and odd
 * columns. Images go to threads in contiguous shares; every output is one fixed-order sum, and the weight gradient's
 * per-thread partials are added in thread order, so results depend only on the thread count.
 *
 * <p>Output rows of V/2 (input rows of V) go two to a vector: tap row q of a group holds input row q in its low half
 * and row q + 2 in its high half, so the same tiles, dots and Wᵀ columns run over vectors of two output rows, and
 * the input gradient's fold takes each row's half of a column by a permute (for 3×3: one interleave per half).
 */
final class RowTapConv {
    private static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;
    /**
     * Vector rows per group: four accumulators per entry, and one tap buffer that stays in L1 for the 16→32 layer
     * (16 channels × 3 tap columns × 9 rows: 27 KB); with two output rows a vector the 32→64 layer's (32 × 3 × 15) is
     * 92 KB, in L2. An entry's four rows are two vectors apart in both ({@link #pairPosition}), so its loads sit at constant
     * offsets and C2 merges their bounds checks. With the rows a stride apart that depended on the kernel (6 or 12
     * vectors) each load was checked: the 32→64 layer's forward took 0.82-0.88 ms that way and 0.61 with no checks at
     * all (VECTOR_ACCESS_OOB_CHECK=0, one thread). Figures for the layouts: docs/BENCHMARKS.md, session 19.
     */
    static final int ROWS = 4;
    /** Images whose weight-gradient lane vectors add up before their lanes are summed into the double partials. */
    private static final int FLUSH = 8;

    /*
     * Lane permutes on the floats' bits (ShiftedSum.INTS): a float index vector cost seven more instructions per
     * permute in the de-interleave's loop.
     */
    private static final VectorSpecies<Integer> I = ShiftedSum.INTS;
    /** Lane i selects lane 2i, 2i + 1 of (lo, hi): the even and the odd columns of a row of 2V floats. */
    private static final IntVector EVEN = ShiftedSum.lanes(i -> 2 * i), ODD = ShiftedSum.lanes(i -> 2 * i + 1);
    /** Lane i selects lane i − 1 of (a vector, zero), lane 0 a zero; and lane i + 1, the last lane a zero. */
    private static final IntVector LATER = ShiftedSum.lanes(i -> i == 0 ? V : i - 1), EARLIER = ShiftedSum.lanes(i -> i + 1);
    /** Lanes of (even, odd) interleaved: the first V columns of the row, and the last V. */
    private static final IntVector ZIP_LO = ShiftedSum.lanes(i -> (i % 2 == 0 ? 0 : V) + i / 2), ZIP_HI = ShiftedSum.lanes(i -> (i % 2 == 0 ? 0 : V) + V / 2 + i / 2);
    /** ZIP_LO's lanes, then ZIP_HI's: the interleave of one half of (even, odd), loaded by which half holds a row. */
    private static final int[] ZIPS = new int[2 * V];
    /** Lane i selects lane i + 1 of (a vector, zero) within its half; the last lane of each half a zero. */
    private static final IntVector EARLIER_IN_HALF = ShiftedSum.lanes(i -> i % (V / 2) == V / 2 - 1 ? V : i + 1);

    static {
        ZIP_LO.intoArray(ZIPS, 0);
        ZIP_HI.intoArray(ZIPS, V);
    }

    /** One vector of zeros: the input rows above and below the image, for output rows of V/2. */
    private static final float[] ZEROS = new float[V];

    private RowTapConv() {}

    /**
     * Stride 2 both ways, dilation 1, one group, input rows of twice the output rows' width, and either output rows of
     * V floats, or output rows of V/2 (ResNet's 32→64-channel 16×16 → 8×8 layer at V = 16; a vector then holds two
     * output rows); planes of 4 or 8 vector rows or a multiple of 16, so that the input gradient's gathers fill
     * 16-row tiles.
     */
    static boolean suits(ConvGeometry g) {
        int ow = g.outW(), oh = g.outH();
        if (g.groups() != 1 || g.strideH() != 2 || g.strideW() != 2 || g.dilationH() != 1 || g.dilationW() != 1 || g.inW() != 2 * ow) {
            return false;
        }
        if (ow != V && 2 * ow != V || oh % (V / ow) != 0) return false;
        int vrows = oh / (V / ow);
        return vrows == ROWS || vrows == 2 * ROWS || vrows % 16 == 0;
    }

    /** Output rows a vector holds: 1, or 2 for rows of V/2. */
    private static int rowsPerVector(ConvGeometry g) {
        return V / g.outW();
    }

    /**
     * Per weight structure: the input rows a group reads, the places a tap column has ({@link #pairPosition}), each
     * entry's offset into the tap buffer, per tap column kx the lanes of an input row it reads and which of them are
     * inside the row, and Wᵀ by tap column for the input gradient.
     */
    private record Plan(int tapRows, int span, int[] delta, int[] pick, int[] keep, int[] halves, int[] tptr, int[] tsrc, int[] tdelta) {
        static Plan of(ConvGeometry g, CsrMatrix w) {
            int kh = g.kernelH(), kw = g.kernelW(), khw = kh * kw, pw = g.padW(), ow = g.outW(), half = V / rowsPerVector(g);
            // Vector row r of a group starts 2·r input rows down, or 4·r when a vector holds two output rows.
            int tapRows = 2 * rowsPerVector(g) * (ROWS - 1) + kh;
            int[] col = w.colIdx();
            int span = rowsPerVector(g) == 1 ? tapRows : pairPosition(kh - 1, ROWS - 1) + 1;
            int[] delta = new int[w.nnz()];
            for (int j = 0; j < delta.length; j++) {
                int ci = col[j] / khw, t = col[j] % khw, ky = t / kw;
                delta[j] = ((ci * kw + t % kw) * span + (rowsPerVector(g) == 1 ? ky : pairPosition(ky, 0))) * V;
            }
            // Tap column kx, lane i reads input column 2i + kx − pw of the row's two vectors (lo, hi), or a zero. With
            // two output rows a vector, lanes from V/2 on read the same columns of the row two below, in hi.
            int[] pick = new int[kw * V], keep = new int[kw * V];
            for (int kx = 0; kx < kw; kx++) {
                for (int lane = 0; lane < V; lane++) {
                    int ix = 2 * (lane % half) + kx - pw, base = lane < half ? 0 : V;
                    pick[kx * V + lane] = base + Math.max(0, Math.min(2 * ow - 1, ix));
                    keep[kx * V + lane] = ix >= 0 && ix < 2 * ow ? -1 : 0;
                }
            }
            // Wᵀ by column (ci, ky, kx), each column's entries in order of output channel: where each came from in W's
            // values, and where its output channel's gradient plane starts in an image's dy.
            int m = g.outChannels(), cols = g.inChannels() * khw, plane = g.outH() * ow;
            int[] rp = w.rowPtr(), tptr = new int[cols + 1];
            for (int j = 0; j < w.nnz(); j++) tptr[col[j] + 1]++;
            for (int c = 0; c < cols; c++) tptr[c + 1] += tptr[c];
            int[] next = java.util.Arrays.copyOf(tptr, cols), tsrc = new int[w.nnz()], tdelta = new int[w.nnz()];
            for (int co = 0; co < m; co++) {
                for (int j = rp[co]; j < rp[co + 1]; j++) {
                    int i = next[col[j]]++;
                    tsrc[i] = j;
                    tdelta[i] = co * plane;
                }
            }
            // Two output rows a vector: input column ix takes, through tap column kx, lane h·ow + (ix + pw − kx)/2 of a tap
            // column's vector (h the output row's half), where that is a whole column of the plane; else a zero (V).
            int[] halves = new int[2 * kw * V];
            for (int h = 0; h < 2 && half < V; h++) {
                for (int kx = 0; kx < kw; kx++) {
                    for (int ix = 0; ix < V; ix++) {
                        int t = ix + pw - kx, ox = t / 2;
                        halves[(h * kw + kx) * V + ix] = t >= 0 && t % 2 == 0 && ox < ow ? h * ow + ox : V;
                    }
                }
            }
            return new Plan(tapRows, span, delta, pick, keep, halves, tptr, tsrc, tdelta);
        }
    }

    /**
     * Where in its tap column the tap row of kernel row ky and vector row r goes with two output rows a vector (input
     * row ky + 4r of the group in the low half, the one two below in the high half): (ky / 2)·2·ROWS + ky % 2 + 2r, so
     * that the rows of one kernel row are two places apart, as they are with one output row a vector (there tap row
     * ky + 2r is input row ky + 2r). The input rows no tap reads (3, 7, 11 for a 3-tall kernel) get no place.
     */
    private static int pairPosition(int ky, int r) {
        return ky / 2 * 2 * ROWS + ky % 2 + 2 * r;
    }

    private record Key(ConvGeometry g) {}

    private static Plan plan(ConvGeometry g, CsrMatrix w) {
        return PlanCache.get(w, new Key(g.withBatch(1)), () -> Plan.of(g, w));
    }

    /** y = conv(x, W) + bias, then ReLU when relu; g must {@link #suits suit}. Threads take (image, row group) items. */
    static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        Plan plan = plan(g, w);
        int m = g.outChannels(), oh = g.outH(), ow = g.outW(), per = ROWS * rowsPerVector(g), groups = oh / per;
        int tapSize = g.inChannels() * g.kernelW() * plan.span * V;
        int[] rp = w.rowPtr(), delta = plan.delta;
        float[] vals = w.values();
        Parallel.forRange(g.batch() * groups, 1, (i0, i1) -> {
            float[] taps = Scratch.get(Scratch.IMAGE, (long) tapSize + Aligned.SLACK);
            int t0 = Aligned.offset(taps);
            for (int i = i0; i < i1; i++) {
                int n = i / groups, oy0 = (i % groups) * per;
                buildTaps(g, plan, x, n, oy0, taps, t0);
                for (int co = 0; co < m; co++) {
                    rows(vals, delta, rp[co], rp[co + 1], taps, t0, bias == null ? 0f : bias[co], relu,
                            y, ((n * m + co) * oh + oy0) * ow);
                }
            }
        });
    }

    /**
     * dx (when not null) = the input gradient and dwValues (when not null) = the weight gradient at w's entries,
     * both overwritten. Threads take contiguous shares of the images; the weight gradient of each share is its own
     * double partial, added in thread order ({@link SparseConv2d#sumPartials}), the same bits whether dx is asked
     * for or not.
     */
    static void backward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        Plan plan = plan(g, w);
        int nnz = w.nnz(), batch = g.batch(), cin = g.inChannels(), kw = g.kernelW(), ow = g.outW();
        int oh = g.outH(), per = ROWS * rowsPerVector(g), groups = oh / per, m = g.outChannels(), cols = cin * g.kernelH() * kw;
        int vrows = oh / rowsPerVector(g), image = m * oh * ow;
        // Planes of fewer than 16 vector rows (4 for the 32→64 layer) gather q images at once, so that each Wᵀ entry
        // feeds BatchLaneConv's 16-row tile instead of four rows: a tap column holds its q images' planes one after
        // the other (stride floats), and its four pixel groups are four-row pieces of them (goff).
        int q = vrows < 16 && 16 % vrows == 0 ? 16 / vrows : 1, stride = q * vrows * V;
        int[][] goff = new int[q + 1][4];
        for (int count = 1; count <= q; count++) {
            // A group past the last of count images reads the first image's rows again; its sums are never folded.
            for (int gi = 0; gi < 4; gi++) goff[count][gi] = (4 * gi / vrows < count ? 4 * gi / vrows * image : 0) + 4 * gi % vrows * V;
        }
        int tapSize = cin * kw * plan.span * V;
        int parts = Math.max(1, Math.min(Parallel.threads(), batch));
        double[][] partial = dwValues == null ? null : new double[parts][nnz];
        float[] tvals = dx == null ? null : Scratch.get(Scratch.SHARED, Math.max(1, nnz));
        if (dx != null) {
            float[] vals = w.values();
            for (int i = 0; i < nnz; i++) tvals[i] = vals[plan.tsrc[i]];
        }
        int[] rp = w.rowPtr();
        Parallel.forEach(parts, part -> {
            int n0 = (int) ((long) batch * part / parts), n1 = (int) ((long) batch * (part + 1) / parts);
            float[] taps = dwValues == null ? null : Scratch.get(Scratch.IMAGE, (long) tapSize + Aligned.SLACK);
            float[] lanes = dwValues == null ? null : Scratch.get(Scratch.LANES, (long) nnz * V);
            // The tap columns (stride floats each), then zeros for fold's rows outside the plane (one vector past
            // every image's place in a column).
            float[] columns = dx == null ? null : Scratch.get(Scratch.GRAD, (long) cols * stride + stride + V + Aligned.SLACK);
            int t0 = taps == null ? 0 : Aligned.offset(taps), c0 = columns == null ? 0 : Aligned.offset(columns);
            if (columns != null) java.util.Arrays.fill(columns, c0 + cols * stride, c0 + cols * stride + stride + V, 0f);
            if (lanes != null) java.util.Arrays.fill(lanes, 0, nnz * V, 0f);
            for (int n = n0; n < n1; n++) {
                int at = n * image, slotOf = (n - n0) % q;
                if (dx != null) {
                    if (slotOf == 0) gather(plan, tvals, dy, at, q, vrows, stride, goff[Math.min(q, n1 - n)], columns, c0);
                    int cn = c0 + slotOf * vrows * V;
                    if (vrows == oh) fold(g, plan, columns, cn, stride, dx, n);
                    else foldPairs(g, plan, columns, cn, stride, dx, n);
                }
                if (dwValues != null) {
                    for (int grp = 0; grp < groups; grp++) {
                        int dyRow = at + grp * per * ow;
                        buildTaps(g, plan, x, n, grp * per, taps, t0);
                        for (int co = 0; co < m; co++) dots(plan.delta, rp[co], rp[co + 1], taps, t0, dy, dyRow + co * oh * ow, lanes);
                    }
                    if ((n - n0) % FLUSH == FLUSH - 1 || n == n1 - 1) {
                        LaneSum.addSums(lanes, 0, nnz, partial[part], 0);
                        java.util.Arrays.fill(lanes, 0, nnz * V, 0f);
                    }
                }
            }
        });
        if (dwValues != null) SparseConv2d.sumPartials(partial, dwValues, nnz);
    }

    /**
     * The tap columns of q images (image 0's plane at at, the others' pixel groups at goff): columns[c0 + c·stride +
     * (i·vrows + r)·V + lane] = Σ over column c's entries of Wᵀ of the value times dy row r of image i (lanes: output
     * columns). With q > 1 every entry
     * runs BatchLaneConv's 16-row tile over the q planes (pixel groups goff apart; groups of images past the thread's
     * last read its first again), so each image's sums are the same bits however the images are grouped. With q = 1
     * (planes of a multiple of 16 vector rows), 16 rows at a time.
     */
    private static void gather(Plan plan, float[] tvals, float[] dy, int at, int q, int vrows, int stride, int[] goff,
                               float[] columns, int c0) {
        // With q = 1 the groups are rows 0, 4, 8, 12 of each 16-row block (goff = 0, 4V, 8V, 12V); with q > 1 one block.
        int cols = plan.tptr.length - 1;
        for (int c = 0; c < cols; c++) {
            int j0 = plan.tptr[c], j1 = plan.tptr[c + 1], o = c0 + c * stride;
            for (int r = 0; r < q * vrows; r += 16) {
                BatchLaneConv.tile(tvals, plan.tdelta, j0, j1, dy, at + r * V, goff[1], goff[2], goff[3], columns, o + r * V, false, 0f);
            }
        }
    }

    /**
     * taps[t0 + ((ci·kw + kx)·span + place)·V + lane] = x[n][ci][2·oy0 − ph + rr][2·lane + kx − pw], zero outside the
     * image, for every input channel, tap column kx and input row rr of the group, at place rr; with two output rows a
     * vector lanes from V/2 on hold row rr + 2 at column 2·(lane − V/2) + kx − pw, and the row goes to the place
     * {@link #pairPosition}(ky, r) of each (ky, r) with ky + 4r = rr (none for the rows no tap reads).
     */
    private static void buildTaps(ConvGeometry g, Plan plan, float[] x, int n, int oy0, float[] taps, int t0) {
        int cin = g.inChannels(), ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW(), ib = 2 * oy0 - g.padH();
        int column = plan.span * V;
        FloatVector zero = FloatVector.zero(S);
        IntVector zeroBits = IntVector.zero(I);
        boolean threeWide = kw == 3 && g.padW() == 1, pairs = rowsPerVector(g) == 2;
        // The pair tables of a three-wide kernel, loaded once (indices clamped so that narrower kernels stay in range).
        int c1 = Math.min(1, kw - 1) * V, c2 = Math.min(2, kw - 1) * V;
        IntVector pick0 = IntVector.fromArray(I, plan.pick, 0), keep0 = IntVector.fromArray(I, plan.keep, 0);
        IntVector pick1 = IntVector.fromArray(I, plan.pick, c1), keep1 = IntVector.fromArray(I, plan.keep, c1);
        IntVector pick2 = IntVector.fromArray(I, plan.pick, c2), keep2 = IntVector.fromArray(I, plan.keep, c2);
        for (int ci = 0; ci < cin; ci++) {
            int plane = (n * cin + ci) * ih * iw, cb = t0 + ci * kw * column;
            for (int rr = 0; rr < plan.tapRows; rr++) {
                int iy = ib + rr;
                if (pairs) {
                    // Vector rows r with 0 <= rr - 4r < kh (shifts: two idivs per row cost more than its permutes).
                    int rLo = Math.max(0, (rr - kh + 4) >> 2), rHi = Math.min(ROWS - 1, rr >> 2);
                    if (rLo > rHi) continue;
                    // Input rows iy (lanes below V/2) and iy + 2 (the rest), each a whole vector; a row outside the
                    // image reads zeros (an array chosen by the branch, not a vector: a vector merged from two paths
                    // is boxed).
                    boolean inA = iy >= 0 && iy < ih, inB = iy + 2 >= 0 && iy + 2 < ih;
                    IntVector lo = FloatVector.fromArray(S, inA ? x : ZEROS, inA ? plane + iy * iw : 0).reinterpretAsInts();
                    IntVector hi = FloatVector.fromArray(S, inB ? x : ZEROS, inB ? plane + (iy + 2) * iw : 0).reinterpretAsInts();
                    if (kw == 3) {
                        FloatVector t0v = pick0.selectFrom(lo, hi).and(keep0).reinterpretAsFloats();
                        FloatVector t1v = pick1.selectFrom(lo, hi).and(keep1).reinterpretAsFloats();
                        FloatVector t2v = pick2.selectFrom(lo, hi).and(keep2).reinterpretAsFloats();
                        for (int r = rLo; r <= rHi; r++) {
                            int d = cb + pairPosition(rr - 4 * r, r) * V;
                            t0v.intoArray(taps, d);
                            t1v.intoArray(taps, d + column);
                            t2v.intoArray(taps, d + 2 * column);
                        }
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        FloatVector t = IntVector.fromArray(I, plan.pick, kx * V).selectFrom(lo, hi)
                                .and(IntVector.fromArray(I, plan.keep, kx * V)).reinterpretAsFloats();
                        for (int r = rLo; r <= rHi; r++) t.intoArray(taps, cb + kx * column + pairPosition(rr - 4 * r, r) * V);
                    }
                    continue;
                }
                int d = cb + rr * V;
                if (iy < 0 || iy >= ih) {
                    for (int kx = 0; kx < kw; kx++) zero.intoArray(taps, d + kx * column);
                    continue;
                }
                IntVector lo = FloatVector.fromArray(S, x, plane + iy * iw).reinterpretAsInts();
                IntVector hi = FloatVector.fromArray(S, x, plane + iy * iw + V).reinterpretAsInts();
                if (threeWide) {
                    // 3x3 with one column of padding: odd columns one lane later, the even ones, the odd ones. Three
                    // fixed permutes instead of the tables' permute and mask per tap: 16->32 layer, one thread, 90%,
                    // forward 1.12-1.28 ms through the tables, 0.85-0.94 this way (0.69-0.83 / 0.46-0.59 layout only).
                    IntVector evenBits = EVEN.selectFrom(lo, hi), oddBits = ODD.selectFrom(lo, hi);
                    LATER.selectFrom(oddBits, zeroBits).reinterpretAsFloats().intoArray(taps, d);
                    evenBits.reinterpretAsFloats().intoArray(taps, d + column);
                    oddBits.reinterpretAsFloats().intoArray(taps, d + 2 * column);
                    continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                    IntVector.fromArray(I, plan.pick, kx * V).selectFrom(lo, hi).and(IntVector.fromArray(I, plan.keep, kx * V))
                            .reinterpretAsFloats().intoArray(taps, d + kx * column);
                }
            }
        }
    }

    /**
     * {@link #fold} for output rows of V/2: cols[c0 + c·stride + p·V + lane] holds output rows 2p (lanes below V/2) and
     * 2p + 1. Input row iy (one vector) adds, for each tap (ky, kx) with 2·oy + ky = iy + ph, the half of column (ky,
     * kx)'s vector p = oy/2 that holds row oy, each lane moved to its input column by one permute ({@code halves}).
     */
    private static void foldPairs(ConvGeometry g, Plan plan, float[] cols, int c0, int stride, float[] dx, int n) {
        int cin = g.inChannels(), ih = g.inH(), kh = g.kernelH(), kw = g.kernelW(), oh = g.outH(), ph = g.padH();
        IntVector zeroBits = IntVector.zero(I);
        boolean threeWide = kw == 3 && g.padW() == 1;
        for (int ci = 0; ci < cin; ci++) {
            int plane = (n * cin + ci) * ih * V, cb = c0 + ci * kh * kw * stride;
            for (int iy = 0; iy < ih; iy++) {
                int rr = iy + ph;
                FloatVector sum = FloatVector.zero(S);
                for (int ky = rr % 2; ky < kh; ky += 2) {
                    int oy = (rr - ky) / 2;
                    if (oy < 0 || oy >= oh) continue;
                    int at = cb + ky * kw * stride + (oy >> 1) * V, h = (oy & 1) * kw * V;
                    if (threeWide) {
                        // kx = 1 gives the even input columns; kx = 2 the odd ones, and kx = 0 the odd column one
                        // output column later: added within the row's half, then one interleave of the half instead
                        // of a permute per tap.
                        IntVector t0 = FloatVector.fromArray(S, cols, at).reinterpretAsInts();
                        IntVector even = FloatVector.fromArray(S, cols, at + stride).reinterpretAsInts();
                        IntVector odd = FloatVector.fromArray(S, cols, at + 2 * stride)
                                .add(EARLIER_IN_HALF.selectFrom(t0, zeroBits).reinterpretAsFloats()).reinterpretAsInts();
                        sum = sum.add(IntVector.fromArray(I, ZIPS, (oy & 1) * V).selectFrom(even, odd).reinterpretAsFloats());
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        IntVector v = FloatVector.fromArray(S, cols, at + kx * stride).reinterpretAsInts();
                        sum = sum.add(IntVector.fromArray(I, plan.halves, h + kx * V).selectFrom(v, zeroBits).reinterpretAsFloats());
                    }
                }
                sum.intoArray(dx, plane + iy * V);
            }
        }
    }

    /**
     * Image n's input gradient from its tap columns cols[c0 + c·stride + oy·V + lane], c = (ci, ky, kx): the gradient
     * that output pixel (oy, lane) sends through tap (ky, kx) to input pixel (2·oy + ky − ph, 2·lane + kx − pw). Input
     * row iy of channel ci adds, per tap column kx, the rows (ky, oy) with 2·oy + ky = iy + ph, moves the sum back to
     * column 2·lane + kx − pw, and interleaves the even and odd columns. Every input row is written.
     */
    private static void fold(ConvGeometry g, Plan plan, float[] cols, int c0, int stride, float[] dx, int n) {
        int cin = g.inChannels(), ih = g.inH(), kh = g.kernelH(), kw = g.kernelW(), oh = g.outH(), ph = g.padH(), pw = g.padW();
        int zeros = c0 + cin * kh * kw * stride;
        IntVector zeroBits = IntVector.zero(I);
        for (int ci = 0; ci < cin; ci++) {
            int plane = (n * cin + ci) * ih * 2 * V, cb = c0 + ci * kh * kw * stride;
            for (int iy = 0; iy < ih; iy++) {
                int rr = iy + ph, at = plane + iy * 2 * V;
                if (kh == 3 && kw == 3 && pw == 1) {
                    // Rows (ky, oy) with 2·oy + ky = rr: (1, (rr − 1)/2) for odd rr, (0, rr/2) and (2, rr/2 − 1) for even;
                    // a row outside the plane reads the zero block. No vector is chosen by a branch (a vector merged
                    // from two paths was boxed: one allocation per row, 31 collections in a few hundred calls).
                    int oa = (rr & 1) == 1 ? (rr - 1) / 2 : rr / 2, ob = (rr & 1) == 1 ? -1 : rr / 2 - 1;
                    int pa = oa < oh ? cb + ((rr & 1) * 3 * stride) + oa * V : -1, pb = ob >= 0 && ob < oh ? cb + 6 * stride + ob * V : -1;
                    FloatVector s0 = FloatVector.fromArray(S, cols, pa < 0 ? zeros : pa).add(FloatVector.fromArray(S, cols, pb < 0 ? zeros : pb));
                    FloatVector s1 = FloatVector.fromArray(S, cols, pa < 0 ? zeros : pa + stride)
                            .add(FloatVector.fromArray(S, cols, pb < 0 ? zeros : pb + stride));
                    FloatVector s2 = FloatVector.fromArray(S, cols, pa < 0 ? zeros : pa + 2 * stride)
                            .add(FloatVector.fromArray(S, cols, pb < 0 ? zeros : pb + 2 * stride));
                    // kx = 1 reads the even columns; kx = 2 the odd ones, and kx = 0 the odd column one lane back.
                    IntVector e = s1.reinterpretAsInts();
                    IntVector o = s2.add(EARLIER.selectFrom(s0.reinterpretAsInts(), zeroBits).reinterpretAsFloats()).reinterpretAsInts();
                    ZIP_LO.selectFrom(e, o).reinterpretAsFloats().intoArray(dx, at);
                    ZIP_HI.selectFrom(e, o).reinterpretAsFloats().intoArray(dx, at + V);
                    continue;
                }
                // Other kernels (1x1, 5x5, ...) one input column at a time, as the sum is defined.
                for (int ix = 0; ix < 2 * V; ix++) {
                    float sum = 0f;
                    for (int ky = rr % 2; ky < kh; ky += 2) {
                        int oy = (rr - ky) / 2;
                        if (oy < 0 || oy >= oh) continue;
                        for (int kx = Math.floorMod(ix + pw, 2); kx < kw; kx += 2) {
                            int ox = (ix + pw - kx) / 2;
                            if (ox >= 0 && ox < V) sum += cols[cb + (ky * kw + kx) * stride + oy * V + ox];
                        }
                    }
                    dx[at + ix] = sum;
                }
            }
        }
    }

    /**
     * out[o + r·V + lane] = f(init + Σ_{j0 ≤ j &lt; j1} vals[j]·taps[t0 + delta[j] + 2r·V + lane]) for the ROWS rows r, f =
     * ReLU when relu: eight accumulators, the even-numbered entries in one set of four and the odd ones in the other,
     * added at the end.
     */
    private static void rows(float[] vals, int[] delta, int j0, int j1, float[] taps, int t0, float init, boolean relu,
                             float[] out, int o) {
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        FloatVector b0 = FloatVector.zero(S), b1 = b0, b2 = b0, b3 = b0;
        int j = j0;
        for (; j + 1 < j1; j += 2) {
            FloatVector wa = FloatVector.broadcast(S, vals[j]), wb = FloatVector.broadcast(S, vals[j + 1]);
            int p = t0 + delta[j], q = t0 + delta[j + 1];
            a0 = FloatVector.fromArray(S, taps, p).fma(wa, a0);
            a1 = FloatVector.fromArray(S, taps, p + 2 * V).fma(wa, a1);
            a2 = FloatVector.fromArray(S, taps, p + 4 * V).fma(wa, a2);
            a3 = FloatVector.fromArray(S, taps, p + 6 * V).fma(wa, a3);
            b0 = FloatVector.fromArray(S, taps, q).fma(wb, b0);
            b1 = FloatVector.fromArray(S, taps, q + 2 * V).fma(wb, b1);
            b2 = FloatVector.fromArray(S, taps, q + 4 * V).fma(wb, b2);
            b3 = FloatVector.fromArray(S, taps, q + 6 * V).fma(wb, b3);
        }
        if (j < j1) {
            FloatVector wa = FloatVector.broadcast(S, vals[j]);
            int p = t0 + delta[j];
            a0 = FloatVector.fromArray(S, taps, p).fma(wa, a0);
            a1 = FloatVector.fromArray(S, taps, p + 2 * V).fma(wa, a1);
            a2 = FloatVector.fromArray(S, taps, p + 4 * V).fma(wa, a2);
            a3 = FloatVector.fromArray(S, taps, p + 6 * V).fma(wa, a3);
        }
        a0 = a0.add(b0);
        a1 = a1.add(b1);
        a2 = a2.add(b2);
        a3 = a3.add(b3);
        if (relu) {
            a0 = a0.max(0f);
            a1 = a1.max(0f);
            a2 = a2.max(0f);
            a3 = a3.max(0f);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + V);
        a2.intoArray(out, o + 2 * V);
        a3.intoArray(out, o + 3 * V);
    }

    /**
     * lanes[j·V + lane] += Σ_r dy[d + r·V + lane]·taps[t0 + delta[j] + 2r·V + lane] for j0 ≤ j &lt; j1: one output
     * channel's ROWS gradient rows in registers against each of its entries' tap rows.
     */
    private static void dots(int[] delta, int j0, int j1, float[] taps, int t0, float[] dy, int d, float[] lanes) {
        if (j0 == j1) return;
        FloatVector g0 = FloatVector.fromArray(S, dy, d), g1 = FloatVector.fromArray(S, dy, d + V);
        FloatVector g2 = FloatVector.fromArray(S, dy, d + 2 * V), g3 = FloatVector.fromArray(S, dy, d + 3 * V);
        for (int j = j0; j < j1; j++) {
            int p = t0 + delta[j];
            FloatVector s = g0.mul(FloatVector.fromArray(S, taps, p));
            FloatVector u = g1.mul(FloatVector.fromArray(S, taps, p + 2 * V));
            s = g2.fma(FloatVector.fromArray(S, taps, p + 4 * V), s);
            u = g3.fma(FloatVector.fromArray(S, taps, p + 6 * V), u);
            FloatVector.fromArray(S, lanes, j * V).add(s.add(u)).intoArray(lanes, j * V);
        }
    }
}
