package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.testkit.KernelConformance;

/**
 * {@link ShiftedWeights} against a double-precision loop over the convolution's definition: every phase of dY against
 * the cache lines (the masked head and tail steps of each block, none at phase 0), kernels 3×3, 5×5 and 1×3, planes
 * of one and several vector rows, chunks added to what an earlier chunk wrote, and images outside the chunk ignored.
 * Tolerance: the float-summation bound (terms + 1)·u·Σ|products| with u = 2⁻²⁴, for any order of the sum. Then the
 * layer it was made for through {@link ConvKernels} with the shared suite, at 1 and 2 threads.
 */
class ShiftedWeightsTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    /** Images [n0, split) overwrite dw, [split, n1) add to it, with dY lined up as if at phase ad. */
    private static void check(ConvGeometry g, int n0, int split, int n1, int ad, long seed) {
        assertTrue(ShiftedWeights.suits(g), g.toString());
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()], dw = new float[g.weightSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextDouble(-1, 1);
        java.util.Arrays.fill(dw, Float.NaN);
        ShiftedWeights.weightChunk(g, x, dy, dw, n0, split, true, ad);
        if (split < n1) ShiftedWeights.weightChunk(g, x, dy, dw, split, n1, false, ad);
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), h = g.inH(), w = g.inW();
        long terms = (long) (n1 - n0) * h * w;
        for (int co = 0; co < cout; co++)
            for (int ci = 0; ci < cin; ci++)
                for (int ky = 0; ky < kh; ky++)
                    for (int kx = 0; kx < kw; kx++) {
                        double sum = 0, mag = 0;
                        for (int n = n0; n < n1; n++)
                            for (int y = 0; y < h; y++)
                                for (int c = 0; c < w; c++) {
                                    int iy = y + ky - g.padH(), ix = c + kx - g.padW();
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    double p = (double) dy[((n * cout + co) * h + y) * w + c] * x[((n * cin + ci) * h + iy) * w + ix];
                                    sum += p;
                                    mag += Math.abs(p);
                                }
                        float got = dw[((co * cin + ci) * kh + ky) * kw + kx];
                        assertEquals(sum, got, (terms + 1) * 0x1p-24 * mag + 1e-30,
                                g + " images [" + n0 + ", " + split + ", " + n1 + ") phase " + ad + " at " + co + "," + ci + "," + ky + "," + kx);
                    }
    }

    @Test
    void everyPhaseOfTheLinesGivesTheSum() {
        ConvGeometry g = ConvGeometry.of(3, 4, 3, 2 * Sgemm.L, 8, 3, 1, 1, 1);
        for (int ad = 0; ad < 16; ad++) check(g, 0, 3, 3, ad, 10 + ad);
    }

    @Test
    void kernelsAndPlanesOfOtherShapes() {
        check(ConvGeometry.of(2, 8, 6, Sgemm.L, 4, 5, 1, 2, 1), 0, 2, 2, 5, 1);           // 5×5: two zero rows each side
        check(new ConvGeometry(2, 4, 5, 2 * Sgemm.L, 12, 1, 3, 1, 1, 0, 1, 1, 1, 1), 0, 2, 2, 3, 2); // 1×3: no zero rows
        check(ConvGeometry.of(4, 16, 32, 32, 16, 3, 1, 1, 1), 0, 4, 4, 12, 3);             // ResNet's layer, phase of the heap's large arrays
    }

    @Test
    void laterChunksAddAndOtherImagesAreIgnored() {
        ConvGeometry g = ConvGeometry.of(6, 8, 4, Sgemm.L, 8, 3, 1, 1, 1);
        check(g, 1, 3, 5, 7, 4);
        check(g, 2, 5, 5, 0, 5);
    }

    /**
     * ResNet's 16-channel layer takes this path where {@link TapWeights} leaves it (16 output channels are half its
     * panel at 512 bits, a whole one at 256); 20 output channels at either width.
     */
    @Test
    void layersTakeThisPathThroughConvKernels() {
        ConvGeometry resnet = ConvGeometry.of(4, 16, 32, 32, 16, 3, 1, 1, 1), twenty = ConvGeometry.of(3, 16, 32, 32, 20, 3, 1, 1, 1);
        assertEquals(16 % TapWeights.NR != 0, ShiftedWeights.wins(resnet) && ConvKernels.useImplicit(resnet), "ResNet's 16-channel 32x32 layer");
        assertTrue(ShiftedWeights.wins(twenty) && ConvKernels.useImplicit(twenty), "20 output channels");
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            SUITE.checkConvBackwardWeight(resnet);
            SUITE.checkConvBackwardWeight(twenty);
        }
    }
}
