package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loop behind SDDMM and the sparse weight gradient: for each entry p in
 * [p0, p1), acc[p] += Σ_{i < len} a[aOff + i] · b[offs[p] + shift + i]. One dense row a
 * is dotted with several rows of b that start at arbitrary offsets.
 *
 * <p>Entries are taken four at a time so each vector of a is loaded once for four FMAs,
 * and the length is unrolled by two so eight independent accumulators hide the FMA
 * latency. Lanes are reduced once at the end; partial sums are added in double so long
 * reductions (batch × spatial) lose little precision. The order of operations depends
 * only on the arguments, never on threads.
 */
final class ShiftedDot {
    private static final VectorSpecies<Float> SPECIES = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;

    private ShiftedDot() {}

    /** lanes: scratch of at least 8·V floats (see {@link #rows4} for why the lane sums are not taken in place). */
    static void dots(float[] a, int aOff, float[] b, int[] offs, int shift, int p0, int p1, int len, double[] acc, float[] lanes) {
        if (len == 8 * V) {
            eightVectors(a, aOff, b, offs, shift, p0, p1, acc);
            return;
        }
        int p = p0;
        if (len > 3 * V && len < 4 * V) {
            // Rows of three to four vectors (7×7 planes): a lane sum per entry cost more than its FMAs. JMH A/B of the
            // 7×7 1024-channel sparse 1×1 step (batch 64): 1.23× at 90%, 1.40× at 95% (session 29, ab-short-dots).
            for (; p + 4 <= p1; p += 4) {
                shortDot4(a, aOff, b, offs[p] + shift, offs[p + 1] + shift, offs[p + 2] + shift, offs[p + 3] + shift, len, lanes);
                acc[p] += lanes[0];
                acc[p + 1] += lanes[V / 4];
                acc[p + 2] += lanes[V / 2];
                acc[p + 3] += lanes[3 * V / 4];
            }
        }
        for (; p + 4 <= p1; p += 4) {
            dot4(a, aOff, b, offs[p] + shift, offs[p + 1] + shift, offs[p + 2] + shift, offs[p + 3] + shift, len, acc, p, lanes);
        }
        for (; p < p1; p++) acc[p] += dot1(a, aOff, b, offs[p] + shift, len);
    }

