package org.prune4j.simd.sparse;

import static org.prune4j.simd.sparse.SparseTestData.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.sparse.CsrMatrix;

/** Sddmm against the reference oracle, including the chunked path for long rows. */
class SparseSddmmTest {
    private static final ReferenceKernels REF = new ReferenceKernels();
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void matchesReferenceOverShapesAndDensities() {
        SplittableRandom rnd = new SplittableRandom(3);
        // {m, k, n}: dots of length one (37, 53, 1: the outer product's entries), n across tails of the 4x2-vector dot, and rows of exactly eight vectors at 8 and 16 lanes (64, 128:
        // the row held in registers); the last two exceed the L2 budget, so B is read in packed tiles (700 spans two
        // position chunks and 300 two row blocks; 2000 spans eight row blocks).
        int[][] shapes = {{1, 1, 1}, {37, 53, 1}, {3, 7, 5}, {9, 13, 17}, {16, 16, 32}, {13, 29, 95}, {8, 40, 333}, {11, 37, 64}, {21, 45, 128},
                {6, 300, 700}, {3, 2000, 91}};
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (int[] s : shapes) {
                for (double density : DENSITIES) {
                    for (boolean accumulate : new boolean[]{false, true}) check(rnd, s[0], s[1], s[2], density, accumulate, threads);
                }
            }
        }
    }

    @Test
    void chunkingKicksInForLongRows() {
        // Guards the test above: the long shapes really take the chunked path.
        if (!Sddmm.tiled(700, 300)) throw new AssertionError("700x300 not tiled");
        if (!Sddmm.tiled(91, 2000)) throw new AssertionError("91x2000 not tiled");
        if (Sddmm.tiled(333, 40)) throw new AssertionError("333x40 fits L2 and should be read in place");
    }

    private static void check(SplittableRandom rnd, int m, int k, int n, double density, boolean accumulate, int threads) {
        CsrMatrix pattern = randomCsr(rnd, m, k, density);
        int aOff = rnd.nextInt(4), bOff = rnd.nextInt(4);
        float[] a = uniform(rnd, aOff + m * n), b = uniform(rnd, bOff + k * n);
        float[] out0 = uniform(rnd, pattern.nnz());
        float[] want = out0.clone(), got = out0.clone();
        REF.sddmm(pattern, n, a, aOff, b, bOff, want, accumulate);
        Sddmm.sddmm(pattern, n, a, aOff, b, bOff, got, accumulate);
        float[] absSum = abs(out0);
        REF.sddmm(pattern, n, abs(a), aOff, abs(b), bOff, absSum, accumulate);
        assertClose("sddmm m=" + m + " k=" + k + " n=" + n + " density=" + density + " acc=" + accumulate + " threads=" + threads,
                want, got, absSum, 0, pattern.nnz(), n + 1);
    }

    @Test
    void sameBitsBeforeAndAfterWarmUp() {
        // The lane reduction must not change order when C2 compiles the loop.
        SplittableRandom rnd = new SplittableRandom(11);
        CsrMatrix pattern = randomCsr(rnd, 8, 8, 0.6);
        float[] a = uniform(rnd, 8 * 77), b = uniform(rnd, 8 * 77);
        float[] first = new float[pattern.nnz()], again = new float[pattern.nnz()];
        Sddmm.sddmm(pattern, 77, a, 0, b, 0, first, false);
        for (int i = 0; i < 20_000; i++) Sddmm.sddmm(pattern, 77, a, 0, b, 0, again, false);
        assertBitsEqual("sddmm cold vs warm", first, again);
    }
}
