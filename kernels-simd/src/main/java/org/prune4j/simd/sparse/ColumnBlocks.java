package org.prune4j.simd.sparse;

/**
 * Splits each CSR row's entries at fixed column boundaries, so a kernel can sum a row
 * block by block while the source data of one block stays in L1 (entries are sorted by
 * column, so each block is a contiguous range of the row). Row t's entries in block kb
 * are [s[kb·m + t], s[(kb+1)·m + t]).
 */
final class ColumnBlocks {
    private ColumnBlocks() {}

    /** Boundaries for blocks of width columns over [0, cols); one block when width >= cols. */
    static int[] starts(int[] ptr, int[] colIdx, int m, int cols, int width) {
        int nb = Math.max(1, (cols + width - 1) / width);
        int[] s = new int[(nb + 1) * m];
        for (int t = 0; t < m; t++) {
            int p = ptr[t], end = ptr[t + 1];
            for (int kb = 0; kb < nb; kb++) {
                while (p < end && colIdx[p] < kb * width) p++;
                s[kb * m + t] = p;
            }
            s[nb * m + t] = end;
        }
        return s;
    }

    static int count(int[] starts, int m) {
        return starts.length / m - 1;
    }
}
