package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Short row copies for the layout changes around the sparse and depthwise convolutions. Rows
 * there are 7 to 32 floats: System.arraycopy and Arrays.fill each cost a stub call that is
 * longer than the copy itself, and with one call per image row per channel these copies
 * took more time than the sparse arithmetic in ResNet-32's small layers.
 */
public final class RowCopy {
    private static final VectorSpecies<Float> SPECIES = Sgemm.S;
    public static final int V = Sgemm.L;

    private RowCopy() {}

    /*
     * No half-width vectors: rows shorter than a vector (8x8 planes' 8 floats, 28-wide rows' last 12) finish in
     * scalar loops. Half-width (256-bit) steps ran the Vector API's Java fallback in whole-model runs, allocating an
     * array per vector (JFR on the 90%-sparse ResNet-32 training step: Float256Vector.fromArray0 under RowCopy.copy,
     * in every fork; with the step moved into a method of its own, still in one fork of four). Which compiled form a
     * JVM ends up with depends on what ran first; eight scalar copies cost next to nothing either way.
     */

    public static void copy(float[] src, int s, float[] dst, int d, int len) {
        int i = 0;
        for (; i + V <= len; i += V) FloatVector.fromArray(SPECIES, src, s + i).intoArray(dst, d + i);
        for (; i < len; i++) dst[d + i] = src[s + i];
    }

    /**
     * dst[d + r·dstStride + j] = src[s + r·srcStride + j] for r &lt; rows, j &lt; len: a plane's rows into a layout's
     * rows. Rows of one or two vectors (CIFAR's 16- and 32-wide planes) take loops of their own: a call of
     * {@link #copy} per row, whose loops C2 sets up again for every row, cost the sparse convolutions' layouts about
     * twice a plain copy of the same data (docs/sittings/2026-12-03-s20/probes/FillProbe2.java).
     */
    public static void copyRows(float[] src, int s, int srcStride, float[] dst, int d, int dstStride, int rows, int len) {
        if (len == V) {
            for (int r = 0; r < rows; r++, s += srcStride, d += dstStride) {
                FloatVector.fromArray(SPECIES, src, s).intoArray(dst, d);
            }
        } else if (len == 2 * V) {
            for (int r = 0; r < rows; r++, s += srcStride, d += dstStride) {
                FloatVector a = FloatVector.fromArray(SPECIES, src, s), b = FloatVector.fromArray(SPECIES, src, s + V);
                a.intoArray(dst, d);
                b.intoArray(dst, d + V);
            }
        } else {
            for (int r = 0; r < rows; r++, s += srcStride, d += dstStride) copy(src, s, dst, d, len);
        }
    }

    public static void zero(float[] dst, int d, int len) {
        int i = 0;
        if (len >= V) {
            FloatVector z = FloatVector.zero(SPECIES);
            for (; i + V <= len; i += V) z.intoArray(dst, d + i);
        }
        for (; i < len; i++) dst[d + i] = 0f;
    }

    /** Lane i of this index vector selects lane 2i of the concatenation of two vectors (vpermi2ps). */
    private static final FloatVector EVEN = FloatVector.fromArray(SPECIES, evenLanes(V), 0);

    /** Lane i of this index vector selects lane 2i + 1 of the concatenation of two vectors. */
    private static final FloatVector ODD = FloatVector.fromArray(SPECIES, evenLanes(V), 0).add(1f);

    private static float[] evenLanes(int lanes) {
        float[] idx = new float[lanes];
        for (int i = 0; i < lanes; i++) idx[i] = 2 * i;
        return idx;
    }

