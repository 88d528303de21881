package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sparse rows times dense vectors narrower than one vector register (a Linear layer at
 * batch 1..V-1, SpMM with fewer than V columns): here the broadcast-weight kernel has no
 * lanes to fill, and its scalar form is one serial FMA chain per output, bound by FMA
 * latency. Instead the vector runs along a row's nonzeros: V weights at once times V
 * gathered inputs, in V independent lanes, summed once per row in LaneSum's fixed order
 * and followed by the row's last nonzeros in order, so a result does not depend on the
 * thread count.
 */
final class GatherSpmv {
    private static final VectorSpecies<Float> SPECIES = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;

    private GatherSpmv() {}

    /**
     * For rows t in [t0, t1) and each of count vectors c:
     * dst[dstOff + c·dstStrideC + t·dstStrideT] = init + Σ_e vals[e]·src[srcOff + c·srcStrideC + idx[e]],
     * with init 0, bias[t] or the current value (accumulate), then ReLU when relu (NaN passes).
     */
    static void rows(float[] vals, int[] idx, int[] ptr, int t0, int t1, int count,
                     float[] src, int srcOff, int srcStrideC,
                     float[] dst, int dstOff, int dstStrideC, int dstStrideT,
                     float[] bias, boolean relu, boolean accumulate) {
        for (int c = 0; c < count; c++) {
            int base = srcOff + c * srcStrideC, d = dstOff + c * dstStrideC;
            for (int t = t0; t < t1; t++) {
                float s = dot(vals, idx, ptr[t], ptr[t + 1], src, base);
                int i = d + t * dstStrideT;
                float r = accumulate ? dst[i] + s : bias == null ? s : bias[t] + s;
                dst[i] = relu && r < 0f ? 0f : r;
            }
        }
    }

    /**
     * Σ_{e in [p0, p1)} vals[e]·src[base + idx[e]]. A small method of its own, called once per
     * row: the JIT compiles it fully after a few calls, where a loop nest entered once per
     * call would wait for on-stack replacement and run its vector code unoptimised meanwhile.
     */
    static float dot(float[] vals, int[] idx, int p0, int p1, float[] src, int base) {
        int full = p0 + (p1 - p0) / V * V;
        float s = 0f;
        if (full > p0) {
            // Two chains hide part of the FMA latency; they are added in one fixed order.
            FloatVector a = FloatVector.zero(SPECIES), b = FloatVector.zero(SPECIES);
            int e = p0;
            for (; e + 2 * V <= full; e += 2 * V) {
                a = FloatVector.fromArray(SPECIES, src, base, idx, e).fma(FloatVector.fromArray(SPECIES, vals, e), a);
                b = FloatVector.fromArray(SPECIES, src, base, idx, e + V).fma(FloatVector.fromArray(SPECIES, vals, e + V), b);
            }
            if (e < full) a = FloatVector.fromArray(SPECIES, src, base, idx, e).fma(FloatVector.fromArray(SPECIES, vals, e), a);
            s = LaneSum.sum(a.add(b));
        }
        for (int e = full; e < p1; e++) s = Math.fma(vals[e], src[base + idx[e]], s);
        return s;
    }
}
