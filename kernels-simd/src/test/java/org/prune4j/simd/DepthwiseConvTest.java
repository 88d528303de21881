package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.testkit.KernelConformance;

/**
 * The plane-at-a-time depthwise kernels ({@link DepthwiseConv}) at stride 2, whose planes are packed by one
 * de-interleave per input row (PhaseLayout.packPlaneValues), against the oracle with the shared suite's checks: padding 0, 1
 * and 2 (even input columns landing in either column phase), 3×3 and 5×5, rows shorter than a vector, between one
 * and two, and several vectors plus a tail (MobileNet's 112-wide rows), odd and even heights, 1 and 2 threads; the
 * 3×3 padding-1 layers' input gradient by stride phases (backwardDataByPhases), down to 1×1 and 2×5 planes; and the
 * weight gradient's two plane orders at stride 1 and 2.
 */
class DepthwiseConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.DepthwisePath savedPath = ConvKernels.depthwisePath;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.depthwisePath = savedPath;
    }

    private static ConvGeometry dw(int n, int c, int h, int w, int k, int pad) {
        return new ConvGeometry(n, c, h, w, c, k, k, 2, 2, pad, pad, 1, 1, c);
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(dw(2, 3, 112, 112, 3, 1));  // MobileNet's 112x112 stride-2 layer, few channels
        list.add(dw(1, 2, 13, 53, 3, 1));    // three vectors of input and a tail, odd height
        list.add(dw(2, 3, 10, 40, 3, 0));    // no padding: even columns to phase 0, the last column read by no tap
        list.add(dw(1, 2, 9, 37, 5, 2));     // 5x5, padding 2: even columns to phase 0 at column t + 1
        list.add(dw(3, 2, 7, 7, 3, 1));      // a row shorter than a vector
        list.add(dw(1, 4, 6, 20, 3, 1));     // a row between one and two vectors
        list.add(dw(1, 2, 12, 33, 3, 2));    // 3x3 with padding 2: wider output than the kernel needs
        list.add(dw(2, 3, 1, 1, 3, 1));      // 1x1 plane: one dx row from phase (1, 1) only
        list.add(dw(1, 2, 2, 5, 3, 1));      // 2x5 plane
        list.add(dw(1, 2, 15, 16, 3, 1));    // odd height, even width
        return list;
    }

    @TestFactory
    Stream<DynamicTest> stride2PlanesMatchTheOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            for (int threads : new int[] {1, 2}) {
                tests.add(DynamicTest.dynamicTest("threads=" + threads + " " + g, () -> {
                    ConvKernels.depthwisePath = ConvKernels.DepthwisePath.PLANES;
                    assertFalse(ConvKernels.useDepthwiseLanes(g, false), "the plane kernels should run " + g);
                    assertEquals(g.kernelH() == 3 && g.padH() == 1, DepthwiseConv.byPhases(g), "input gradient by phases: " + g);
                    Parallel.setThreads(threads);
                    SUITE.checkConvPasses(g);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Stride 1 as well, for the weight gradient's two orders (ImageChunks): image chunks shared out in plane order
     * (batch 5: five chunks, uneven between 2 threads), channels shared out below two chunks per thread (batch 1 and 3 on
     * 2 threads); nine taps in one pass (dot9) and 5×5 by separate dots.
     */
    @TestFactory
    Stream<DynamicTest> weightGradientOrdersMatchTheOracle() {
        List<ConvGeometry> list = new ArrayList<>(List.of(
                new ConvGeometry(5, 3, 11, 21, 3, 3, 3, 1, 1, 1, 1, 1, 1, 3),
                new ConvGeometry(3, 4, 17, 17, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4),
                new ConvGeometry(1, 5, 9, 35, 5, 3, 3, 1, 1, 1, 1, 1, 1, 5),
                new ConvGeometry(3, 2, 12, 12, 2, 5, 5, 1, 1, 2, 2, 1, 1, 2),
                dw(3, 3, 24, 24, 3, 1)));
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : list) {
            for (int threads : new int[] {1, 2}) {
                tests.add(DynamicTest.dynamicTest("threads=" + threads + " " + g, () -> {
                    ConvKernels.depthwisePath = ConvKernels.DepthwisePath.PLANES;
                    assertFalse(ConvKernels.useDepthwiseLanes(g, false), "the plane kernels should run " + g);
                    Parallel.setThreads(threads);
                    SUITE.checkConvBackwardWeight(g);
                }));
            }
        }
        return tests.stream();
    }

    /** An empty batch gives a zero weight gradient on both depthwise kernels (ImageChunks with one empty chunk). */
    @Test
    void emptyBatchGivesZeroWeightGradient() {
        for (ConvKernels.DepthwisePath path : new ConvKernels.DepthwisePath[] {ConvKernels.DepthwisePath.PLANES, ConvKernels.DepthwisePath.LANES}) {
            for (int threads : new int[] {1, 2}) {
                ConvGeometry g = new ConvGeometry(0, 32, 9, 9, 32, 3, 3, 1, 1, 1, 1, 1, 1, 32);
                ConvKernels.depthwisePath = path;
                Parallel.setThreads(threads);
                float[] dw = new float[g.weightSize()];
                java.util.Arrays.fill(dw, Float.NaN);
                ConvKernels.backwardWeight(g, new float[0], new float[0], dw);
                assertArrayEquals(new float[g.weightSize()], dw, path + " threads " + threads);
            }
        }
    }

    /**
     * The weight gradient's bits do not depend on the thread count, for either depthwise kernel: batch 3 takes the
     * chunks on one thread and the channels on two, batch 20 (16 chunks of 1 or 2 images) the chunks on both. Images 4
     * and 5 add ±2⁵⁰ per pixel, so the double sums lose the small terms added between them in any order that depends
     * on how the batch was cut (images [0, 10) as one range, or [0, 5) and [5, 10)).
     */
    @Test
    void weightGradientBitsDoNotDependOnTheThreadCount() {
        for (ConvKernels.DepthwisePath path : new ConvKernels.DepthwisePath[] {ConvKernels.DepthwisePath.PLANES, ConvKernels.DepthwisePath.LANES}) {
            for (int batch : new int[] {3, 20}) {
                ConvGeometry g = new ConvGeometry(batch, 32, 9, 9, 32, 3, 3, 1, 1, 1, 1, 1, 1, 32);
                SplittableRandom rnd = new SplittableRandom(batch);
                float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
                for (float[] a : new float[][] {x, dy}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
                int image = g.inputSize() / batch;
                if (batch > 5) {
                    java.util.Arrays.fill(x, 4 * image, 6 * image, 1f);
                    java.util.Arrays.fill(dy, 4 * image, 5 * image, 0x1p50f);
                    java.util.Arrays.fill(dy, 5 * image, 6 * image, -0x1p50f);
                }
                ConvKernels.depthwisePath = path;
                assertEquals(path == ConvKernels.DepthwisePath.LANES, ConvKernels.useDepthwiseLanes(g, false), path + " " + g);
                float[][] dw = new float[2][g.weightSize()];
                for (int t = 0; t < 2; t++) {
                    Parallel.setThreads(t + 1);
                    ConvKernels.backwardWeight(g, x, dy, dw[t]);
                }
                assertArrayEquals(dw[0], dw[1], path + " batch " + batch);
            }
        }
    }
}
