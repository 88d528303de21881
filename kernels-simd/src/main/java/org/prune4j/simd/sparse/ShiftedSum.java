package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
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
 * of a row. Each output is one fixed-order sum, so results never depend on how callers
 * split rows or tiles between threads.
 */
final class ShiftedSum {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();
    /** Positions per full register tile. */
    static final int TILE = 4 * V;

    private ShiftedSum() {}

    static void run(float[] vals, int[] offs, int[] ptr, int t0, int t1,
                    float[] src, int shift, int q0, int q1,
                    float[] dst, int dstOff, int dstStride,
                    float[] bias, boolean relu, boolean accumulate) {
        int q = q0;
        for (; q + TILE <= q1; q += TILE) {
            for (int t = t0; t < t1; t++) {
                int d = dstOff + (t - t0) * dstStride + q;
                tile4(vals, offs, ptr[t], ptr[t + 1], src, shift + q, dst, d, init(bias, t), relu, accumulate);
            }
        }
        if (q == q1) return;
        for (int t = t0; t < t1; t++) {
            int d = dstOff + (t - t0) * dstStride;
            float b = init(bias, t);
            int p0 = ptr[t], p1 = ptr[t + 1];
            int j = q;
            if (j + 2 * V <= q1) {
                tile2(vals, offs, p0, p1, src, shift + j, dst, d + j, b, relu, accumulate);
                j += 2 * V;
            }
            if (j + V <= q1) {
                tile1(vals, offs, p0, p1, src, shift + j, dst, d + j, b, relu, accumulate);
                j += V;
            }
            for (; j < q1; j++) {
                float s = accumulate ? dst[d + j] : b;
                for (int e = p0; e < p1; e++) s = Math.fma(vals[e], src[offs[e] + shift + j], s);
                // Same convention as the reference: NaN and -0 become +0 under ReLU.
                dst[d + j] = relu && !(s > 0f) ? 0f : s;
            }
        }
    }

    private static float init(float[] bias, int t) {
        return bias == null ? 0f : bias[t];
    }

    private static FloatVector relu(FloatVector v) {
        return FloatVector.zero(SPECIES).blend(v, v.compare(VectorOperators.GT, 0f));
    }

    private static void tile4(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                              float[] dst, int d, float b, boolean relu, boolean accumulate) {
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
        if (relu) {
            a0 = relu(a0);
            a1 = relu(a1);
            a2 = relu(a2);
            a3 = relu(a3);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
    }

    private static void tile2(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                              float[] dst, int d, float b, boolean relu, boolean accumulate) {
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
        if (relu) {
            a0 = relu(a0);
            a1 = relu(a1);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
    }

    private static void tile1(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                              float[] dst, int d, float b, boolean relu, boolean accumulate) {
        FloatVector a0 = accumulate ? FloatVector.fromArray(SPECIES, dst, d) : FloatVector.broadcast(SPECIES, b);
        for (int e = p0; e < p1; e++) {
            a0 = FloatVector.fromArray(SPECIES, src, offs[e] + q).fma(FloatVector.broadcast(SPECIES, vals[e]), a0);
        }
        if (relu) a0 = relu(a0);
        a0.intoArray(dst, d);
    }
}
