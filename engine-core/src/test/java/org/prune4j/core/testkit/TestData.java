package org.prune4j.core.testkit;

import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Rng;

import java.util.Arrays;

/** Seeded random inputs for the conformance suite: dense arrays, labels and CSR patterns. */
public final class TestData {
    private TestData() {}

    public static float[] uniform(Rng rng, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rng.uniform(lo, hi);
        return a;
    }

    public static float[] uniform(Rng rng, int n) { return uniform(rng, n, -1f, 1f); }

    public static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    public static int[] labels(Rng rng, int rows, int cols) {
        int[] l = new int[rows];
        for (int i = 0; i < rows; i++) l[i] = rng.nextInt(cols);
        return l;
    }

    /**
     * A rows×cols CSR whose entries are kept with probability density. When emptyLines
     * is set, row 0 and column cols-1 (and every third row) are forced empty, so
     * kernels meet empty rows and columns even at high density.
     */
    public static CsrMatrix csr(Rng rng, int rows, int cols, double density, boolean emptyLines) {
        float[] dense = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean forcedEmpty = emptyLines && (r == 0 || r % 3 == 2 || c == cols - 1);
                if (!forcedEmpty && rng.uniform() < density) {
                    float v = rng.uniform(-1f, 1f);
                    dense[r * cols + c] = v == 0f ? 0.5f : v;
                }
            }
        }
        return CsrMatrix.fromDense(dense, 0, rows, cols);
    }

    public static float[] copy(float[] a) { return a.clone(); }
}
