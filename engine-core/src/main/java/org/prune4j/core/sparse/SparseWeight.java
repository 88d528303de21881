package org.prune4j.core.sparse;

/**
 * The CSR view of a masked weight, kept in step with its {@link Mask}. The structure
 * (and the transposed structure used for input gradients) is rebuilt only when the
 * mask's version changes; values are gathered from the dense weight on every
 * {@link #refresh} call, so the dense tensor stays the single source of truth that the
 * optimizer updates. The weight is seen as rows × cols (Cout × patch for a conv,
 * out × in for a linear layer).
 */
public final class SparseWeight {
    private final Mask mask;
    private final int rows;
    private final int cols;
    private long builtVersion = Long.MIN_VALUE;
    private CsrMatrix csr;
    private CsrMatrix csrT;
    private int[] transposePerm;

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

    /** Brings structure and values up to date with the mask and the dense weight; returns the CSR. */
    public CsrMatrix refresh(float[] denseWeight) {
        if (denseWeight.length != mask.size()) {
            throw new IllegalArgumentException("SparseWeight: weight has " + denseWeight.length + " values, mask " + mask.size());
        }
        if (builtVersion != mask.version() || csr == null) {
            csr = CsrMatrix.fromDenseMasked(denseWeight, 0, mask.data(), rows, cols);
            csrT = null;
            transposePerm = null;
            builtVersion = mask.version();
        } else {
            csr.gatherValues(denseWeight, 0);
        }
        return csr;
    }

    /** The transpose (cols × rows) with values in step with the last {@link #refresh}. */
    public CsrMatrix transposed() {
        if (csr == null) throw new IllegalStateException("SparseWeight.transposed() before refresh()");
        if (csrT == null) {
            csrT = csr.transpose();
            transposePerm = csr.transposePermutation();
        } else {
            float[] tv = csrT.values(), v = csr.values();
            for (int q = 0; q < tv.length; q++) tv[q] = v[transposePerm[q]];
        }
        return csrT;
    }

    /** The current structure (after refresh), e.g. as the SDDMM pattern. */
    public CsrMatrix csr() {
        if (csr == null) throw new IllegalStateException("SparseWeight.csr() before refresh()");
        return csr;
    }

    public int rows() { return rows; }

    public int cols() { return cols; }
}
