package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Sparse stride-2 convolution whose output rows are one vector wide and whose input rows are two (ResNet's
 * 16→32-channel 32×32 → 16×16 downsampling layer at V = 16, the 32→64 one at V = 8): forward, input gradient and
 * weight gradient, with no image-sized layout.
 *
 * <p>The phase layout of {@link SparseConv2d} de-interleaves every image into four phase planes in memory first, a
 * pass over the whole batch that read and wrote 8 MB for this layer and took 34% of its forward and 23% of its weight
 * gradient (perf, one thread, 90% sparsity), and the tiles then computed junk columns of the frames. Here the input
 * rows that {@link #ROWS} output rows read are turned into tap rows in an L1-sized buffer,
 * taps[ci][rr][kx][lane] = x[ci][2·oy0 − ph + rr][2·lane + kx − pw] (zero outside the image): each input row is
 * loaded once as two vectors, split into its even and odd columns and shifted by whole lanes, one permute per tap.
 * Every nonzero w[co][ci][ky][kx] is then one broadcast and {@link #ROWS} aligned loads at fixed row offsets
 * (taps row ky + 2r for output row r) into register accumulators, and the output rows go to y directly.
 *
 * <p>The weight gradient multiplies each nonzero's tap rows by the output channel's gradient rows held in
 * registers; the input gradient runs the same register tile over Wᵀ (each tap column gathers its output channels'
 * gradient rows) and folds the tap columns back into input rows (kh − 2 rows overlap the next group's and carry
 * over). Images go to threads in contiguous shares; every output is one fixed-order sum, and the weight gradient's
 * per-thread partials are added in thread order, so results depend only on the thread count.
 */
final class RowTapConv {
    private static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;
    /** Output rows per group: one tap buffer (16 channels of 3×3: 27 KB) and four accumulator rows per entry. */
    static final int ROWS = 4;
    /** Images whose weight-gradient lane vectors add up before their lanes are summed into the double partials. */
    private static final int FLUSH = 8;

    /*
     * Lane permutes on the floats' bits: an int index vector goes straight to vpermi2d, where a float one is converted
     * and range-checked on every call (seven more instructions per permute in the de-interleave's loop).
     */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    /** Lane i selects lane 2i, 2i + 1 of (lo, hi): the even and the odd columns of a row of 2V floats. */
    private static final IntVector EVEN = lanes(i -> 2 * i), ODD = lanes(i -> 2 * i + 1);
    /** Lane i selects lane i − 1 of (a vector, zero), lane 0 a zero; and lane i + 1, the last lane a zero. */
    private static final IntVector LATER = lanes(i -> i == 0 ? V : i - 1), EARLIER = lanes(i -> i + 1);
    /** Lanes of (even, odd) interleaved: the first V columns of the row, and the last V. */
    private static final IntVector ZIP_LO = lanes(i -> (i % 2 == 0 ? 0 : V) + i / 2), ZIP_HI = lanes(i -> (i % 2 == 0 ? 0 : V) + V / 2 + i / 2);

    private static IntVector lanes(java.util.function.IntUnaryOperator f) {
        int[] idx = new int[V];
        for (int i = 0; i < V; i++) idx[i] = f.applyAsInt(i);
        return IntVector.fromArray(I, idx, 0);
    }

    private RowTapConv() {}

    /**
     * Stride 2 both ways, dilation 1, one group, input rows of 2V floats and output rows of V, output heights in
     * whole groups of {@link #ROWS}, and kernels at most 2·ROWS + 2 tall (the input gradient's rows carry over one
     * group at most).
     */
    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.strideH() == 2 && g.strideW() == 2 && g.dilationH() == 1 && g.dilationW() == 1
                && g.inW() == 2 * V && g.outW() == V && g.outH() % ROWS == 0 && g.kernelH() <= 2 * ROWS + 2;
    }

    /**
     * Per weight structure: the tap rows' height, each entry's offset into the tap buffer, per tap column kx the
     * parity and lane selectors of its shift (and of the way back), and Wᵀ by tap column for the input gradient.
     */
    private record Plan(int tapRows, int[] delta, int[] parity, float[] shift, float[] unshift) {
        static Plan of(ConvGeometry g, CsrMatrix w) {
            int kh = g.kernelH(), kw = g.kernelW(), khw = kh * kw, pw = g.padW();
            int tapRows = 2 * (ROWS - 1) + kh;
            int[] col = w.colIdx();
            int[] delta = new int[w.nnz()];
            for (int j = 0; j < delta.length; j++) {
                int ci = col[j] / khw, t = col[j] % khw;
                delta[j] = ((ci * tapRows + t / kw) * kw + t % kw) * V;
            }
            int[] parity = new int[kw];
            float[] shift = new float[kw * V], unshift = new float[kw * V];
            for (int kx = 0; kx < kw; kx++) {
                // Tap column kx reads input column 2·lane + kx − pw: lane + d of the even (p = 0) or odd columns.
                int p = Math.floorMod(kx - pw, 2), d = Math.floorDiv(kx - pw, 2);
                parity[kx] = p;
                for (int lane = 0; lane < V; lane++) {
                    // Indices into (source, zero): V picks a zero.
                    shift[kx * V + lane] = lane + d >= 0 && lane + d < V ? lane + d : V;
                    unshift[kx * V + lane] = lane - d >= 0 && lane - d < V ? lane - d : V;
                }
            }
            return new Plan(tapRows, delta, parity, shift, unshift);
        }
    }

    private record Key(ConvGeometry g) {}

    private static Plan plan(ConvGeometry g, CsrMatrix w) {
        return PlanCache.get(w, new Key(g.withBatch(1)), () -> Plan.of(g, w));
    }

    /** y = conv(x, W) + bias, then ReLU when relu; g must {@link #suits suit}. Threads take (image, row group) items. */
    static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        Plan plan = plan(g, w);
        int m = g.outChannels(), oh = g.outH(), groups = oh / ROWS, tapSize = g.inChannels() * plan.tapRows * g.kernelW() * V;
        int[] rp = w.rowPtr(), delta = plan.delta;
        float[] vals = w.values();
        int rs = 2 * g.kernelW() * V;
        Parallel.forRange(g.batch() * groups, 1, (i0, i1) -> {
            float[] taps = Scratch.get(Scratch.IMAGE, (long) tapSize + Aligned.SLACK);
            int t0 = Aligned.offset(taps);
            for (int i = i0; i < i1; i++) {
                int n = i / groups, oy0 = (i % groups) * ROWS;
                buildTaps(g, plan, x, n, oy0, taps, t0);
                for (int co = 0; co < m; co++) {
                    rows(vals, delta, rp[co], rp[co + 1], taps, t0, rs, bias == null ? 0f : bias[co], relu,
                            y, ((n * m + co) * oh + oy0) * V);
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
        int nnz = w.nnz(), batch = g.batch(), cin = g.inChannels(), kw = g.kernelW();
        int oh = g.outH(), groups = oh / ROWS, m = g.outChannels();
        int tapSize = cin * plan.tapRows * kw * V;
        int parts = Math.max(1, Math.min(Parallel.threads(), batch));
        double[][] partial = dwValues == null ? null : new double[parts][nnz];
        int[] rp = w.rowPtr();
        float[] vals = w.values();
        int rs = 2 * kw * V;
        Parallel.forEach(parts, part -> {
            int n0 = (int) ((long) batch * part / parts), n1 = (int) ((long) batch * (part + 1) / parts);
            float[] taps = dwValues == null ? null : Scratch.get(Scratch.IMAGE, (long) tapSize + Aligned.SLACK);
            float[] lanes = dwValues == null ? null : Scratch.get(Scratch.LANES, (long) nnz * V);
            float[] grads = dx == null ? null : Scratch.get(Scratch.GRAD, (long) tapSize + Aligned.SLACK);
            int t0 = taps == null ? 0 : Aligned.offset(taps), r0 = grads == null ? 0 : Aligned.offset(grads);
            if (lanes != null) java.util.Arrays.fill(lanes, 0, nnz * V, 0f);
            for (int n = n0; n < n1; n++) {
                if (grads != null) java.util.Arrays.fill(grads, r0, r0 + tapSize, 0f);
                for (int grp = 0; grp < groups; grp++) {
                    int oy0 = grp * ROWS, dyRow = (n * m * oh + oy0) * V;
                    // One pass each, so each pass's buffers share L1 only with dy's rows (fused into one loop over the
                    // channels, the step measured the same: 3.8-4.1 ms either way, one thread, ResNet's 16->32 layer).
                    if (grads != null) {
                        for (int co = 0; co < m; co++) scatter(vals, plan.delta, rp[co], rp[co + 1], grads, r0, rs, dy, dyRow + co * oh * V);
                        foldRows(g, plan, grads, r0, dx, n, oy0, grp == groups - 1);
                    }
                    if (taps != null) {
                        buildTaps(g, plan, x, n, oy0, taps, t0);
                        for (int co = 0; co < m; co++) dots(plan.delta, rp[co], rp[co + 1], taps, t0, rs, dy, dyRow + co * oh * V, lanes);
                    }
                }
                if (lanes != null && ((n - n0) % FLUSH == FLUSH - 1 || n == n1 - 1)) {
                    LaneSum.addSums(lanes, 0, nnz, partial[part], 0);
                    java.util.Arrays.fill(lanes, 0, nnz * V, 0f);
                }
            }
        });
        if (dwValues != null) SparseConv2d.sumPartials(partial, dwValues, nnz);
    }

    /**
     * taps[t0 + ((ci·tapRows + rr)·kw + kx)·V + lane] = x[n][ci][2·oy0 − ph + rr][2·lane + kx − pw], zero outside the
     * image, for every input channel, tap row rr and tap column kx.
     */
    private static void buildTaps(ConvGeometry g, Plan plan, float[] x, int n, int oy0, float[] taps, int t0) {
        int cin = g.inChannels(), ih = g.inH(), kw = g.kernelW(), rows = plan.tapRows, ib = 2 * oy0 - g.padH();
        FloatVector zero = FloatVector.zero(S);
        IntVector zeroBits = IntVector.zero(I);
        boolean threeWide = kw == 3 && g.padW() == 1;
        for (int ci = 0; ci < cin; ci++) {
            int plane = (n * cin + ci) * ih * 2 * V;
            for (int rr = 0; rr < rows; rr++) {
                int iy = ib + rr, d = t0 + (ci * rows + rr) * kw * V;
                if (iy < 0 || iy >= ih) {
                    for (int kx = 0; kx < kw; kx++) zero.intoArray(taps, d + kx * V);
                    continue;
                }
                IntVector lo = FloatVector.fromArray(S, x, plane + iy * 2 * V).reinterpretAsInts();
                IntVector hi = FloatVector.fromArray(S, x, plane + iy * 2 * V + V).reinterpretAsInts();
                IntVector evenBits = EVEN.selectFrom(lo, hi), oddBits = ODD.selectFrom(lo, hi);
                if (threeWide) {
                    // 3x3 with one column of padding: odd columns one lane later, the even ones, the odd ones.
                    LATER.selectFrom(oddBits, zeroBits).reinterpretAsFloats().intoArray(taps, d);
                    evenBits.reinterpretAsFloats().intoArray(taps, d + V);
                    oddBits.reinterpretAsFloats().intoArray(taps, d + 2 * V);
                    continue;
                }
                FloatVector even = evenBits.reinterpretAsFloats(), odd = oddBits.reinterpretAsFloats();
                for (int kx = 0; kx < kw; kx++) {
                    FloatVector src = plan.parity[kx] == 0 ? even : odd;
                    FloatVector.fromArray(S, plan.shift, kx * V).selectFrom(src, zero).intoArray(taps, d + kx * V);
                }
            }
        }
    }

    /**
     * The input gradient of one row group from its tap-row gradients grads[r0 + ((ci·tapRows + rr)·kw + kx)·V + lane]
     * (the transpose of {@link #buildTaps}): input row 2·oy0 − ph + rr of channel ci gathers its kw tap columns, each
     * moved back to column 2·lane + kx − pw, the even and odd columns then interleaved. The group's own 2·ROWS input
     * rows are written out; the kh − 2 tap rows below them belong to the next group's first rows too, so they move up
     * to its top (and the rest is zeroed for it); after the last group they are written out as well, and input rows
     * no group reaches are zeroed.
     */
    private static void foldRows(ConvGeometry g, Plan plan, float[] grads, int r0, float[] dx, int n, int oy0, boolean last) {
        int cin = g.inChannels(), ih = g.inH(), kw = g.kernelW(), rows = plan.tapRows, ib = 2 * oy0 - g.padH();
        int own = 2 * ROWS, end = last ? Math.max(rows, own) : own, rowSize = kw * V;
        boolean threeWide = kw == 3 && g.padW() == 1;
        FloatVector zero = FloatVector.zero(S);
        IntVector zeroBits = IntVector.zero(I);
        for (int ci = 0; ci < cin; ci++) {
            int plane = (n * cin + ci) * ih * 2 * V, base = r0 + ci * rows * rowSize;
            for (int rr = 0; rr < end; rr++) {
                int iy = ib + rr;
                if (iy < 0 || iy >= ih) continue;
                IntVector even = zeroBits, odd = zeroBits;
                // A kernel of one or two rows has fewer tap rows than the group's own input rows: those get zeros.
                if (rr < rows) {
                    int at = base + rr * rowSize;
                    if (threeWide) {
                        IntVector first = FloatVector.fromArray(S, grads, at).reinterpretAsInts();
                        even = FloatVector.fromArray(S, grads, at + V).reinterpretAsInts();
                        odd = FloatVector.fromArray(S, grads, at + 2 * V)
                                .add(EARLIER.selectFrom(first, zeroBits).reinterpretAsFloats()).reinterpretAsInts();
                    } else {
                        FloatVector e = zero, o = zero;
                        for (int kx = 0; kx < kw; kx++) {
                            FloatVector back = FloatVector.fromArray(S, plan.unshift, kx * V).selectFrom(FloatVector.fromArray(S, grads, at + kx * V), zero);
                            if (plan.parity[kx] == 0) e = e.add(back);
                            else o = o.add(back);
                        }
                        even = e.reinterpretAsInts();
                        odd = o.reinterpretAsInts();
                    }
                }
                ZIP_LO.selectFrom(even, odd).reinterpretAsFloats().intoArray(dx, plane + iy * 2 * V);
                ZIP_HI.selectFrom(even, odd).reinterpretAsFloats().intoArray(dx, plane + iy * 2 * V + V);
            }
            if (last) {
                for (int iy = Math.max(0, ib + end); iy < ih; iy++) zero(dx, plane + iy * 2 * V);
            } else if (rows > own) {
                // The carried rows move up; the rest starts from zero.
                System.arraycopy(grads, base + own * rowSize, grads, base, (rows - own) * rowSize);
                java.util.Arrays.fill(grads, base + (rows - own) * rowSize, base + rows * rowSize, 0f);
            } else {
                java.util.Arrays.fill(grads, base, base + rows * rowSize, 0f);
            }
        }
    }

    private static void zero(float[] a, int at) {
        FloatVector.zero(S).intoArray(a, at);
        FloatVector.zero(S).intoArray(a, at + V);
    }

    /**
     * out[o + r·V + lane] = f(init + Σ_{j0 ≤ j &lt; j1} vals[j]·src[s0 + delta[j] + r·rs + lane]) for the ROWS rows r, f =
     * ReLU when relu: eight accumulators, the even-numbered entries in one set of four and the odd ones in the other,
     * added at the end.
     */
    private static void rows(float[] vals, int[] delta, int j0, int j1, float[] src, int s0, int rs, float init, boolean relu,
                             float[] out, int o) {
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        FloatVector b0 = FloatVector.zero(S), b1 = b0, b2 = b0, b3 = b0;
        int j = j0;
        for (; j + 1 < j1; j += 2) {
            FloatVector wa = FloatVector.broadcast(S, vals[j]), wb = FloatVector.broadcast(S, vals[j + 1]);
            int p = s0 + delta[j], q = s0 + delta[j + 1];
            a0 = FloatVector.fromArray(S, src, p).fma(wa, a0);
            a1 = FloatVector.fromArray(S, src, p + rs).fma(wa, a1);
            a2 = FloatVector.fromArray(S, src, p + 2 * rs).fma(wa, a2);
            a3 = FloatVector.fromArray(S, src, p + 3 * rs).fma(wa, a3);
            b0 = FloatVector.fromArray(S, src, q).fma(wb, b0);
            b1 = FloatVector.fromArray(S, src, q + rs).fma(wb, b1);
            b2 = FloatVector.fromArray(S, src, q + 2 * rs).fma(wb, b2);
            b3 = FloatVector.fromArray(S, src, q + 3 * rs).fma(wb, b3);
        }
        if (j < j1) {
            FloatVector wa = FloatVector.broadcast(S, vals[j]);
            int p = s0 + delta[j];
            a0 = FloatVector.fromArray(S, src, p).fma(wa, a0);
            a1 = FloatVector.fromArray(S, src, p + rs).fma(wa, a1);
            a2 = FloatVector.fromArray(S, src, p + 2 * rs).fma(wa, a2);
            a3 = FloatVector.fromArray(S, src, p + 3 * rs).fma(wa, a3);
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
     * lanes[j·V + lane] += Σ_r dy[d + r·V + lane]·taps[t0 + delta[j] + r·rs + lane] for j0 ≤ j &lt; j1: one output
     * channel's ROWS gradient rows in registers against each of its entries' tap rows.
     */
    private static void dots(int[] delta, int j0, int j1, float[] taps, int t0, int rs, float[] dy, int d, float[] lanes) {
        if (j0 == j1) return;
        FloatVector g0 = FloatVector.fromArray(S, dy, d), g1 = FloatVector.fromArray(S, dy, d + V);
        FloatVector g2 = FloatVector.fromArray(S, dy, d + 2 * V), g3 = FloatVector.fromArray(S, dy, d + 3 * V);
        for (int j = j0; j < j1; j++) {
            int p = t0 + delta[j];
            FloatVector s = g0.mul(FloatVector.fromArray(S, taps, p));
            FloatVector u = g1.mul(FloatVector.fromArray(S, taps, p + rs));
            s = g2.fma(FloatVector.fromArray(S, taps, p + 2 * rs), s);
            u = g3.fma(FloatVector.fromArray(S, taps, p + 3 * rs), u);
            FloatVector.fromArray(S, lanes, j * V).add(s.add(u)).intoArray(lanes, j * V);
        }
    }

    /**
     * grads[r0 + delta[j] + r·rs + lane] += vals[j]·dy[d + r·V + lane] for the ROWS rows r and j0 ≤ j &lt; j1: one
     * output channel's gradient rows, held in registers, spread onto each of its entries' tap rows.
     */
    private static void scatter(float[] vals, int[] delta, int j0, int j1, float[] grads, int r0, int rs, float[] dy, int d) {
        if (j0 == j1) return;
        FloatVector g0 = FloatVector.fromArray(S, dy, d), g1 = FloatVector.fromArray(S, dy, d + V);
        FloatVector g2 = FloatVector.fromArray(S, dy, d + 2 * V), g3 = FloatVector.fromArray(S, dy, d + 3 * V);
        for (int j = j0; j < j1; j++) {
            FloatVector wv = FloatVector.broadcast(S, vals[j]);
            int p = r0 + delta[j];
            g0.fma(wv, FloatVector.fromArray(S, grads, p)).intoArray(grads, p);
            g1.fma(wv, FloatVector.fromArray(S, grads, p + rs)).intoArray(grads, p + rs);
            g2.fma(wv, FloatVector.fromArray(S, grads, p + 2 * rs)).intoArray(grads, p + 2 * rs);
            g3.fma(wv, FloatVector.fromArray(S, grads, p + 3 * rs)).intoArray(grads, p + 3 * rs);
        }
    }
}
