package org.prune4j.simd.sparse;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Seeded inputs and the comparison rule shared by the sparse kernel tests.
 *
 * <p>Tolerance: a float sum of L terms computed in any order (with or without FMA) is
 * within L·u·Σ|term| of the exact sum, u = 2^-24 (first-order bound of recursive
 * summation, Higham §4.2); the reference sums in double and rounds once (u·|result|).
 * So each element may differ by (L + 2)·u·Σ|term|, where Σ|term| is computed exactly by
 * running the reference on the absolute values of every input. This is tight enough
 * that dropping, duplicating or misplacing a single term fails, and it needs no
 * hand-tuned constant per test.
 */
final class SparseTestData {
    static final double[] DENSITIES = {0.0, 0.01, 0.10, 0.50, 0.90, 0.99, 1.0};
    private static final double U = 0x1p-24;

    private SparseTestData() {}

    static float[] uniform(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    static float[] abs(float[] a) {
        if (a == null) return null;
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.abs(a[i]);
        return r;
    }

    /**
     * A rows×cols CSR keeping each entry with probability density, except that (when the
     * matrix is big enough) one row and one column are forced empty, since pruning leaves
     * dead channels and kernels must handle them.
     */
    static CsrMatrix randomCsr(SplittableRandom rnd, int rows, int cols, double density) {
        float[] dense = uniform(rnd, rows * cols);
        float[] mask = new float[rows * cols];
        int emptyRow = rows > 2 ? rnd.nextInt(rows) : -1;
        int emptyCol = cols > 2 ? rnd.nextInt(cols) : -1;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                boolean keep = density >= 1.0 || rnd.nextDouble() < density;
                if (density < 1.0 && (r == emptyRow || c == emptyCol)) keep = false;
                mask[r * cols + c] = keep ? 1f : 0f;
            }
        return CsrMatrix.fromDenseMasked(dense, 0, mask, rows, cols);
    }

    /** The same structure with absolute values (for the Σ|term| bound). */
    static CsrMatrix absValues(CsrMatrix a) {
        return new CsrMatrix(a.rows(), a.cols(), a.rowPtr().clone(), a.colIdx().clone(), abs(a.values()));
    }

    /** Asserts |got - want| <= (terms + 2)·u·absSum + tiny element-wise over [off, off+n). */
    static void assertClose(String what, float[] want, float[] got, float[] absSum, int off, int n, long terms) {
        for (int i = off; i < off + n; i++) {
            double tol = (terms + 2) * U * absSum[i] + 1e-30;
            double err = Math.abs((double) want[i] - (double) got[i]);
            if (!(err <= tol)) {
                fail(what + ": element " + i + " expected " + want[i] + " but got " + got[i]
                        + " (error " + err + ", tolerance " + tol + ")");
            }
        }
    }

    static void assertBitsEqual(String what, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                fail(what + ": element " + i + " differs: " + want[i] + " vs " + got[i]);
            }
        }
    }
}
