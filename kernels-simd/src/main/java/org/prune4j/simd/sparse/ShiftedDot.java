package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
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

    static void dots(float[] a, int aOff, float[] b, int[] offs, int shift, int p0, int p1, int len, double[] acc) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            dot4(a, aOff, b, offs[p] + shift, offs[p + 1] + shift, offs[p + 2] + shift, offs[p + 3] + shift, len, acc, p);
        }
        for (; p < p1; p++) acc[p] += dot1(a, aOff, b, offs[p] + shift, len);
    }

    /**
     * {@link #dots} over rows only: for each entry p, acc[p] += Σ over images i &lt; images, rows r &lt; rows and columns
     * j &lt; cols (a multiple of V) of a[aOff + i·plane + r·stride + j]·b[offs[p] + shift + the same]. Skips the junk
     * columns between rows, which in the forward's 48-float rows of 32-wide planes are a third of every row.
     */
    static void dotsRows(float[] a, int aOff, float[] b, int[] offs, int shift, int p0, int p1,
                         int images, int plane, int rows, int stride, int cols, double[] acc) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            rows4(a, aOff, b, offs[p] + shift - aOff, offs[p + 1] + shift - aOff, offs[p + 2] + shift - aOff,
                    offs[p + 3] + shift - aOff, images, plane, rows, stride, cols, acc, p, 4);
        }
        if (p < p1) {
            // One to three entries left: a four-entry call with the last entry repeated. A lone entry's single
            // accumulator chain ran at the FMA latency, so this costs no more than the entries alone did.
            int last = p1 - 1;
            int o0 = offs[p] + shift - aOff, o1 = offs[Math.min(p + 1, last)] + shift - aOff, o2 = offs[Math.min(p + 2, last)] + shift - aOff;
            rows4(a, aOff, b, o0, o1, o2, o2, images, plane, rows, stride, cols, acc, p, p1 - p);
        }
    }

    /**
     * dotsRows for entries p..p+n-1 (n ≤ 4; their rows of b at o0..o3 relative to a, the last repeated past n). A method of its own, like {@link #dot4}:
     * with the four entries' loop and its lane sums inlined into dotsRows, C2 ran out of its inlining budget before
     * the final vector adds and called them out of line, boxing a vector per add (JFR on the whole 90%-sparse
     * ResNet-32 training step: Float512Vector allocations under dotsRows). Rows of one or two vectors (16- and
     * 32-wide planes) go two rows per loop trip ({@link #pairsV}, {@link #pairs2V}): one row per trip ran four or
     * eight FMAs between loop branches, and with one-vector rows only four accumulator chains.
     */
    private static void rows4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                              int images, int plane, int rows, int stride, int cols, double[] acc, int p, int n) {
        if (cols == V) {
            pairsV(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, acc, p, n);
        } else if (cols == 2 * V) {
            pairs2V(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, acc, p, n);
        } else {
            rowsAny(a, aOff, b, o0, o1, o2, o3, images, plane, rows, stride, cols, acc, p, n);
        }
    }

    /** {@link #rows4} for rows of one vector: even rows sum into s, odd rows into u. */
    private static void pairsV(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                               int images, int plane, int rows, int stride, double[] acc, int p, int n) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < images; i++) {
            int j = aOff + i * plane, end = j + (rows & ~1) * stride;
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
            if ((rows & 1) != 0) {
                FloatVector x = FloatVector.fromArray(SPECIES, a, j);
                s0 = FloatVector.fromArray(SPECIES, b, o0 + j).fma(x, s0);
                s1 = FloatVector.fromArray(SPECIES, b, o1 + j).fma(x, s1);
                s2 = FloatVector.fromArray(SPECIES, b, o2 + j).fma(x, s2);
                s3 = FloatVector.fromArray(SPECIES, b, o3 + j).fma(x, s3);
            }
        }
        acc[p] += LaneSum.sum(s0.add(u0));
        if (n > 1) acc[p + 1] += LaneSum.sum(s1.add(u1));
        if (n > 2) acc[p + 2] += LaneSum.sum(s2.add(u2));
        if (n > 3) acc[p + 3] += LaneSum.sum(s3.add(u3));
    }

    /** {@link #rows4} for rows of two vectors: each row's first vector sums into s, its second into u. */
    private static void pairs2V(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                                int images, int plane, int rows, int stride, double[] acc, int p, int n) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i < images; i++) {
            int j = aOff + i * plane, end = j + (rows & ~1) * stride;
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
            if ((rows & 1) != 0) {
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
        }
        acc[p] += LaneSum.sum(s0.add(u0));
        if (n > 1) acc[p + 1] += LaneSum.sum(s1.add(u1));
        if (n > 2) acc[p + 2] += LaneSum.sum(s2.add(u2));
        if (n > 3) acc[p + 3] += LaneSum.sum(s3.add(u3));
    }

    /** {@link #rows4} for any multiple of V columns, one row per loop trip. */
    private static void rowsAny(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3,
                                int images, int plane, int rows, int stride, int cols, double[] acc, int p, int n) {
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
        acc[p] += LaneSum.sum(s0.add(u0));
        if (n > 1) acc[p + 1] += LaneSum.sum(s1.add(u1));
        if (n > 2) acc[p + 2] += LaneSum.sum(s2.add(u2));
        if (n > 3) acc[p + 3] += LaneSum.sum(s3.add(u3));
    }

    private static void dot4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, double[] acc, int p) {
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
        float r0 = LaneSum.sum(s0.add(u0));
        float r1 = LaneSum.sum(s1.add(u1));
        float r2 = LaneSum.sum(s2.add(u2));
        float r3 = LaneSum.sum(s3.add(u3));
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
