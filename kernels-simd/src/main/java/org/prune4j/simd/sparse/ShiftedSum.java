package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one inner loop behind CSR SpMM, direct sparse convolution and its input gradient:
 * for every target row t in [t0, t1) and position q in [q0, q1),
 * <pre>dst[dstOff + (t - t0)·dstStride + q] = init(t, q) + Σ_{e in ptr[t]..ptr[t+1]} vals[e] · src[offs[e] + shift + q]</pre>
 * where init is 0, bias[t] or the current dst value (accumulate). Each sparse entry is
 * one broadcast weight and one contiguous run of src starting at its own offset, so the
 * same code serves "row col of B" (SpMM) and "shifted input plane" (convolution).
 *
 * <p>Positions are processed in register tiles of 4 vectors (then 2, 1, scalar) with the
 * tile loop outside the row loop: the src panel a tile touches is reused by every row
 * while it is still in cache, and the accumulators stay in registers across all entries
 * of a row. Full tiles take two rows at once (their common length together, then each
 * rest alone): four chains per row would leave the FMA units waiting on latency. Callers
 * whose rows are short take them one at a time instead (see the shortRows variant), and
 * convolutions whose output rows fill whole tiles write them straight into the output
 * ({@link #runTile}, {@link #runTile16}). Each output is one fixed-order sum, so results never depend on how callers
 * split rows or tiles between threads.
 * <p>The register tiles only sum and store: ReLU is applied by the row loops to each stored tile while it is
 * in L1 ({@link #reluInPlace}). A ReLU branch inside a tile, once both forms had run in one JVM (a compiled
 * ResNet runs both), made C2 compile the tile onto the Vector API's Java fallback, 1.4-7x slower for every
 * caller (docs/BENCHMARKS.md, session 14). Keep flags that change the vector arithmetic out of the tiles.
 * <p>Public only for {@link #row8}, {@link #tile4} and {@link #tile1}, which the dense
 * depthwise convolution (org.prune4j.simd.DepthwiseConv) shares; not an API.
 */
public final class ShiftedSum {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();
    /**
     * Ints of the same shape: lane permutes on the floats' bits, where an int index vector goes straight to vpermi2d
     * and a float one is converted and range-checked on every call.
     */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());

    /** The index vector whose lane i is f(i) (permute tables). */
    static IntVector lanes(java.util.function.IntUnaryOperator f) {
        int[] idx = new int[V];
        for (int i = 0; i < V; i++) idx[i] = f.applyAsInt(i);
        return IntVector.fromArray(INTS, idx, 0);
    }
    /** Positions per full register tile. */
    static final int TILE = 4 * V;
    /** Positions of one {@link #row8} row: eight vectors. */
    public static final int WIDE = 8 * V;
    /**
     * Columns per k block and rows per group when {@link #row8} rows are summed in groups: a group's
     * partial rows stay in an L1 stage (16 × WIDE floats, 8 KB) while its rows pass over one block of
     * the packed panel (64 × WIDE floats, 32 KB), so the rows of a group that hit the same panel rows
     * find them in L1 instead of L2. That pays when rows are dense enough to share panel rows within a
     * group: 16 rows × 64·density entries over 64 panel rows. JMH, 2 threads, SpMM with and without
     * groups (k blocks of 32/64/128 tried, 64 best overall): 64×576×8192 at 50% 4.30 → 2.31 ms, at 60%
     * 2.85–3.26 → 1.92–1.99, at 70% 2.42 → 1.72; 1024×1024×4096 at 50% 52.7 → 26.2; at 80% even, at 90%
     * 10–25% slower (the stage traffic outweighs the few shared panel rows). Hence groups from
     * density {@link #GROUPED_DENSITY} up.
     */
    static final int K_GROUPED = 64, ROWS_GROUPED = 16;
    static final double GROUPED_DENSITY = 0.25;

    /** Whether rows holding nnz entries over rows × k positions are dense enough to be summed in groups. */
    static boolean grouped(long nnz, int rows, int k) {
        return k > K_GROUPED && nnz >= GROUPED_DENSITY * rows * (double) k;
    }

    /**
     * What {@link #row8} needs of a CSR matrix over WIDE-wide packed panels: each entry's row start in the
     * panel (column·WIDE) and the K_GROUPED-column block boundaries of each row ({@link ColumnBlocks}).
     * One plan per matrix, shared by SpMM and the sparse Linear layer through {@link PlanCache}.
     */
    record WidePlan(int[] offs, int[] starts, int[] used) {
        private record Key() {}

        /** offs: each entry's packed row (column·WIDE); starts: k-block starts; used: the columns any entry has, ascending. */
        static WidePlan of(org.prune4j.core.sparse.CsrMatrix a) {
            return PlanCache.get(a, new Key(), () -> {
                int[] ci = a.colIdx();
                int[] offs = new int[ci.length];
                boolean[] has = new boolean[a.cols()];
                for (int e = 0; e < offs.length; e++) {
                    offs[e] = ci[e] * WIDE;
                    has[ci[e]] = true;
                }
                int count = 0;
                for (boolean h : has) if (h) count++;
                int[] used = new int[count];
                for (int c = 0, i = 0; c < has.length; c++) if (has[c]) used[i++] = c;
                return new WidePlan(offs, ColumnBlocks.starts(a.rowPtr(), ci, a.rows(), a.cols(), K_GROUPED), used);
            });
        }
    }

    /**
     * Rows [t0, t1) of a packed WIDE panel into stage rows WIDE apart (row t at sOff + (t - t0)·WIDE):
     * with starts, k block by k block so the group's shared panel rows come from L1 ({@link #K_GROUPED});
     * with starts null, each row whole. The stage rows start from bias (or 0), or from their current
     * values when loaded. m is the matrix's row count (the stride of starts).
     */
    static void stageRows(float[] vals, int[] offs, int[] starts, int[] ptr, int m, int t0, int t1,
                          float[] src, int s, float[] stage, int sOff, float[] bias, boolean loaded) {
        int nb = starts == null ? 1 : ColumnBlocks.count(starts, m);
        int[] lo = starts == null ? ptr : starts;
        int hiOff = starts == null ? 1 : m;
        for (int kb = 0; kb < nb; kb++) {
            boolean init = kb == 0 && !loaded;
            for (int t = t0; t < t1; t++) {
                int p0 = lo[kb * m + t], p1 = lo[kb * m + hiOff + t];
                if (!init && p0 == p1) continue;
                row8(vals, offs, p0, p1, src, s, stage, sOff + (t - t0) * WIDE, init(bias, t), !init);
            }
        }
    }

    private ShiftedSum() {}

    /** All entries of each row: row t is ptr[t] .. ptr[t+1]. */
    static void run(float[] vals, int[] offs, int[] ptr, int t0, int t1,
                    float[] src, int shift, int q0, int q1,
                    float[] dst, int dstOff, int dstStride,
                    float[] bias, boolean relu, boolean accumulate) {
        run(vals, offs, ptr, 0, ptr, 1, t0, t1, src, shift, q0, q1, dst, dstOff, dstStride, bias, relu, accumulate);
    }

    /**
     * Row t uses entries begin[beginOff + t] .. end[endOff + t], so a caller can sum a
     * row in several parts (the sparse convolution's taps). When accumulating without ReLU
     * an empty range leaves the row untouched and is skipped.
     */
    static void run(float[] vals, int[] offs, int[] begin, int beginOff, int[] end, int endOff, int t0, int t1,
                    float[] src, int shift, int q0, int q1,
                    float[] dst, int dstOff, int dstStride,
                    float[] bias, boolean relu, boolean accumulate) {
        boolean skipEmpty = accumulate && !relu;
        int q = q0;
        for (; q + TILE <= q1; q += TILE) {
            int t = t0;
            // Two rows at a time: eight independent accumulator chains hide the FMA latency.
            for (; t + 1 < t1; t += 2) {
                int s0 = begin[beginOff + t], e0 = end[endOff + t], s1 = begin[beginOff + t + 1], e1 = end[endOff + t + 1];
                int d = dstOff + (t - t0) * dstStride + q;
                if (skipEmpty && s0 == e0) {
                    if (s1 != e1) tile4(vals, offs, s1, e1, src, shift + q, dst, d + dstStride, 0f, true);
                } else if (skipEmpty && s1 == e1) {
                    tile4(vals, offs, s0, e0, src, shift + q, dst, d, 0f, true);
                } else {
                    tile4x2(vals, offs, s0, e0, s1, e1, src, shift + q, dst, d, d + dstStride,
                            init(bias, t), init(bias, t + 1), accumulate);
                    if (relu) {
                        reluInPlace(dst, d, TILE);
                        reluInPlace(dst, d + dstStride, TILE);
                    }
                }
            }
            if (t < t1) {
                int s0 = begin[beginOff + t], e0 = end[endOff + t];
                if (!(skipEmpty && s0 == e0)) {
                    int d = dstOff + (t - t0) * dstStride + q;
                    tile4(vals, offs, s0, e0, src, shift + q, dst, d, init(bias, t), accumulate);
                    if (relu) reluInPlace(dst, d, TILE);
                }
            }
        }
        if (q == q1) return;
        for (int t = t0; t < t1; t++) {
            int p0 = begin[beginOff + t], p1 = end[endOff + t];
            if (skipEmpty && p0 == p1) continue;
            int d = dstOff + (t - t0) * dstStride;
            float b = init(bias, t);
            int j = q;
            if (q1 - q > 3 * V) {
                // Between three and four vectors (MobileNet's 7×7 planes: 49 columns): one pass, the fourth vector
                // ending at q1 and overlapping the third, where tile2, tile1 and tail made three.
                int last = q1 - q - V, skip = 3 * V - last;
                tile4Last(vals, offs, p0, p1, src, shift + q, last, dst, d + q, last, SPECIES.indexInRange(-skip, V - skip), b, accumulate, relu);
                continue;
            }
            if (j + 2 * V <= q1) {
                tile2(vals, offs, p0, p1, src, shift + j, dst, d + j, b, accumulate);
                if (relu) reluInPlace(dst, d + j, 2 * V);
                j += 2 * V;
            }
            if (j + V <= q1) {
                tile1(vals, offs, p0, p1, src, shift + j, dst, d + j, b, accumulate);
                if (relu) reluInPlace(dst, d + j, V);
                j += V;
            }
            if (j < q1 && q1 - q0 >= V) {
                // The last columns as one vector ending at q1, overlapping columns already done; only the new lanes are stored.
                tail(vals, offs, p0, p1, src, shift + q1 - V, dst, d + q1 - V, j - (q1 - V), b, accumulate);
                // The overlapped lanes already hold this row's ReLU'd values: applying it again changes nothing.
                if (relu) reluInPlace(dst, d + q1 - V, V);
                continue;
            }
            for (; j < q1; j++) {
                float s = accumulate ? dst[d + j] : b;
                for (int e = p0; e < p1; e++) s = Math.fma(vals[e], src[offs[e] + shift + j], s);
                // Same convention as the reference: NaN passes through ReLU, negatives become 0.
                dst[d + j] = relu && s < 0f ? 0f : s;
            }
        }
    }

    /**
     * One register tile of 4 vectors per row whose sources are not contiguous: for rows t in
     * [t0, t1), vector i of the tile reads src[offs[e] + q + o_i] (o_0 = 0) and lands at
     * dst[d + (t - t0)·dstStride + i·V]. With o = (V, W, W+V) a tile is two output rows of
     * 2V pixels of a plane whose rows are W apart in src (a 32-wide image) and consecutive in
     * dst, so a convolution writes its output planes straight from registers, without a
     * staging buffer, a copy pass or junk columns. Same sum order as {@link #run}.
     */
    static void runTile(float[] vals, int[] offs, int[] begin, int beginOff, int[] end, int endOff, int t0, int t1,
                        float[] src, int q, int o1, int o2, int o3,
                        float[] dst, int d, int dstStride,
                        float[] bias, boolean relu, boolean accumulate) {
        boolean skipEmpty = accumulate && !relu;
        int t = t0;
        for (; t + 1 < t1; t += 2) {
            int s0 = begin[beginOff + t], e0 = end[endOff + t], s1 = begin[beginOff + t + 1], e1 = end[endOff + t + 1];
            int d0 = d + (t - t0) * dstStride;
            if (skipEmpty && s0 == e0) {
                if (s1 != e1) tile4g(vals, offs, s1, e1, src, q, o1, o2, o3, dst, d0 + dstStride, 0f, true);
            } else if (skipEmpty && s1 == e1) {
                tile4g(vals, offs, s0, e0, src, q, o1, o2, o3, dst, d0, 0f, true);
            } else {
                tile4x2g(vals, offs, s0, e0, s1, e1, src, q, o1, o2, o3, dst, d0, d0 + dstStride,
                        init(bias, t), init(bias, t + 1), accumulate);
                if (relu) {
                    reluInPlace(dst, d0, TILE);
                    reluInPlace(dst, d0 + dstStride, TILE);
                }
            }
        }
        if (t < t1) {
            int s0 = begin[beginOff + t], e0 = end[endOff + t];
            if (!(skipEmpty && s0 == e0)) {
                int d0 = d + (t - t0) * dstStride;
                tile4g(vals, offs, s0, e0, src, q, o1, o2, o3, dst, d0, init(bias, t), accumulate);
                if (relu) reluInPlace(dst, d0, TILE);
            }
        }
    }

    private static void tile4g(float[] vals, int[] offs, int p0, int p1, float[] src, int q, int o1, int o2, int o3,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + 3 * V);
        } else {
            a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + o1).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + o2).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + o3).fma(w, a3);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
    }

    private static void tile4x2g(float[] vals, int[] offs, int s0, int e0, int s1, int e1, float[] src, int q, int o1, int o2, int o3,
                                 float[] dst, int d0, int d1, float b0, float b1, boolean accumulate) {
        FloatVector a0, a1, a2, a3, c0, c1, c2, c3;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d0);
            a1 = FloatVector.fromArray(SPECIES, dst, d0 + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d0 + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d0 + 3 * V);
            c0 = FloatVector.fromArray(SPECIES, dst, d1);
            c1 = FloatVector.fromArray(SPECIES, dst, d1 + V);
            c2 = FloatVector.fromArray(SPECIES, dst, d1 + 2 * V);
            c3 = FloatVector.fromArray(SPECIES, dst, d1 + 3 * V);
        } else {
            a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b0);
            c0 = c1 = c2 = c3 = FloatVector.broadcast(SPECIES, b1);
        }
        int common = Math.min(e0 - s0, e1 - s1);
        for (int j = 0; j < common; j++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[s0 + j]);
            FloatVector u = FloatVector.broadcast(SPECIES, vals[s1 + j]);
            int o = offs[s0 + j] + q, r = offs[s1 + j] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            c0 = FloatVector.fromArray(SPECIES, src, r).fma(u, c0);
            a1 = FloatVector.fromArray(SPECIES, src, o + o1).fma(w, a1);
            c1 = FloatVector.fromArray(SPECIES, src, r + o1).fma(u, c1);
            a2 = FloatVector.fromArray(SPECIES, src, o + o2).fma(w, a2);
            c2 = FloatVector.fromArray(SPECIES, src, r + o2).fma(u, c2);
            a3 = FloatVector.fromArray(SPECIES, src, o + o3).fma(w, a3);
            c3 = FloatVector.fromArray(SPECIES, src, r + o3).fma(u, c3);
        }
        for (int e = s0 + common; e < e0; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + o1).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + o2).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + o3).fma(w, a3);
        }
        for (int e = s1 + common; e < e1; e++) {
            FloatVector u = FloatVector.broadcast(SPECIES, vals[e]);
            int r = offs[e] + q;
            c0 = FloatVector.fromArray(SPECIES, src, r).fma(u, c0);
            c1 = FloatVector.fromArray(SPECIES, src, r + o1).fma(u, c1);
            c2 = FloatVector.fromArray(SPECIES, src, r + o2).fma(u, c2);
            c3 = FloatVector.fromArray(SPECIES, src, r + o3).fma(u, c3);
        }
        a0.intoArray(dst, d0);
        a1.intoArray(dst, d0 + V);
        a2.intoArray(dst, d0 + 2 * V);
        a3.intoArray(dst, d0 + 3 * V);
        c0.intoArray(dst, d1);
        c1.intoArray(dst, d1 + V);
        c2.intoArray(dst, d1 + 2 * V);
        c3.intoArray(dst, d1 + 3 * V);
    }

    /**
     * Source row strides of {@link #runTile16}: 16 rows of V pixels are read ROWS_OF_V_STRIDE floats
     * apart, 8 rows of 2V ROWS_OF_2V_STRIDE apart. Constants, not a parameter: the Vector API checks
     * the bounds of every load, and C2 folds the 16 checks of one weight entry into two only when the
     * loads' offsets differ by constants. With the stride a variable those checks cost the 16- and
     * 32-channel ResNet layers and VGG's 128-channel 16x16 layer 1.2-1.9x in forward time (JMH A/B
     * with the stride hard-coded; with -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 the variable
     * stride ran 1.3-1.5x faster). Both are whole lines, so rows keep their alignment; the layouts
     * pad their rows to them (the columns past the image are zeros the tiles never read).
     */
    static final int ROWS_OF_V_STRIDE = 32, ROWS_OF_2V_STRIDE = 48;

    /**
     * Whole-plane-row tiles of 16 vectors for one row at a time (AVX-512 only: 16
     * accumulators, the weight and a load fit its 32 registers): 16 output rows of V pixels
     * ({@code rowsOfV}) or 8 rows of 2V, rows {@link #ROWS_OF_V_STRIDE} or
     * {@link #ROWS_OF_2V_STRIDE} apart in src and contiguous in dst. Against
     * two rows of 4 vectors this loads the weight and offset once per 16 FMAs instead of 4
     * and leaves the nonzero loop once per 16 vectors instead of three times per 8, which is
     * what short rows (7-15 entries in a 3x3 16-channel layer at 90-95%) spend most on.
     * Same sum order as {@link #run}.
     */
    static void runTile16(float[] vals, int[] offs, int[] begin, int beginOff, int[] end, int endOff, int t0, int t1,
                          float[] src, int q, boolean rowsOfV,
                          float[] dst, int d, int dstStride,
                          float[] bias, boolean relu, boolean accumulate) {
        boolean skipEmpty = accumulate && !relu;
        for (int t = t0; t < t1; t++) {
            int p0 = begin[beginOff + t], p1 = end[endOff + t];
            if (skipEmpty && p0 == p1) continue;
            int dt = d + (t - t0) * dstStride;
            if (rowsOfV) {
                tile16x1(vals, offs, p0, p1, src, q, dst, dt, init(bias, t), accumulate);
            } else {
                tile8x2(vals, offs, p0, p1, src, q, dst, dt, init(bias, t), accumulate);
            }
            if (relu) reluInPlace(dst, dt, 4 * TILE);
        }
    }

    private static void tile16x1(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + 1 * V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + 3 * V);
            a4 = FloatVector.fromArray(SPECIES, dst, d + 4 * V);
            a5 = FloatVector.fromArray(SPECIES, dst, d + 5 * V);
            a6 = FloatVector.fromArray(SPECIES, dst, d + 6 * V);
            a7 = FloatVector.fromArray(SPECIES, dst, d + 7 * V);
            a8 = FloatVector.fromArray(SPECIES, dst, d + 8 * V);
            a9 = FloatVector.fromArray(SPECIES, dst, d + 9 * V);
            a10 = FloatVector.fromArray(SPECIES, dst, d + 10 * V);
            a11 = FloatVector.fromArray(SPECIES, dst, d + 11 * V);
            a12 = FloatVector.fromArray(SPECIES, dst, d + 12 * V);
            a13 = FloatVector.fromArray(SPECIES, dst, d + 13 * V);
            a14 = FloatVector.fromArray(SPECIES, dst, d + 14 * V);
            a15 = FloatVector.fromArray(SPECIES, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            o += ROWS_OF_V_STRIDE;
            a1 = FloatVector.fromArray(SPECIES, src, o).fma(w, a1);
            o += ROWS_OF_V_STRIDE;
            a2 = FloatVector.fromArray(SPECIES, src, o).fma(w, a2);
            o += ROWS_OF_V_STRIDE;
            a3 = FloatVector.fromArray(SPECIES, src, o).fma(w, a3);
            o += ROWS_OF_V_STRIDE;
            a4 = FloatVector.fromArray(SPECIES, src, o).fma(w, a4);
            o += ROWS_OF_V_STRIDE;
            a5 = FloatVector.fromArray(SPECIES, src, o).fma(w, a5);
            o += ROWS_OF_V_STRIDE;
            a6 = FloatVector.fromArray(SPECIES, src, o).fma(w, a6);
            o += ROWS_OF_V_STRIDE;
            a7 = FloatVector.fromArray(SPECIES, src, o).fma(w, a7);
            o += ROWS_OF_V_STRIDE;
            a8 = FloatVector.fromArray(SPECIES, src, o).fma(w, a8);
            o += ROWS_OF_V_STRIDE;
            a9 = FloatVector.fromArray(SPECIES, src, o).fma(w, a9);
            o += ROWS_OF_V_STRIDE;
            a10 = FloatVector.fromArray(SPECIES, src, o).fma(w, a10);
            o += ROWS_OF_V_STRIDE;
            a11 = FloatVector.fromArray(SPECIES, src, o).fma(w, a11);
            o += ROWS_OF_V_STRIDE;
            a12 = FloatVector.fromArray(SPECIES, src, o).fma(w, a12);
            o += ROWS_OF_V_STRIDE;
            a13 = FloatVector.fromArray(SPECIES, src, o).fma(w, a13);
            o += ROWS_OF_V_STRIDE;
            a14 = FloatVector.fromArray(SPECIES, src, o).fma(w, a14);
            o += ROWS_OF_V_STRIDE;
            a15 = FloatVector.fromArray(SPECIES, src, o).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

    private static void tile8x2(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + 1 * V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + 3 * V);
            a4 = FloatVector.fromArray(SPECIES, dst, d + 4 * V);
            a5 = FloatVector.fromArray(SPECIES, dst, d + 5 * V);
            a6 = FloatVector.fromArray(SPECIES, dst, d + 6 * V);
            a7 = FloatVector.fromArray(SPECIES, dst, d + 7 * V);
            a8 = FloatVector.fromArray(SPECIES, dst, d + 8 * V);
            a9 = FloatVector.fromArray(SPECIES, dst, d + 9 * V);
            a10 = FloatVector.fromArray(SPECIES, dst, d + 10 * V);
            a11 = FloatVector.fromArray(SPECIES, dst, d + 11 * V);
            a12 = FloatVector.fromArray(SPECIES, dst, d + 12 * V);
            a13 = FloatVector.fromArray(SPECIES, dst, d + 13 * V);
            a14 = FloatVector.fromArray(SPECIES, dst, d + 14 * V);
            a15 = FloatVector.fromArray(SPECIES, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            o += ROWS_OF_2V_STRIDE;
            a2 = FloatVector.fromArray(SPECIES, src, o).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a3);
            o += ROWS_OF_2V_STRIDE;
            a4 = FloatVector.fromArray(SPECIES, src, o).fma(w, a4);
            a5 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a5);
            o += ROWS_OF_2V_STRIDE;
            a6 = FloatVector.fromArray(SPECIES, src, o).fma(w, a6);
            a7 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a7);
            o += ROWS_OF_2V_STRIDE;
            a8 = FloatVector.fromArray(SPECIES, src, o).fma(w, a8);
            a9 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a9);
            o += ROWS_OF_2V_STRIDE;
            a10 = FloatVector.fromArray(SPECIES, src, o).fma(w, a10);
            a11 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a11);
            o += ROWS_OF_2V_STRIDE;
            a12 = FloatVector.fromArray(SPECIES, src, o).fma(w, a12);
            a13 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a13);
            o += ROWS_OF_2V_STRIDE;
            a14 = FloatVector.fromArray(SPECIES, src, o).fma(w, a14);
            a15 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

    /**
     * dst[d + i] = init + Σ_e vals[e]·src[s + offs[e] + i] for i &lt; WIDE, where init is
     * b or, when accumulating, dst's current value: one whole row of a WIDE-wide packed panel. Eight
     * accumulators are eight independent FMA chains, enough to cover the FMA latency on one row, so rows need
     * no pairing and the loop overhead is paid once per eight FMAs (SpMM and the sparse Linear layer over
     * 128-wide panels; see {@link CsrSpmm}).
     */
    public static void row8(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d, float b,
                            boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + 3 * V);
            a4 = FloatVector.fromArray(SPECIES, dst, d + 4 * V);
            a5 = FloatVector.fromArray(SPECIES, dst, d + 5 * V);
            a6 = FloatVector.fromArray(SPECIES, dst, d + 6 * V);
            a7 = FloatVector.fromArray(SPECIES, dst, d + 7 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = s + offs[e];
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(SPECIES, src, o + 4 * V).fma(w, a4);
            a5 = FloatVector.fromArray(SPECIES, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(SPECIES, src, o + 6 * V).fma(w, a6);
            a7 = FloatVector.fromArray(SPECIES, src, o + 7 * V).fma(w, a7);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
    }

    private static float init(float[] bias, int t) {
        return bias == null ? 0f : bias[t];
    }

    /** dst[d..d+len) = ReLU(src[s..s+len)) for len a multiple of V; NaN passes through. */
    static void reluInPlace(float[] dst, int d, int len) {
        reluCopy(dst, d, dst, d, len);
    }

    static void reluCopy(float[] src, int s, float[] dst, int d, int len) {
        for (int i = 0; i < len; i += V) relu(FloatVector.fromArray(SPECIES, src, s + i)).intoArray(dst, d + i);
    }

    private static FloatVector relu(FloatVector v) {
        return v.blend(0f, v.compare(VectorOperators.LT, 0f));
    }

    /**
     * dst[d + i] = init + Σ_e vals[e]·src[offs[e] + q + i] for i &lt; len (any length), in {@link #row8}'s order: one
     * FMA chain per vector from init, entries in order. Columns a caller sums here rather than in a strip of row8
     * get the same bits, so it may move where its strips start (CsrSpmm's in-place product starts them on cache
     * lines). Up to four vectors at a time, the last ones masked; a lone vector is one chain, at the FMA latency.
     */
    static void rowLanes(float[] vals, int[] offs, int p0, int p1, float[] src, int q, float[] dst, int d, int len,
                         float b, boolean accumulate, boolean relu) {
        for (int i = 0; i < len; i += 4 * V) {
            if (len - i <= V) {
                VectorMask<Float> m0 = SPECIES.indexInRange(i, len);
                FloatVector a0 = accumulate ? FloatVector.fromArray(SPECIES, dst, d + i, m0) : FloatVector.broadcast(SPECIES, b);
                for (int e = p0; e < p1; e++) {
                    a0 = FloatVector.fromArray(SPECIES, src, offs[e] + q + i, m0).fma(FloatVector.broadcast(SPECIES, vals[e]), a0);
                }
                (relu ? relu(a0) : a0).intoArray(dst, d + i, m0);
                return;
            }
            VectorMask<Float> m0 = SPECIES.indexInRange(i, len), m1 = SPECIES.indexInRange(i + V, len);
            VectorMask<Float> m2 = SPECIES.indexInRange(i + 2 * V, len), m3 = SPECIES.indexInRange(i + 3 * V, len);
            FloatVector a0, a1, a2, a3;
            if (accumulate) {
                a0 = FloatVector.fromArray(SPECIES, dst, d + i, m0);
                a1 = FloatVector.fromArray(SPECIES, dst, d + i + V, m1);
                a2 = FloatVector.fromArray(SPECIES, dst, d + i + 2 * V, m2);
                a3 = FloatVector.fromArray(SPECIES, dst, d + i + 3 * V, m3);
            } else {
                a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b);
            }
            for (int e = p0; e < p1; e++) {
                FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
                int o = offs[e] + q + i;
                a0 = FloatVector.fromArray(SPECIES, src, o, m0).fma(w, a0);
                a1 = FloatVector.fromArray(SPECIES, src, o + V, m1).fma(w, a1);
                a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V, m2).fma(w, a2);
                a3 = FloatVector.fromArray(SPECIES, src, o + 3 * V, m3).fma(w, a3);
            }
            if (relu) {
                a0 = relu(a0);
                a1 = relu(a1);
                a2 = relu(a2);
                a3 = relu(a3);
            }
            a0.intoArray(dst, d + i, m0);
            a1.intoArray(dst, d + i + V, m1);
            a2.intoArray(dst, d + i + 2 * V, m2);
            a3.intoArray(dst, d + i + 3 * V, m3);
        }
    }

    /** dst[d + i] = init + Σ_e vals[e]·src[offs[e] + q + i] for i &lt; 4V, as {@link #row8} for half a row. */
    public static void tile4(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                             float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + 3 * V);
        } else {
            a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + 3 * V).fma(w, a3);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
    }

    /**
     * Columns [0, 3V + the lanes of m) of one row at dst[d]: vectors of src at q, q + V, q + 2V and q + lastLoad, the
     * last stored at d + lastStore under m. Two uses: B read in place with the fourth vector ending at the row's end
     * (lastLoad = lastStore = n − V, m its lanes past 3V), and B packed in rows of 4V with the fourth vector a whole
     * line (lastLoad = lastStore = 3V, m the lanes below n − 3V); with accumulate and ReLU only m's lanes are read.
     */
    static void tile4Last(float[] vals, int[] offs, int p0, int p1, float[] src, int q, int lastLoad,
                          float[] dst, int d, int lastStore, VectorMask<Float> m, float b, boolean accumulate, boolean relu) {
        FloatVector a0, a1, a2, a3;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d + lastStore, m);
        } else {
            a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + lastLoad).fma(w, a3);
        }
        if (relu) {
            a0 = relu(a0);
            a1 = relu(a1);
            a2 = relu(a2);
            a3 = relu(a3);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + lastStore, m);
    }

    /**
     * Rows [t0, t1) of C (row stride n, 3V &lt; n &lt; 4V) from B packed in rows of 4V floats on cache lines (offs in
     * units of those rows): {@link #tile4Last} with every load on a line.
     */
    static void rowsOfFour(float[] vals, int[] offs, int[] ptr, int t0, int t1, float[] buf, int b0, int n,
                           float[] dst, int dstOff, float[] bias, boolean relu, boolean accumulate) {
        boolean skipEmpty = accumulate && !relu;
        VectorMask<Float> m = SPECIES.indexInRange(0, n - 3 * V);
        for (int t = t0; t < t1; t++) {
            if (skipEmpty && ptr[t] == ptr[t + 1]) continue;
            tile4Last(vals, offs, ptr[t], ptr[t + 1], buf, b0, 3 * V, dst, dstOff + (t - t0) * n, 3 * V, m, init(bias, t), accumulate, relu);
        }
    }

    private static void tile4x2(float[] vals, int[] offs, int s0, int e0, int s1, int e1, float[] src, int q,
                                float[] dst, int d0, int d1, float b0, float b1, boolean accumulate) {
        FloatVector a0, a1, a2, a3, c0, c1, c2, c3;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d0);
            a1 = FloatVector.fromArray(SPECIES, dst, d0 + V);
            a2 = FloatVector.fromArray(SPECIES, dst, d0 + 2 * V);
            a3 = FloatVector.fromArray(SPECIES, dst, d0 + 3 * V);
            c0 = FloatVector.fromArray(SPECIES, dst, d1);
            c1 = FloatVector.fromArray(SPECIES, dst, d1 + V);
            c2 = FloatVector.fromArray(SPECIES, dst, d1 + 2 * V);
            c3 = FloatVector.fromArray(SPECIES, dst, d1 + 3 * V);
        } else {
            a0 = a1 = a2 = a3 = FloatVector.broadcast(SPECIES, b0);
            c0 = c1 = c2 = c3 = FloatVector.broadcast(SPECIES, b1);
        }
        int common = Math.min(e0 - s0, e1 - s1);
        for (int j = 0; j < common; j++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[s0 + j]);
            FloatVector u = FloatVector.broadcast(SPECIES, vals[s1 + j]);
            int o = offs[s0 + j] + q, r = offs[s1 + j] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            c0 = FloatVector.fromArray(SPECIES, src, r).fma(u, c0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            c1 = FloatVector.fromArray(SPECIES, src, r + V).fma(u, c1);
            a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V).fma(w, a2);
            c2 = FloatVector.fromArray(SPECIES, src, r + 2 * V).fma(u, c2);
            a3 = FloatVector.fromArray(SPECIES, src, o + 3 * V).fma(w, a3);
            c3 = FloatVector.fromArray(SPECIES, src, r + 3 * V).fma(u, c3);
        }
        for (int e = s0 + common; e < e0; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(SPECIES, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(SPECIES, src, o + 3 * V).fma(w, a3);
        }
        for (int e = s1 + common; e < e1; e++) {
            FloatVector u = FloatVector.broadcast(SPECIES, vals[e]);
            int r = offs[e] + q;
            c0 = FloatVector.fromArray(SPECIES, src, r).fma(u, c0);
            c1 = FloatVector.fromArray(SPECIES, src, r + V).fma(u, c1);
            c2 = FloatVector.fromArray(SPECIES, src, r + 2 * V).fma(u, c2);
            c3 = FloatVector.fromArray(SPECIES, src, r + 3 * V).fma(u, c3);
        }
        a0.intoArray(dst, d0);
        a1.intoArray(dst, d0 + V);
        a2.intoArray(dst, d0 + 2 * V);
        a3.intoArray(dst, d0 + 3 * V);
        c0.intoArray(dst, d1);
        c1.intoArray(dst, d1 + V);
        c2.intoArray(dst, d1 + 2 * V);
        c3.intoArray(dst, d1 + 3 * V);
    }

    private static void tile2(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                              float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1;
        if (accumulate) {
            a0 = FloatVector.fromArray(SPECIES, dst, d);
            a1 = FloatVector.fromArray(SPECIES, dst, d + V);
        } else {
            a0 = a1 = FloatVector.broadcast(SPECIES, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(SPECIES, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(SPECIES, src, o + V).fma(w, a1);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
    }

    /**
     * One vector at dst[d, d+V) of which lanes [skip, V) are stored: the last columns of a
     * row that is not a whole number of vectors wide.
     */
    private static void tail(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                             float[] dst, int d, int skip, float b, boolean accumulate) {
        FloatVector a0 = chains(vals, offs, p0, p1, src, q, accumulate ? FloatVector.fromArray(SPECIES, dst, d) : FloatVector.broadcast(SPECIES, b));
        a0.intoArray(dst, d, SPECIES.indexInRange(-skip, V - skip));
    }

    /** The same for one vector, its entries spread over four FMA chains ({@link #chains}). */
    public static void tile1(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                             float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0 = chains(vals, offs, p0, p1, src, q, accumulate ? FloatVector.fromArray(SPECIES, dst, d) : FloatVector.broadcast(SPECIES, b));
        a0.intoArray(dst, d);
    }

    /**
     * init + Σ_e vals[e]·src[offs[e] + q .. +V) for a single vector. With one accumulator each
     * entry waits for the previous FMA (4 cycles); entries go round-robin to four chains, added
     * (((init + c0) + c1) + c2) + c3 at the end: a fixed order, so still the same bits for any
     * thread count.
     */
    private static FloatVector chains(float[] vals, int[] offs, int p0, int p1, float[] src, int q, FloatVector init) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        int e = p0;
        for (; e + 3 < p1; e += 4) {
            c0 = FloatVector.fromArray(SPECIES, src, offs[e] + q).fma(FloatVector.broadcast(SPECIES, vals[e]), c0);
            c1 = FloatVector.fromArray(SPECIES, src, offs[e + 1] + q).fma(FloatVector.broadcast(SPECIES, vals[e + 1]), c1);
            c2 = FloatVector.fromArray(SPECIES, src, offs[e + 2] + q).fma(FloatVector.broadcast(SPECIES, vals[e + 2]), c2);
            c3 = FloatVector.fromArray(SPECIES, src, offs[e + 3] + q).fma(FloatVector.broadcast(SPECIES, vals[e + 3]), c3);
        }
        for (; e < p1; e++) c0 = FloatVector.fromArray(SPECIES, src, offs[e] + q).fma(FloatVector.broadcast(SPECIES, vals[e]), c0);
        return init.add(c0).add(c1).add(c2).add(c3);
    }
}
