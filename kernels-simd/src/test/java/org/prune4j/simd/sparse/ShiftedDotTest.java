package org.prune4j.simd.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ShiftedDot.dotsRows against a scalar loop in double, over the row widths that take their own loops (one and two
 * vectors, two rows per trip), a wider one, odd and even row counts and one to nine entries (the four-entry groups
 * and the one to three left over). The layouts of the sparse convolutions only reach some of these combinations
 * (their 16- and 32-wide planes have even heights), so the kernel is checked on its own.
 */
class ShiftedDotTest {
    private static final int V = ShiftedSum.V;

    @Test
    void rowDotsMatchAScalarLoop() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int cols : new int[]{V, 2 * V, 3 * V}) {
            for (int rows : new int[]{1, 2, 3, 5, 8}) {
                for (int images : new int[]{1, 3}) {
                    for (int entries = 1; entries <= 9; entries++) check(rnd, cols, rows, images, entries);
                }
            }
        }
    }

    private static void check(SplittableRandom rnd, int cols, int rows, int images, int entries) {
        int stride = cols + V + rnd.nextInt(3) * V, plane = (rows + 1) * stride;
        int aOff = 1 + rnd.nextInt(V), shift = rnd.nextInt(5);
        float[] a = fill(rnd, aOff + images * plane + V);
        float[] b = fill(rnd, images * plane + 4 * stride + shift + V);
        int[] offs = new int[entries + 2];
        for (int e = 0; e < offs.length; e++) offs[e] = rnd.nextInt(3 * stride);
        // Entries [1, 1 + entries) of offs and acc, so the kernel must respect both ends of the range.
        double[] acc = new double[entries + 2], expected = new double[entries + 2];
        for (int e = 0; e < acc.length; e++) acc[e] = expected[e] = rnd.nextDouble();
        for (int e = 1; e <= entries; e++) {
            double s = 0;
            for (int i = 0; i < images; i++)
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++) {
                        int q = i * plane + r * stride + c;
                        s += (double) a[aOff + q] * b[offs[e] + shift + q];
                    }
            expected[e] += s;
        }
        ShiftedDot.dotsRows(a, aOff, b, offs, shift, 1, 1 + entries, images, plane, rows, stride, cols, acc, new float[8 * V]);
        for (int e = 0; e < acc.length; e++) {
            String where = "cols " + cols + ", rows " + rows + ", images " + images + ", entries " + entries + ", acc[" + e + "]";
            // Float sums of at most 3·8·48 products of values in [-1, 1): a few float ulps of the largest partial.
            assertEquals(expected[e], acc[e], 1e-3, where);
        }
    }

    private static float[] fill(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }
}