    /**
     * {@link #dots} for rows of exactly eight vectors (a Linear layer's weight gradient at batch 128, dots along the
     * batch): the row of a stays in eight registers for all entries, and each entry's dot is two FMA chains summed by
     * one butterfly in place. The four-entry form reloads a for every four entries, stores its eight accumulators and
     * sums them in calls C2 does not inline (perf: 15% in LaneSum.pairSum). In one JVM, alternating, 1024×1024 at 90%
     * on two threads: 0.85 → 0.48 ms (docs/sittings/2026-12-05-s32/probes/SdProbe.java).
     */
    private static void eightVectors(float[] a, int aOff, float[] b, int[] offs, int shift, int p0, int p1, double[] acc) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, a, aOff), a1 = FloatVector.fromArray(SPECIES, a, aOff + V);
        FloatVector a2 = FloatVector.fromArray(SPECIES, a, aOff + 2 * V), a3 = FloatVector.fromArray(SPECIES, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(SPECIES, a, aOff + 4 * V), a5 = FloatVector.fromArray(SPECIES, a, aOff + 5 * V);
        FloatVector a6 = FloatVector.fromArray(SPECIES, a, aOff + 6 * V), a7 = FloatVector.fromArray(SPECIES, a, aOff + 7 * V);
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(SPECIES, b, o).mul(a0).add(FloatVector.fromArray(SPECIES, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(SPECIES, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(SPECIES, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(SPECIES, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(SPECIES, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(SPECIES, b, o + 6 * V).fma(a6, s);
            t = FloatVector.fromArray(SPECIES, b, o + 7 * V).fma(a7, t);
            acc[p] += LaneSum.sum(s.add(t));
        }
    }

    /**
     * {@link #dots} over rows only: for each entry p, acc[p] += Σ over images i &lt; images, rows r &lt; rows and columns
     * j &lt; cols (a multiple of V) of a[aOff + i·plane + r·stride + j]·b[offs[p] + shift + the same]. Skips the junk
     * columns between rows, which in the forward's 48-float rows of 32-wide planes are a third of every row. lanes
     * is scratch of at least 8·V floats.
     */
    static void dotsRows(float[] a, int aOff, float[] b, int[] offs, int shift, int p0, int p1,
                         int images, int plane, int rows, int stride, int cols, double[] acc, float[] lanes) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            rows4(a, aOff, b, offs[p] + shift - aOff, offs[p + 1] + shift - aOff, offs[p + 2] + shift - aOff,
                    offs[p + 3] + shift - aOff, images, plane, rows, stride, cols, lanes);
            LaneSum.addPairSums(lanes, 4, acc, p);
        }
        if (p < p1) {
            // One to three entries left: a four-entry call with the last entry repeated. A lone entry's single
            // accumulator chain ran at the FMA latency, so this costs no more than the entries alone did.
            int last = p1 - 1;
            int o0 = offs[p] + shift - aOff, o1 = offs[Math.min(p + 1, last)] + shift - aOff, o2 = offs[Math.min(p + 2, last)] + shift - aOff;
            rows4(a, aOff, b, o0, o1, o2, o2, images, plane, rows, stride, cols, lanes);
            LaneSum.addPairSums(lanes, p1 - p, acc, p);
        }
    }

    /**
     * The four entries' accumulators (rows of b at o0..o3 relative to a) for dotsRows, stored to lanes as s0, u0,
     * s1, u1, ... for {@link LaneSum#addPairSums}. Methods of their own, and no lane sums inside: with a loop this
     * size C2 runs out of its inlining budget before the final vector ops and runs them out of line, allocating a
     * vector per op (JFR: the two-row loops below with their four lane sums inside allocated 1.27 MB per call of
     * ResNet's 16-channel layer step; Float512Vector allocations under dotsRows in session 15). Rows of one or two
     * vectors (16- and 32-wide planes) go two rows per loop trip ({@link #pairsV}, {@link #pairs2V}): one row per
     * trip ran four or eight FMAs between loop branches, and with one-vector rows only four accumulator chains. Those
     * planes' heights are even (their layouts require it); odd heights take {@link #rowsAny}.
     */
    private static void rows4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                              int images, int plane, int rows, int stride, int cols, float[] lanes) {
        if (cols == V && rows % 2 == 0) {
            pairsV(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, lanes);
        } else if (cols == 2 * V && rows % 2 == 0) {
            pairs2V(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, lanes);
        } else {
            rowsAny(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, cols, lanes);
        }
    }

    /** {@link #rows4} for an even number of one-vector rows: even rows sum into s, odd rows into u. */
    private static void pairsV(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                               int images, int plane, int rows, int stride, float[] lanes) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < images; i++) {
            int j = aOff + i * plane, end = j + rows * stride;
            for (; j < end; j += 2 * stride) {
                int k = j + stride;
                FloatVector x = FloatVector.fromArray(SPECIES, a, j), y = FloatVector.fromArray(SPECIES, a, k);
                s0 = FloatVector.fromArray(SPECIES, b, o0 + j).fma(x, s0);
                s1 = FloatVector.fromArray(SPECIES, b, o1 + j).fma(x, s1);
                s2 = FloatVector.fromArray(SPECIES, b, o2 + j).fma(x, s2);
                s3 = FloatVector.fromArray(SPECIES, b, o3 + j).fma(x, s3);
                u0 = FloatVector.fromArray(SPECIES, b, o0 + k).fma(y, u0);
                u1 = FloatVector.fromArray(SPECIES, b, o1 + k).fma(y, u1);
                u2 = FloatVector.fromArray(SPECIES, b, o2 + k).fma(y, u2);
                u3 = FloatVector.fromArray(SPECIES, b, o3 + k).fma(y, u3);
            }
        }
        s0.intoArray(lanes, 0);
        u0.intoArray(lanes, V);
        s1.intoArray(lanes, 2 * V);
        u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V);
        u2.intoArray(lanes, 5 * V);
        s3.intoArray(lanes, 6 * V);
        u3.intoArray(lanes, 7 * V);
    }

    /** {@link #rows4} for an even number of two-vector rows: each row's first vector sums into s, its second into u. */
    private static void pairs2V(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                                int images, int plane, int rows, int stride, float[] lanes) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < images; i++) {
            int j = aOff + i * plane, end = j + rows * stride;
            for (; j < end; j += 2 * stride) {
                FloatVector x = FloatVector.fromArray(SPECIES, a, j), y = FloatVector.fromArray(SPECIES, a, j + V);
                s0 = FloatVector.fromArray(SPECIES, b, o0 + j).fma(x, s0);
                s1 = FloatVector.fromArray(SPECIES, b, o1 + j).fma(x, s1);
                s2 = FloatVector.fromArray(SPECIES, b, o2 + j).fma(x, s2);
                s3 = FloatVector.fromArray(SPECIES, b, o3 + j).fma(x, s3);
                u0 = FloatVector.fromArray(SPECIES, b, o0 + j + V).fma(y, u0);
                u1 = FloatVector.fromArray(SPECIES, b, o1 + j + V).fma(y, u1);
                u2 = FloatVector.fromArray(SPECIES, b, o2 + j + V).fma(y, u2);
                u3 = FloatVector.fromArray(SPECIES, b, o3 + j + V).fma(y, u3);
                int k = j + stride;
                x = FloatVector.fromArray(SPECIES, a, k);
                y = FloatVector.fromArray(SPECIES, a, k + V);
                s0 = FloatVector.fromArray(SPECIES, b, o0 + k).fma(x, s0);
                s1 = FloatVector.fromArray(SPECIES, b, o1 + k).fma(x, s1);
                s2 = FloatVector.fromArray(SPECIES, b, o2 + k).fma(x, s2);
                s3 = FloatVector.fromArray(SPECIES, b, o3 + k).fma(x, s3);
                u0 = FloatVector.fromArray(SPECIES, b, o0 + k + V).fma(y, u0);
                u1 = FloatVector.fromArray(SPECIES, b, o1 + k + V).fma(y, u1);
                u2 = FloatVector.fromArray(SPECIES, b, o2 + k + V).fma(y, u2);
                u3 = FloatVector.fromArray(SPECIES, b, o3 + k + V).fma(y, u3);
            }
        }
        s0.intoArray(lanes, 0);
        u0.intoArray(lanes, V);
        s1.intoArray(lanes, 2 * V);
        u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V);
        u2.intoArray(lanes, 5 * V);
        s3.intoArray(lanes, 6 * V);
        u3.intoArray(lanes, 7 * V);
    }

    /** {@link #rows4} for any multiple of V columns, one row per loop trip. */
    private static void rowsAny(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                                int images, int plane, int rows, int stride, int cols, float[] lanes) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < images; i++)
            for (int r = 0; r < rows; r++) {
                int row = aOff + i * plane + r * stride, end = row + cols, j = row;
                for (; j + 2 * V <= end; j += 2 * V) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, j), y = FloatVector.fromArray(SPECIES, a, j + V);
                    s0 = FloatVector.fromArray(SPECIES, b, o0 + j).fma(x, s0);
                    s1 = FloatVector.fromArray(SPECIES, b, o1 + j).fma(x, s1);
                    s2 = FloatVector.fromArray(SPECIES, b, o2 + j).fma(x, s2);
                    s3 = FloatVector.fromArray(SPECIES, b, o3 + j).fma(x, s3);
                    u0 = FloatVector.fromArray(SPECIES, b, o0 + j + V).fma(y, u0);
                    u1 = FloatVector.fromArray(SPECIES, b, o1 + j + V).fma(y, u1);
                    u2 = FloatVector.fromArray(SPECIES, b, o2 + j + V).fma(y, u2);
                    u3 = FloatVector.fromArray(SPECIES, b, o3 + j + V).fma(y, u3);
                }
                if (j < end) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, j);
                    s0 = FloatVector.fromArray(SPECIES, b, o0 + j).fma(x, s0);
                    s1 = FloatVector.fromArray(SPECIES, b, o1 + j).fma(x, s1);
                    s2 = FloatVector.fromArray(SPECIES, b, o2 + j).fma(x, s2);
                    s3 = FloatVector.fromArray(SPECIES, b, o3 + j).fma(x, s3);
                }
            }
        s0.intoArray(lanes, 0);
        u0.intoArray(lanes, V);
        s1.intoArray(lanes, 2 * V);
        u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V);
        u2.intoArray(lanes, 5 * V);
        s3.intoArray(lanes, 6 * V);
        u3.intoArray(lanes, 7 * V);
    }

    /** Two-source lane picks (second source from V on) of a four-entry lane sum, see {@link #shortDot4}. */
    private static final IntVector HALF_LO = ShiftedSum.lanes(i -> i < V / 2 ? i : V + i - V / 2), HALF_HI = ShiftedSum.lanes(i -> (i < V / 2 ? i : V + i - V / 2) + V / 2);
    private static final IntVector QUARTER_LO = ShiftedSum.lanes(i -> {
        int g = i / (V / 4), r = i % (V / 4);
        return (g >= 2 ? V : 0) + (g % 2 == 1 ? V / 2 : 0) + r;
    });
    private static final IntVector QUARTER_HI = QUARTER_LO.add(V / 4);

    /**
     * Four entries' dots over a row of 3V to 4V floats (the fourth vector masked), their lane sums taken together:
     * halves of entries 0 and 1 added into one vector (and 2 and 3 into another), then quarters of those two, then
     * the lanes within each quarter; the four sums land in lanes[0], [V/4], [V/2] and [3V/4]. Four separate lane sums
     * took twice the shuffles, and the entries' FMAs are only four vectors each.
     */
    private static void shortDot4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, float[] lanes) {
        VectorMask<Float> m = SPECIES.indexInRange(3 * V, len);
        FloatVector x0 = FloatVector.fromArray(SPECIES, a, aOff), x1 = FloatVector.fromArray(SPECIES, a, aOff + V);
        FloatVector x2 = FloatVector.fromArray(SPECIES, a, aOff + 2 * V), x3 = FloatVector.fromArray(SPECIES, a, aOff + 3 * V, m);
        FloatVector s0 = FloatVector.fromArray(SPECIES, b, o0).mul(x0).add(FloatVector.fromArray(SPECIES, b, o0 + V).mul(x1))
                .add(FloatVector.fromArray(SPECIES, b, o0 + 2 * V).fma(x2, FloatVector.fromArray(SPECIES, b, o0 + 3 * V, m).mul(x3)));
        FloatVector s1 = FloatVector.fromArray(SPECIES, b, o1).mul(x0).add(FloatVector.fromArray(SPECIES, b, o1 + V).mul(x1))
                .add(FloatVector.fromArray(SPECIES, b, o1 + 2 * V).fma(x2, FloatVector.fromArray(SPECIES, b, o1 + 3 * V, m).mul(x3)));
        FloatVector s2 = FloatVector.fromArray(SPECIES, b, o2).mul(x0).add(FloatVector.fromArray(SPECIES, b, o2 + V).mul(x1))
                .add(FloatVector.fromArray(SPECIES, b, o2 + 2 * V).fma(x2, FloatVector.fromArray(SPECIES, b, o2 + 3 * V, m).mul(x3)));
        FloatVector s3 = FloatVector.fromArray(SPECIES, b, o3).mul(x0).add(FloatVector.fromArray(SPECIES, b, o3 + V).mul(x1))
                .add(FloatVector.fromArray(SPECIES, b, o3 + 2 * V).fma(x2, FloatVector.fromArray(SPECIES, b, o3 + 3 * V, m).mul(x3)));
        IntVector i0 = s0.reinterpretAsInts(), i1 = s1.reinterpretAsInts(), i2 = s2.reinterpretAsInts(), i3 = s3.reinterpretAsInts();
        FloatVector h01 = HALF_LO.selectFrom(i0, i1).reinterpretAsFloats().add(HALF_HI.selectFrom(i0, i1).reinterpretAsFloats());
        FloatVector h23 = HALF_LO.selectFrom(i2, i3).reinterpretAsFloats().add(HALF_HI.selectFrom(i2, i3).reinterpretAsFloats());
        IntVector j0 = h01.reinterpretAsInts(), j1 = h23.reinterpretAsInts();
        FloatVector q = QUARTER_LO.selectFrom(j0, j1).reinterpretAsFloats().add(QUARTER_HI.selectFrom(j0, j1).reinterpretAsFloats());
        q.intoArray(lanes, 0);
        for (int g = 0; g < 4; g++) {
            float sum = 0f;
            for (int l = 0; l < V / 4; l++) sum += lanes[g * (V / 4) + l];
            lanes[g * (V / 4)] = sum;
        }
    }

    private static void dot4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, double[] acc, int p, float[] lanes) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        FloatVector u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        int i = 0;
        for (; i + 2 * V <= len; i += 2 * V) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, aOff + i);
            FloatVector y = FloatVector.fromArray(SPECIES, a, aOff + i + V);
            s0 = FloatVector.fromArray(SPECIES, b, o0 + i).fma(x, s0);
            s1 = FloatVector.fromArray(SPECIES, b, o1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(SPECIES, b, o2 + i).fma(x, s2);
            s3 = FloatVector.fromArray(SPECIES, b, o3 + i).fma(x, s3);
            u0 = FloatVector.fromArray(SPECIES, b, o0 + i + V).fma(y, u0);
            u1 = FloatVector.fromArray(SPECIES, b, o1 + i + V).fma(y, u1);
            u2 = FloatVector.fromArray(SPECIES, b, o2 + i + V).fma(y, u2);
            u3 = FloatVector.fromArray(SPECIES, b, o3 + i + V).fma(y, u3);
        }
        if (i + V <= len) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, aOff + i);
            s0 = FloatVector.fromArray(SPECIES, b, o0 + i).fma(x, s0);
            s1 = FloatVector.fromArray(SPECIES, b, o1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(SPECIES, b, o2 + i).fma(x, s2);
            s3 = FloatVector.fromArray(SPECIES, b, o3 + i).fma(x, s3);
            i += V;
        }
        // Stored and summed by a call, not in place: JFR found the last of four in-place lane sums running the
        // Vector API's Java fallback (624 KB per ResNet 16->32 training step, all under this line).
        s0.intoArray(lanes, 0);
        u0.intoArray(lanes, V);
        s1.intoArray(lanes, 2 * V);
        u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V);
        u2.intoArray(lanes, 5 * V);
        s3.intoArray(lanes, 6 * V);
        u3.intoArray(lanes, 7 * V);
        float r0 = LaneSum.pairSum(lanes, 0), r1 = LaneSum.pairSum(lanes, 1), r2 = LaneSum.pairSum(lanes, 2), r3 = LaneSum.pairSum(lanes, 3);
        for (; i < len; i++) {
            float x = a[aOff + i];
            r0 = Math.fma(x, b[o0 + i], r0);
            r1 = Math.fma(x, b[o1 + i], r1);
            r2 = Math.fma(x, b[o2 + i], r2);
            r3 = Math.fma(x, b[o3 + i], r3);
        }
        acc[p] += r0;
        acc[p + 1] += r1;
        acc[p + 2] += r2;
        acc[p + 3] += r3;
    }

    private static float dot1(float[] a, int aOff, float[] b, int o, int len) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0;
        int i = 0;
        for (; i + 2 * V <= len; i += 2 * V) {
            s0 = FloatVector.fromArray(SPECIES, b, o + i).fma(FloatVector.fromArray(SPECIES, a, aOff + i), s0);
            s1 = FloatVector.fromArray(SPECIES, b, o + i + V).fma(FloatVector.fromArray(SPECIES, a, aOff + i + V), s1);
        }
        if (i + V <= len) {
            s0 = FloatVector.fromArray(SPECIES, b, o + i).fma(FloatVector.fromArray(SPECIES, a, aOff + i), s0);
            i += V;
        }
        float r = LaneSum.sum(s0.add(s1));
        for (; i < len; i++) r = Math.fma(a[aOff + i], b[o + i], r);
        return r;
    }
}
