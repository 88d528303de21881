package org.prune4j.simd.sparse;

import static org.prune4j.simd.sparse.SparseTestData.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.sparse.CsrMatrix;

/** CsrSpmm against the reference oracle over densities, odd shapes, tails, offsets and fused epilogues. */
class SparseSpmmTest {
    private static final ReferenceKernels REF = new ReferenceKernels();
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    // {m, k, n}: n below, at and above the vector length and tile, prime sizes, and n wide
    // enough (>= 1024: eight 128-wide panels) that two threads split by column panels instead of rows,
    // with and without tail columns; k above 160 is always packed.
    private static final int[][] SHAPES = {
            {1, 1, 1}, {3, 5, 7}, {7, 13, 16}, {17, 33, 15}, {16, 31, 64}, {33, 65, 100},
            {64, 128, 257}, {5, 300, 135}, {24, 40, 1000}, {1, 64, 1031}, {12, 400, 520},
            // Read in place with n a multiple of 16: strips start on a cache line of B. Few strips: two threads split
            // the rows (784, MobileNet's 28×28 plane); more: the columns (1600).
            {40, 64, 784}, {12, 32, 1600},
            // Small k with power-of-two n: packed, one k block (not read in place).
            {16, 128, 1024}, {9, 150, 2048}, {10, 200, 1100},
    };

    @Test
    void matchesReferenceOverShapesDensitiesAndEpilogues() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (int[] s : SHAPES) {
                for (double density : DENSITIES) {
                    // Cycle through the four epilogues so every shape and density meets each over the loop.
                    for (int mode = 0; mode < 4; mode++) {
                        check(rnd, s[0], s[1], s[2], density, mode == 1 || mode == 2, mode == 2, mode == 3, threads);
                    }
                }
            }
        }
    }

    private static void check(SplittableRandom rnd, int m, int k, int n, double density,
                              boolean bias, boolean relu, boolean accumulate, int threads) {
        CsrMatrix a = randomCsr(rnd, m, k, density);
        int bOff = rnd.nextInt(5), cOff = rnd.nextInt(5);
        float[] b = uniform(rnd, bOff + k * n);
        float[] c0 = uniform(rnd, cOff + m * n + 3);
        float[] bi = bias ? uniform(rnd, m) : null;
        float[] want = c0.clone();
        float[] got = c0.clone();
        REF.spmm(a, n, b, bOff, want, cOff, bi, relu, accumulate);
        CsrSpmm.spmm(a, n, b, bOff, got, cOff, bi, relu, accumulate);
        float[] absSum = abs(c0);
        REF.spmm(absValues(a), n, abs(b), bOff, absSum, cOff, abs(bi), false, accumulate);
        String what = "spmm m=" + m + " k=" + k + " n=" + n + " density=" + density + " bias=" + bias
                + " relu=" + relu + " acc=" + accumulate + " threads=" + threads;
        assertClose(what, want, got, absSum, cOff, m * n, k + 1);
        // Elements outside C's window must be untouched.
        for (int i = 0; i < cOff; i++) if (got[i] != c0[i]) throw new AssertionError(what + ": wrote before C at " + i);
        for (int i = cOff + m * n; i < got.length; i++) if (got[i] != c0[i]) throw new AssertionError(what + ": wrote after C at " + i);
    }

    /**
     * The in-place product starts its strips where B's rows cross a cache line, which depends on where B lies in
     * memory; the columns before and after the strips are summed in the strips' order, so the bits may not move.
     */
    @Test
    void sameBitsWhereverBStarts() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] s : new int[][]{{40, 64, 784}, {12, 32, 1600}, {8, 16, 272}}) {
            int m = s[0], k = s[1], n = s[2];
            CsrMatrix a = randomCsr(rnd, m, k, 0.3);
            float[] bias = uniform(rnd, m);
            float[] src = uniform(rnd, k * n);
            float[] first = null;
            for (int threads : new int[]{1, 2}) {
                Parallel.setThreads(threads);
                for (int bOff = 0; bOff < 16; bOff++) {
                    for (boolean relu : new boolean[]{false, true}) {
                        float[] b = new float[bOff + k * n];
                        System.arraycopy(src, 0, b, bOff, k * n);
                        float[] c = new float[m * n];
                        CsrSpmm.spmm(a, n, b, bOff, c, 0, bias, relu, false);
                        if (relu) {
                            for (int i = 0; i < c.length; i++) {
                                float want = first[i] < 0f ? 0f : first[i];
                                if (Float.floatToIntBits(c[i]) != Float.floatToIntBits(want)) {
                                    throw new AssertionError("spmm " + m + "x" + k + "x" + n + " with ReLU, B at " + bOff
                                            + ", threads " + threads + ": element " + i + " is " + c[i] + ", " + want + " without B moved");
                                }
                            }
                        } else if (first == null) {
                            first = c;
                        } else {
                            assertBitsEqual("spmm " + m + "x" + k + "x" + n + ", B at " + bOff + ", threads " + threads, first, c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] s : new int[][]{{24, 40, 1000}, {50, 70, 77}}) {
            CsrMatrix a = randomCsr(rnd, s[0], s[1], 0.3);
            float[] b = uniform(rnd, s[1] * s[2]);
            float[] bias = uniform(rnd, s[0]);
            float[] one = new float[s[0] * s[2]], two = new float[s[0] * s[2]];
            Parallel.setThreads(1);
            CsrSpmm.spmm(a, s[2], b, 0, one, 0, bias, true, false);
            Parallel.setThreads(2);
            CsrSpmm.spmm(a, s[2], b, 0, two, 0, bias, true, false);
            assertBitsEqual("spmm threads 1 vs 2, shape " + s[0] + "x" + s[1] + "x" + s[2], one, two);
        }
    }

    @Test
    void reluPassesNaNThroughLikeTheReference() {
        CsrMatrix a = CsrMatrix.fromDense(new float[]{1f, 1f}, 0, 1, 2);
        int n = 40;
        float[] b = new float[2 * n];
        b[3] = Float.NaN;
        b[n + 33] = Float.NaN;
        float[] want = new float[n], got = new float[n];
        REF.spmm(a, n, b, 0, want, 0, null, true, false);
        CsrSpmm.spmm(a, n, b, 0, got, 0, null, true, false);
        assertBitsEqual("relu of NaN", want, got);
    }
}
