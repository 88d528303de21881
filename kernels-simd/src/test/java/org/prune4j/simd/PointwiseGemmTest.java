package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PointwiseGemm} against a double-precision triple loop over the images' planes: panels that take the end of
 * one image and the start of the next (planes shorter than a panel, and of odd sizes), rows not a multiple of the
 * micro-kernel's, k deeper than one slice (the tiles are added to what the first slice wrote, the bias once),
 * chunks wider than one B block, both op(W), with and without bias; images outside [n0, n1) stay untouched.
 * Tolerance: the float-summation bound (k + 1)·u·Σ|products| with u = 2⁻²⁴ (k products and the bias).
 */
class PointwiseGemmTest {
    private static void check(boolean transW, int m, int k, int hw, int images, int n0, int n1, boolean bias, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[m * k], src = new float[images * k * hw], b = bias ? new float[m] : null, dst = new float[images * m * hw];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < src.length; i++) src[i] = (float) r.nextDouble(-1, 1);
        if (bias) for (int i = 0; i < m; i++) b[i] = (float) r.nextDouble(-1, 1);
        Arrays.fill(dst, Float.NaN);
        int lda = transW ? m : k;
        PointwiseGemm.gemm(transW, m, k, w, lda, src, b, dst, hw, n0, n1);
        String what = (transW ? "Wt " : "W ") + m + "x" + k + " hw " + hw + " images [" + n0 + ", " + n1 + ") bias " + bias;
        for (int n = 0; n < images; n++)
            for (int i = 0; i < m; i++)
                for (int p = 0; p < hw; p++) {
                    float got = dst[(n * m + i) * hw + p];
                    if (n < n0 || n >= n1) {
                        assertEquals(Float.NaN, got, 0f, what + ": image " + n + " outside the chunk was written");
                        continue;
                    }
                    double sum = bias ? b[i] : 0, mag = bias ? Math.abs(b[i]) : 0;
                    for (int q = 0; q < k; q++) {
                        double prod = (transW ? w[q * m + i] : w[i * k + q]) * (double) src[(n * k + q) * hw + p];
                        sum += prod;
                        mag += Math.abs(prod);
                    }
                    assertEquals(sum, got, (k + 1) * 0x1p-24 * mag + 1e-30, what + " at image " + n + " row " + i + " pixel " + p);
                }
    }

    @Test
    void panelsAcrossImagesMatchTheTripleLoop() {
        check(false, 20, 7, 49, 5, 1, 5, false, 1);     // 7x7 planes: most panels span two images
        check(false, 9, 5, 9, 9, 0, 9, true, 2);        // 3x3 planes: a panel spans four images
        check(true, 17, 11, 1, 40, 3, 37, true, 3);     // 1x1 planes: one column per image
        check(true, 8, 16, 196, 3, 0, 3, false, 4);     // 14x14 planes, transposed weights
        check(false, 3, 2, 5, 2, 1, 2, true, 5);        // one image, a partial panel only
    }

    @Test
    void deepAndWideProblemsTakeEveryBlock() {
        int kDeep = Sgemm.KC + 70;                     // two k slices: the second adds to the first
        check(false, 19, kDeep, 13, 4, 0, 4, true, 6);
        check(false, 16, kDeep, 49, 3, 0, 3, true, 8); // ... into tiles stored from registers, one run and two
        check(true, 16, 9, 64, 3, 1, 3, true, 9);      // panels inside one image, bias from registers
        int wideImages = Sgemm.NCB / 49 + 3;           // more columns than one B block
        check(true, 10, 6, 49, wideImages + 1, 1, wideImages + 1, true, 7);
    }

    /** {@link PointwiseGemm#weight}: dw (+)= Σ over the chunk's images and pixels of dy[n][i][p]·x[n][q][p]. */
    private static void checkWeight(int m, int k, int hw, int images, int n0, int n1, boolean first, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] dy = new float[images * m * hw], x = new float[images * k * hw], dw = new float[m * k];
        for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < dw.length; i++) dw[i] = first ? Float.NaN : (float) r.nextDouble(-1, 1);
        float[] before = dw.clone();
        PointwiseGemm.weight(m, k, dy, x, hw, n0, n1, dw, first);
        String what = "dW " + m + "x" + k + " hw " + hw + " images [" + n0 + ", " + n1 + ") first " + first;
        int depth = (n1 - n0) * hw;
        for (int i = 0; i < m; i++)
            for (int q = 0; q < k; q++) {
                double sum = first ? 0 : before[i * k + q], mag = Math.abs(sum);
                for (int n = n0; n < n1; n++)
                    for (int p = 0; p < hw; p++) {
                        double prod = dy[(n * m + i) * hw + p] * (double) x[(n * k + q) * hw + p];
                        sum += prod;
                        mag += Math.abs(prod);
                    }
                assertEquals(sum, dw[i * k + q], (depth + 1) * 0x1p-24 * mag + 1e-30, what + " at " + i + ", " + q);
            }
    }

    @Test
    void weightGradientRunsAcrossImagesMatchTheTripleLoop() {
        checkWeight(20, 40, 49, 5, 1, 5, true, 11);     // 7x7 planes; a partial MR panel and a partial NR panel
        checkWeight(16, 64, 49, 3, 0, 3, false, 12);    // whole panels, added to what dw held
        checkWeight(9, 33, 1, 40, 3, 37, true, 13);     // 1x1 planes: a run per image
        checkWeight(8, 32, 196, 2, 0, 2, false, 14);    // 14x14 planes: runs longer than a transpose block
        checkWeight(5, 3, 7, 2, 1, 2, true, 15);        // one image, panels far from full
    }

    @Test
    void weightGradientTakesEverySliceAndBlock() {
        checkWeight(12, 35, 49, 26, 1, 26, true, 16);          // depth 1225: two k slices, the second adds
        checkWeight(3, Sgemm.NCB + 40, 2, 3, 0, 3, false, 17); // more channels than one B block
    }

    /**
     * The weight gradient of a thread's whole range as one GEMM (ConvKernels gives it every image): k slices that
     * end inside a plane, runs longer than a transpose block with ragged ends, A read in place when x has one B panel
     * of channels (MicroKernel.tileRunsA, with a partial MR panel beside it packed) and packed by 8×8 transposes
     * otherwise.
     */
    @Test
    void weightGradientOfLargePlanesMatchesTheTripleLoop() {
        checkWeight(20, 32, 1500, 3, 0, 3, true, 18);   // one B panel: A in place, 2 whole MR panels + 4 rows packed
        checkWeight(16, 32, 1500, 3, 1, 3, false, 19);  // ... added to what dw held, slices across the image boundary
        checkWeight(16, 96, 1100, 2, 0, 2, true, 20);   // three B panels: A packed, staged B, runs of 1100 pixels
        checkWeight(24, 48, 3, 700, 0, 700, true, 21);  // 3-pixel planes: many short runs per slice, A tails only
    }
}