    /**
     * even[e + i] = src[s + 2i] and odd[o + i] = src[s + 2i + 1] for i in [0, count): one pass over 2·count floats
     * of src feeding two stride-2 phase rows, each pair of vectors loaded once for both permutes.
     */
    public static void deinterleave(float[] src, int s, float[] even, int e, float[] odd, int o, int count) {
        int i = 0;
        for (; i + V <= count; i += V) {
            FloatVector lo = FloatVector.fromArray(SPECIES, src, s + 2 * i);
            FloatVector hi = FloatVector.fromArray(SPECIES, src, s + 2 * i + V);
            EVEN.selectFrom(lo, hi).intoArray(even, e + i);
            ODD.selectFrom(lo, hi).intoArray(odd, o + i);
        }
        for (; i < count; i++) {
            even[e + i] = src[s + 2 * i];
            odd[o + i] = src[s + 2 * i + 1];
        }
    }

    /** {@link #deinterleave} of one vector pair: even[e + i] = src[s + 2i], odd[o + i] = src[s + 2i + 1] for i &lt; V. */
    public static void deinterleaveVector(float[] src, int s, float[] even, int e, float[] odd, int o) {
        FloatVector lo = FloatVector.fromArray(SPECIES, src, s);
        FloatVector hi = FloatVector.fromArray(SPECIES, src, s + V);
        EVEN.selectFrom(lo, hi).intoArray(even, e);
        ODD.selectFrom(lo, hi).intoArray(odd, o);
    }

    /**
     * dst[d + v] = src[s + v·stride] for v in [0, count). Stride 2 (the phase planes of a
     * stride-2 convolution) de-interleaves two vectors at a time with one two-table permute.
     */
    public static void gather(float[] src, int s, int stride, float[] dst, int d, int count) {
        int v = 0;
        if (stride == 2) {
            for (; v + V <= count && s + 2 * v + 2 * V <= src.length; v += V) {
                FloatVector lo = FloatVector.fromArray(SPECIES, src, s + 2 * v);
                FloatVector hi = FloatVector.fromArray(SPECIES, src, s + 2 * v + V);
                EVEN.selectFrom(lo, hi).intoArray(dst, d + v);
            }
        }
        for (; v < count; v++) dst[d + v] = src[s + v * stride];
    }

    /** Lane i of these select lane i/2 of the even (i even) or odd (i odd) source, low and high halves. */
    private static final FloatVector ZIP_LO = FloatVector.fromArray(SPECIES, zipLanes(V, 0), 0);
    private static final FloatVector ZIP_HI = FloatVector.fromArray(SPECIES, zipLanes(V, V / 2), 0);

    private static float[] zipLanes(int lanes, int base) {
        float[] idx = new float[lanes];
        for (int i = 0; i < lanes; i++) idx[i] = (i % 2 == 0 ? 0 : lanes) + base + i / 2;
        return idx;
    }

    /** dst[d + 2j] = src[even + j] and dst[d + 2j + 1] = src[odd + j] for dst positions [d, d + len). */
    public static void interleave(float[] src, int even, int odd, float[] dst, int d, int len) {
        int i = 0;
        for (; i + 2 * V <= len; i += 2 * V) {
            FloatVector e = FloatVector.fromArray(SPECIES, src, even + i / 2);
            FloatVector o = FloatVector.fromArray(SPECIES, src, odd + i / 2);
            ZIP_LO.selectFrom(e, o).intoArray(dst, d + i);
            ZIP_HI.selectFrom(e, o).intoArray(dst, d + i + V);
        }
        if (i + V <= len && Math.max(even, odd) + i / 2 + V <= src.length) { // half a pair: V more floats from the low halves (rows of 56 and 112: 24 and 16 floats were scalar)
            ZIP_LO.selectFrom(FloatVector.fromArray(SPECIES, src, even + i / 2), FloatVector.fromArray(SPECIES, src, odd + i / 2))
                    .intoArray(dst, d + i);
            i += V;
        }
        for (; i < len; i++) dst[d + i] = src[(i % 2 == 0 ? even : odd) + i / 2];
    }

    /** dst[d + v·stride] = src[s + v] for v in [0, count). */
    public static void scatter(float[] src, int s, float[] dst, int d, int stride, int count) {
        for (int v = 0; v < count; v++) dst[d + v * stride] = src[s + v];
    }
}
