package org.prune4j.core.sparse;

import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.HostAccess;

/**
 * The CSR view of a masked weight, kept in step with its {@link Mask}. The structure
 * (and the transposed structure used for input gradients) is rebuilt only when the
 * mask's version changes; values are gathered from the dense weight on every
 * {@link #refresh} call, so the dense tensor stays the single source of truth that the
 * optimizer updates. The weight is seen as rows × cols (Cout × patch for a conv,
 * out × in for a linear layer).
 *
 * <p>The gather, the transposed values and the scatter of a sparse weight gradient run
 * on the given kernels into arrays announced as storage ({@link HostAccess}), so on a
 * device the weight, its CSR values and its gradient never come to the host; only the
 * index tables, built on the host when the mask changes, go the other way once.
 */
public final class SparseWeight {
    private final Mask mask;
    private final int rows;
    private final int cols;
    private long builtVersion = Long.MIN_VALUE;
    private CsrMatrix csr;
    private int[] flat;          // dense position of each CSR entry
    private CsrMatrix csrT;
    private int[] transposePerm; // CSR entry of each transposed entry

    public SparseWeight(Mask mask, int rows, int cols) {
        if (mask == null) throw new IllegalArgumentException("SparseWeight needs a mask");
        if ((long) rows * cols != mask.size()) {
            throw new IllegalArgumentException("SparseWeight: " + rows + "x" + cols + " does not match mask " + mask.shape());
        }
        this.mask = mask;
        this.rows = rows;
        this.cols = cols;
    }

    public Mask mask() { return mask; }

    /**
     * Brings structure and values up to date with the mask and the dense weight (an
     * array kernels can read: a tensor's buffer); returns the CSR.
     */
    public CsrMatrix refresh(Kernels k, float[] denseWeight) {
        if (denseWeight.length != mask.size()) {
            throw new IllegalArgumentException("SparseWeight: weight has " + denseWeight.length + " values, mask " + mask.size());
        }
        if (builtVersion != mask.version() || csr == null) {
            float[] m = mask.data();
            CsrMatrix structure = CsrMatrix.fromDenseMasked(m, 0, m, rows, cols);
            int nnz = structure.nnz();
            csr = structure.withValues(HostAccess.newStorage(nnz));
            flat = structure.flatIndex(HostAccess.newIndexStorage(nnz)); // filled before any kernel reads it
            csrT = null;
            transposePerm = null;
            builtVersion = mask.version();
        }
        k.gather(csr.nnz(), denseWeight, 0, flat, csr.values());
        return csr;
    }

    /** The transpose (cols × rows) with values in step with the last {@link #refresh}. */
    public CsrMatrix transposed(Kernels k) {
        if (csr == null) throw new IllegalStateException("SparseWeight.transposed() before refresh()");
        int nnz = csr.nnz();
        if (csrT == null) {
            csrT = csr.transpose().withValues(HostAccess.newStorage(nnz));
            int[] perm = csr.transposePermutation();
            transposePerm = HostAccess.newIndexStorage(nnz);
            System.arraycopy(perm, 0, transposePerm, 0, nnz);
        }
        k.gather(nnz, csr.values(), 0, transposePerm, csrT.values());
        return csrT;
    }

    /** dense = the values of a gradient at the CSR entries (in CSR order) at their positions, zero elsewhere. */
    public void scatter(Kernels k, float[] values, float[] dense) {
        if (csr == null) throw new IllegalStateException("SparseWeight.scatter() before refresh()");
        if (values.length != csr.nnz()) throw new IllegalArgumentException("SparseWeight.scatter: " + values.length + " values for " + csr.nnz() + " nonzeros");
        k.scatter(csr.nnz(), values, flat, rows * cols, dense);
    }

    /** The current structure (after refresh), e.g. as the SDDMM pattern. */
    public CsrMatrix csr() {
        if (csr == null) throw new IllegalStateException("SparseWeight.csr() before refresh()");
        return csr;
    }

    public int rows() { return rows; }

    public int cols() { return cols; }
}
