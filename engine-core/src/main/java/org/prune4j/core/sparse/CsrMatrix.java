package org.prune4j.core.sparse;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A rows×cols sparse matrix in compressed sparse row form. Column indices are sorted
 * and unique within a row. The constructor validates the structure completely, so a
 * kernel can index without bounds surprises. The structure (rowPtr, colIdx) is
 * immutable; a masked layer keeps one structure and refreshes its values from the
 * dense weight each step with {@code Kernels.gather} over {@link #flatIndex} (see
 * {@link SparseWeight}), on whatever device the weight lives.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;
    /** Index plans kernels derived from this structure ({@link #plan}); shared by withValues copies. */
    private final ConcurrentHashMap<Object, Object> plans;
    /** Plans one structure keeps before it starts over (a server's changing batch sizes each add a few). */
    static final int MAX_PLANS = 64;

    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("CSR: negative size " + rows + "x" + cols);
        if (rowPtr == null || colIdx == null || values == null) throw new IllegalArgumentException("CSR: rowPtr, colIdx and values are required");
        if (rowPtr.length != rows + 1) {
            throw new IllegalArgumentException("CSR: rowPtr has length " + rowPtr.length + ", expected rows+1 = " + (rows + 1));
        }
        if (rowPtr[0] != 0) throw new IllegalArgumentException("CSR: rowPtr[0] = " + rowPtr[0] + ", expected 0");
        int nnz = rowPtr[rows];
        if (colIdx.length != nnz || values.length != nnz) {
            throw new IllegalArgumentException("CSR: rowPtr[rows] = " + nnz + " but colIdx has " + colIdx.length + " and values " + values.length + " entries");
        }
        for (int r = 0; r < rows; r++) {
            int a = rowPtr[r], b = rowPtr[r + 1];
            if (b < a) throw new IllegalArgumentException("CSR: rowPtr decreases at row " + r + " (" + a + " -> " + b + ")");
            if (b > nnz) throw new IllegalArgumentException("CSR: rowPtr[" + (r + 1) + "] = " + b + " exceeds nnz = " + nnz);
            int prev = -1;
            for (int p = a; p < b; p++) {
                int c = colIdx[p];
                if (c < 0 || c >= cols) throw new IllegalArgumentException("CSR: column " + c + " at row " + r + " (entry " + p + ") outside [0," + cols + ")");
                if (c <= prev) throw new IllegalArgumentException("CSR: columns of row " + r + " not strictly increasing at entry " + p + " (" + prev + ", " + c + ")");
                prev = c;
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.plans = new ConcurrentHashMap<>();
    }

    private CsrMatrix(CsrMatrix structure, float[] values) {
        this.rows = structure.rows;
        this.cols = structure.cols;
        this.rowPtr = structure.rowPtr;
        this.colIdx = structure.colIdx;
        this.values = values;
        this.plans = structure.plans;
    }

    /**
     * The plan a kernel derives from this structure alone (offsets, blocks, layouts; never values) for the call
     * that key describes: built by build on first use, then the same object for this structure and every withValues
     * copy, and gone with the structure (a pruned layer keeps one until its mask changes). Two threads may both
     * build a missing plan; one result is kept. After MAX_PLANS distinct keys the structure starts over.
     */
    @SuppressWarnings("unchecked")
    public <T> T plan(Object key, Supplier<T> build) {
        if (key == null || build == null) throw new IllegalArgumentException("CSR plan: key and build are required");
        Object p = plans.get(key);
        if (p != null) return (T) p;
        T built = build.get();
        if (built == null) throw new IllegalStateException("CSR plan: build returned null for key " + key);
        if (plans.size() >= MAX_PLANS) plans.clear();
        Object prev = plans.putIfAbsent(key, built);
        return prev != null ? (T) prev : built;
    }

    /**
     * This structure (shared, already validated) with another value array — e.g. one
     * allocated as device storage, so kernels fill and read it where it lives.
     */
    public CsrMatrix withValues(float[] values) {
        if (values == null || values.length != nnz()) {
            throw new IllegalArgumentException("CSR: " + (values == null ? "null" : values.length + "") + " values for " + nnz() + " nonzeros");
        }
        return new CsrMatrix(this, values);
    }

    /** Writes, for each stored entry, its position row·cols + col in the dense row-major matrix into out (length ≥ nnz); returns out. */
    public int[] flatIndex(int[] out) {
        if (out == null || out.length < nnz()) {
            throw new IllegalArgumentException("CSR flatIndex: " + (out == null ? "no array" : "array of " + out.length) + " for " + nnz() + " nonzeros");
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("CSR flatIndex: a " + rows + "x" + cols + " matrix has positions past 2^31-1");
        }
        for (int r = 0; r < rows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) out[p] = r * cols + colIdx[p];
        }
        return out;
    }

    /** CSR of the nonzeros of a dense row-major matrix. */
    public static CsrMatrix fromDense(float[] dense, int off, int rows, int cols) {
        return fromDenseMasked(dense, off, null, rows, cols);
    }

    /** CSR of the entries where mask != 0 (values taken from dense, even if they are 0). With a null mask, the nonzeros of dense. */
    public static CsrMatrix fromDenseMasked(float[] dense, int off, float[] mask, int rows, int cols) {
        if (dense == null) throw new IllegalArgumentException("CSR: the dense matrix is required");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("CSR: negative size " + rows + "x" + cols);
        if (off < 0) throw new IllegalArgumentException("CSR: dense offset must not be negative, got " + off);
        if ((long) rows * cols > Integer.MAX_VALUE) throw new IllegalArgumentException("CSR: a " + rows + "x" + cols + " dense matrix exceeds one array");
        if ((long) off + (long) rows * cols > dense.length) {
            throw new IllegalArgumentException("CSR: dense array of " + dense.length + " floats too short for " + rows + "x" + cols + " at offset " + off);
        }
        if (mask != null && mask.length != rows * cols) {
            throw new IllegalArgumentException("CSR: mask has " + mask.length + " entries, expected " + rows * cols);
        }
        int[] rowPtr = new int[rows + 1];
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean keep = mask != null ? mask[r * cols + c] != 0f : dense[off + r * cols + c] != 0f;
                if (keep) nnz++;
            }
            rowPtr[r + 1] = nnz;
        }
        int[] colIdx = new int[nnz];
        float[] values = new float[nnz];
        int p = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean keep = mask != null ? mask[r * cols + c] != 0f : dense[off + r * cols + c] != 0f;
                if (keep) {
                    colIdx[p] = c;
                    values[p++] = dense[off + r * cols + c];
                }
            }
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
    }

    /** Scatters values (or a parallel array in the same layout) into a zeroed dense matrix. */
    public void scatter(float[] vals, float[] dense, int off) {
        if (vals == null || vals.length != nnz()) {
            throw new IllegalArgumentException("CSR scatter: " + (vals == null ? "no" : vals.length + "") + " values for " + nnz() + " nonzeros");
        }
        if (dense == null || off < 0 || (long) off + (long) rows * cols > dense.length) {
            throw new IllegalArgumentException("CSR scatter: a " + rows + "x" + cols + " matrix at offset " + off + " does not fit "
                    + (dense == null ? "a missing array" : "an array of " + dense.length));
        }
        Arrays.fill(dense, off, off + rows * cols, 0f);
        for (int r = 0; r < rows; r++) {
            int base = off + r * cols;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) dense[base + colIdx[p]] = vals[p];
        }
    }

    public float[] toDense() {
        float[] d = new float[rows * cols];
        scatter(values, d, 0);
        return d;
    }

    /** The transpose as a new CSR (counting sort by column: O(nnz + cols)). */
    public CsrMatrix transpose() {
        int nnz = nnz();
        int[] tPtr = new int[cols + 1];
        for (int p = 0; p < nnz; p++) tPtr[colIdx[p] + 1]++;
        for (int c = 0; c < cols; c++) tPtr[c + 1] += tPtr[c];
        int[] next = Arrays.copyOf(tPtr, cols);
        int[] tCol = new int[nnz];
        float[] tVal = new float[nnz];
        for (int r = 0; r < rows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                int q = next[colIdx[p]]++;
                tCol[q] = r;
                tVal[q] = values[p];
            }
        }
        return new CsrMatrix(cols, rows, tPtr, tCol, tVal);
    }

    /**
     * For each entry of {@link #transpose()}, the index of the same entry in this matrix,
     * so transposed values can be refreshed without rebuilding the structure.
     */
    public int[] transposePermutation() {
        int nnz = nnz();
        int[] tPtr = new int[cols + 1];
        for (int p = 0; p < nnz; p++) tPtr[colIdx[p] + 1]++;
        for (int c = 0; c < cols; c++) tPtr[c + 1] += tPtr[c];
        int[] next = Arrays.copyOf(tPtr, cols);
        int[] perm = new int[nnz];
        for (int r = 0; r < rows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) perm[next[colIdx[p]]++] = p;
        }
        return perm;
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    public int nnz() { return rowPtr[rows]; }
    /** Shared, not copied: kernels read these directly. Do not modify. */
    public int[] rowPtr() { return rowPtr; }
    public int[] colIdx() { return colIdx; }
    /** The live value array (may be refreshed in place). */
    public float[] values() { return values; }
    public double density() { return rows == 0 || cols == 0 ? 0.0 : (double) nnz() / ((double) rows * cols); }

    @Override public String toString() {
        return "CsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz() + String.format(", density=%.4f]", density());
    }
}
