package org.prune4j.simd;

import org.prune4j.core.kernels.Binary;

/**
 * Broadcast binary ops where each operand's innermost axis is either contiguous
 * (stride 1) or broadcast (stride 0): bias rows, per-channel scales, scalars, outer
 * products. The outer axes are walked with an odometer and each inner row is one
 * vector loop; other patterns go to the general fallback.
 */
final class Broadcast {
    private Broadcast() {}

    static boolean tryInnerContiguous(Binary op, int[] shape, float[] a, int[] as, float[] b, int[] bs, float[] y) {
        int rank = shape.length;
        if (rank == 0) return false;
        int last = rank - 1, sa = as[last], sb = bs[last];
        if ((sa != 0 && sa != 1) || (sb != 0 && sb != 1)) return false;
        int inner = shape[last], rows = 1;
        for (int d = 0; d < last; d++) rows *= shape[d];
        if (inner == 0 || rows == 0) return true;
        int[] idx = new int[last];
        int ao = 0, bo = 0;
        for (int r = 0; r < rows; r++) {
            int yo = r * inner;
            if (sa == 1 && sb == 1) Elementwise.binary(op, inner, a, ao, b, bo, y, yo);
            else if (sa == 1) Elementwise.binaryScalar(op, inner, a, ao, b[bo], true, y, yo);
            else if (sb == 1) Elementwise.binaryScalar(op, inner, b, bo, a[ao], false, y, yo);
            else java.util.Arrays.fill(y, yo, yo + inner, org.prune4j.core.kernels.ReferenceKernels.apply(op, a[ao], b[bo]));
            for (int d = last - 1; d >= 0; d--) {
                ao += as[d];
                bo += bs[d];
                if (++idx[d] < shape[d]) break;
                ao -= as[d] * shape[d];
                bo -= bs[d] * shape[d];
                idx[d] = 0;
            }
        }
        return true;
    }
}
