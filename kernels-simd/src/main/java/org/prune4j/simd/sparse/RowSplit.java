package org.prune4j.simd.sparse;

/**
 * Splits the rows of a CSR structure into contiguous parts of about equal work, where a
 * row costs its nonzeros plus a fixed overhead (so empty rows are not free). Pruned
 * matrices have very uneven rows; splitting by row count alone would leave one thread
 * with most of the nonzeros.
 */
final class RowSplit {
    private RowSplit() {}

    /** Boundaries b[0]=0 < ... <= b[parts]=rows; part i is rows [b[i], b[i+1]). */
    static int[] byWork(int[] rowPtr, int rows, int parts, int rowOverhead) {
        int[] b = new int[parts + 1];
        long total = (long) rowPtr[rows] + (long) rows * rowOverhead;
        int r = 0;
        for (int i = 1; i < parts; i++) {
            long target = total * i / parts;
            while (r < rows && (long) rowPtr[r + 1] + (long) (r + 1) * rowOverhead <= target) r++;
            b[i] = r;
        }
        b[parts] = rows;
        return b;
    }
}
