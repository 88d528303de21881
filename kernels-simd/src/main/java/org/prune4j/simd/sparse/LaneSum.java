package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sum of the lanes of a vector in one fixed pairwise order. {@code reduceLanes(ADD)}
 * leaves the order unspecified, and on x86 since JDK 24 the C2 intrinsic adds in a
 * different order than the interpreter's fallback, so the same call could give other
 * bits before and after warm-up. A butterfly of lane swaps is just as cheap and is
 * the same everywhere.
 */
public final class LaneSum {
    private static final VectorSpecies<Float> SPECIES = ShiftedSum.SPECIES;
    private static final int V = ShiftedSum.V;
    private static final VectorShuffle<Float> SWAP1 = swap(1);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP8 = swap(8);
    private static final VectorShuffle<Float> SWAP16 = swap(16);

    private LaneSum() {}

    // Lane i meets lane i ^ d; an identity shuffle when the species is narrower than 2d.
    private static VectorShuffle<Float> swap(int d) {
        return VectorShuffle.fromOp(SPECIES, i -> V >= 2 * d ? i ^ d : i);
    }

    /**
     * dst[d + k] += sum(lanes[(a + k)·V .. (a + k)·V + V)) for k &lt; count. For kernels too large for C2 to inline {@link #sum}
     * into: they store each vector and call this, so no vector crosses a call (which would box it).
     */
    public static void addSums(float[] lanes, int a, int count, double[] dst, int d) {
        for (int k = 0; k < count; k++) dst[d + k] += sum(FloatVector.fromArray(SPECIES, lanes, (a + k) * V));
    }

    /**
     * dst[d + k] += sum(lanes[2k·V ..) + lanes[(2k + 1)·V ..)) for k &lt; count: the sums of {@code s.add(u)} for
     * kernels that keep two accumulators per entry and store them (ShiftedDot's row dots), with the same bits.
     */
    public static void addPairSums(float[] lanes, int count, double[] dst, int d) {
        for (int k = 0; k < count; k++) dst[d + k] += pairSum(lanes, k);
    }

    /** sum(lanes[2k·V ..) + lanes[(2k + 1)·V ..)): {@code sum(s.add(u))} of the k-th stored pair, the same bits. */
    public static float pairSum(float[] lanes, int k) {
        return sum(FloatVector.fromArray(SPECIES, lanes, 2 * k * V).add(FloatVector.fromArray(SPECIES, lanes, (2 * k + 1) * V)));
    }

    public static float sum(FloatVector v) {
        if (V > 32) throw new IllegalStateException("vectors wider than 32 floats are not supported");
        if (V >= 32) v = v.add(v.rearrange(SWAP16));
        if (V >= 16) v = v.add(v.rearrange(SWAP8));
        if (V >= 8) v = v.add(v.rearrange(SWAP4));
        if (V >= 4) v = v.add(v.rearrange(SWAP2));
        if (V >= 2) v = v.add(v.rearrange(SWAP1));
        return v.lane(0);
    }
}
