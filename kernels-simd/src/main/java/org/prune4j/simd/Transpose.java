package org.prune4j.simd;

/**
 * Permutations with a fast path: a 2-D (or batched last-two-axes) transpose done in
 * 32×32 blocks so both the reads and the writes stay within a few cache lines, and
 * permutations that keep the last axis in place done as row copies.
 */
final class Transpose {
    private Transpose() {}

    private static final int B = 32;

    /** y[c][r] = x[r][c] for an r×c matrix. */
    static void transpose2d(int rows, int cols, float[] x, int xo, float[] y, int yo) {
        for (int r0 = 0; r0 < rows; r0 += B) {
            int r1 = Math.min(rows, r0 + B);
            for (int c0 = 0; c0 < cols; c0 += B) {
                int c1 = Math.min(cols, c0 + B);
                for (int r = r0; r < r1; r++) {
                    int src = xo + r * cols;
                    for (int c = c0; c < c1; c++) y[yo + c * rows + r] = x[src + c];
                }
            }
        }
    }

    /** True when handled: perm swaps exactly the last two axes (batched transpose) or keeps the last axis. */
    static boolean tryPermute(int[] shape, int[] perm, float[] x, float[] y) {
        int rank = shape.length;
        if (rank < 2) return false;
        boolean leadingIdentity = true;
        for (int d = 0; d < rank - 2; d++) leadingIdentity &= perm[d] == d;
        if (leadingIdentity && perm[rank - 2] == rank - 1 && perm[rank - 1] == rank - 2) {
            int r = shape[rank - 2], c = shape[rank - 1], batch = 1;
            for (int d = 0; d < rank - 2; d++) batch *= shape[d];
            for (int b = 0; b < batch; b++) transpose2d(r, c, x, b * r * c, y, b * r * c);
            return true;
        }
        if (perm[rank - 1] == rank - 1) {
            int inner = shape[rank - 1];
            int[] stride = new int[rank];
            int s = 1;
            for (int d = rank - 1; d >= 0; d--) {
                stride[d] = s;
                s *= shape[d];
            }
            int rows = s / Math.max(1, inner);
            int[] idx = new int[rank - 1];
            for (int row = 0; row < rows; row++) {
                int src = 0;
                for (int d = 0; d < rank - 1; d++) src += idx[d] * stride[perm[d]];
                System.arraycopy(x, src, y, row * inner, inner);
                for (int d = rank - 2; d >= 0; d--) {
                    if (++idx[d] < shape[perm[d]]) break;
                    idx[d] = 0;
                }
            }
            return true;
        }
        return false;
    }
}
