package org.prune4j.simd;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.sparse.TileTranspose;

/**
 * Permutations with a fast path: a 2-D (or batched last-two-axes) transpose done in
 * V×V register blocks so both the reads and the writes stay within a few cache lines, and
 * permutations that keep the last axis in place done as row copies.
 */
final class Transpose {
    private Transpose() {}

    /** y[c][r] = x[r][c] for an r×c matrix. */
    static void transpose2d(int rows, int cols, float[] x, int xo, float[] y, int yo) {
        blocks(x, xo, cols, rows, cols, y, yo, rows);
    }

    /**
     * dst[dOff + c·ldd + r] = src[sOff + r·lds + c] for r &lt; rows, c &lt; cols: V×V blocks through {@link TileTranspose}
     * (register permutes at V = 16), threads taking bands of V columns (rows of dst), each band walking down the rows so
     * every line of src and dst is read or written whole, once. Also PixelConv's output layout, where a scatter of 4
     * floats per line onto lines 8 KB apart had cost 18% of VGG's 2×2 forward.
     */
    static void blocks(float[] src, int sOff, int lds, int rows, int cols, float[] dst, int dOff, int ldd) {
        int v = TileTranspose.V, bands = (cols + v - 1) / v;
        Parallel.forRange(bands, 4, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int c = b * v, cc = Math.min(v, cols - c);
                for (int r = 0; r < rows; r += v)
                    TileTranspose.block(src, sOff + r * lds + c, lds, Math.min(v, rows - r), cc, dst, dOff + c * ldd + r, ldd);
            }
        });
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
