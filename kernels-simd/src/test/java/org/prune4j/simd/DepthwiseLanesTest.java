package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The channel-lane depthwise kernels ({@link DepthwiseLanes}) against the oracle with the shared suite's checks:
 * forward with and without bias, input gradient and weight gradient; strides 1, 2 and 3, padding 0 up to k − 1,
 * 3×3, 5×5 and rectangular kernels, planes from 1×1 to 14×14 (stride-2 rows whose last input column no tap
 * reads), one to three vectors of channels, batch 1 and 3, 1 and 2 threads, the transposes straight from the tensors and
 * through the contiguous copy; and the same bits for any thread count.
 */
class DepthwiseLanesTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.DepthwisePath savedPath = ConvKernels.depthwisePath;
    private final long savedStage = DepthwiseLanes.stageAbove;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.depthwisePath = savedPath;
        DepthwiseLanes.stageAbove = savedStage;
    }

    private static ConvGeometry dw(int n, int c, int h, int w, int kh, int kw, int s, int ph, int pw) {
        return new ConvGeometry(n, c, h, w, c, kh, kw, s, s, ph, pw, 1, 1, c);
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(dw(3, 32, 7, 7, 3, 3, 1, 1, 1));     // MobileNet's 7x7 layer
        list.add(dw(1, 16, 14, 14, 3, 3, 2, 1, 1));   // 14x14 stride 2 -> 7x7, batch 1
        list.add(dw(2, 48, 14, 14, 3, 3, 1, 1, 1));   // 14x14 stride 1, three vectors of channels
        list.add(dw(3, 16, 9, 11, 3, 3, 2, 1, 1));    // odd plane, stride 2: 5x6
        list.add(dw(2, 16, 8, 8, 3, 3, 2, 0, 0));     // stride 2, no padding: the last input column is read by no tap
        list.add(dw(1, 32, 1, 1, 3, 3, 1, 1, 1));     // 1x1 plane: only the centre tap
        list.add(dw(2, 16, 2, 3, 3, 3, 1, 1, 1));     // 2x3 plane
        list.add(dw(2, 16, 9, 9, 5, 5, 1, 2, 2));     // 5x5, padding 2
        list.add(dw(1, 16, 10, 7, 3, 5, 1, 1, 2));    // rectangular kernel, unequal padding
        list.add(dw(2, 16, 12, 12, 3, 3, 3, 1, 1));   // stride 3
        list.add(dw(3, 16, 6, 6, 3, 3, 1, 0, 0));     // 'valid': 6x6 -> 4x4
        return list;
    }

    @TestFactory
    Stream<DynamicTest> channelLanesMatchTheOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            for (int threads : new int[] {1, 2}) for (boolean staged : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest("threads=" + threads + (staged ? " staged " : " ") + g, () -> {
                    assertTrue(DepthwiseLanes.suits(g), g + " should suit the channel-lane kernels");
                    ConvKernels.depthwisePath = ConvKernels.DepthwisePath.LANES;
                    DepthwiseLanes.stageAbove = staged ? 0 : Long.MAX_VALUE;
                    Parallel.setThreads(threads);
                    SUITE.checkConvPasses(g);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        ConvGeometry g = dw(5, 64, 7, 7, 3, 3, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[g.outChannels()];
        float[] dy = new float[g.outputSize()];
        for (float[] a : new float[][] {x, w, bias, dy}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        float[][] y = new float[2][g.outputSize()], dx = new float[2][g.inputSize()], dwt = new float[2][g.weightSize()];
        ConvKernels.depthwisePath = ConvKernels.DepthwisePath.LANES;
        for (int t = 0; t < 2; t++) {
            Parallel.setThreads(t + 1);
            ConvKernels.forward(g, x, w, bias, y[t]);
            ConvKernels.backwardData(g, dy, w, dx[t]);
            ConvKernels.backwardWeight(g, x, dy, dwt[t]);
        }
        assertArrayEquals(y[0], y[1]);
        assertArrayEquals(dx[0], dx[1]);
        assertArrayEquals(dwt[0], dwt[1]);
    }

    @Test
    void pathPropertiesNameTheirChoicesWhenWrong() {
        String key = "prune4j.test.depthwisePath";
        try {
            System.setProperty(key, "Lanes ");
            assertEquals(ConvKernels.DepthwisePath.LANES, ConvKernels.pathProperty(key, ConvKernels.DepthwisePath.class));
            System.setProperty(key, "taps-batch");
            assertEquals(ConvKernels.WeightPath.TAPS_BATCH, ConvKernels.pathProperty(key, ConvKernels.WeightPath.class));
            System.setProperty(key, "fast");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConvKernels.pathProperty(key, ConvKernels.DepthwisePath.class));
            assertEquals(key + " must be auto, lanes or planes, got 'fast'", e.getMessage());
        } finally {
            System.clearProperty(key);
        }
        assertEquals(ConvKernels.DepthwisePath.AUTO, ConvKernels.pathProperty(key, ConvKernels.DepthwisePath.class));
    }

    @Test
    void onlyDepthwiseLayersWithWholeVectorsOfChannelsSuit() {
        int v = org.prune4j.simd.sparse.TileTranspose.V;
        assertFalse(DepthwiseLanes.suits(dw(1, v + v / 2, 7, 7, 3, 3, 1, 1, 1)), "one and a half vectors of channels");
        assertFalse(DepthwiseLanes.suits(new ConvGeometry(1, 16, 7, 7, 16, 3, 3, 1, 1, 2, 2, 2, 2, 16)), "dilated");
        assertFalse(DepthwiseLanes.suits(new ConvGeometry(1, 16, 7, 7, 32, 3, 3, 1, 1, 1, 1, 1, 1, 16)), "channel multiplier 2");
        assertFalse(DepthwiseLanes.suits(dw(1, 16, 7, 7, 3, 3, 1, 3, 3)), "padding as large as the kernel");
        assertTrue(DepthwiseLanes.wins(dw(64, 1024, 7, 7, 3, 3, 1, 1, 1), false));
        assertTrue(DepthwiseLanes.wins(dw(64, 128, 56, 56, 3, 3, 2, 1, 1), false), "56x56 stride 2: a 28x28 output");
        assertFalse(DepthwiseLanes.wins(dw(64, 128, 56, 56, 3, 3, 2, 1, 1), true), "... but its input gradient sums over 56x56");
        assertFalse(DepthwiseLanes.wins(dw(64, 32, 112, 112, 3, 3, 1, 1, 1), false), "large planes stay on the plane kernels");
    }

    @Test
    void transposesAreStagedOnlyWhenTheTensorLeavesTheCaches() {
        assertTrue(DepthwiseLanes.staged(dw(64, 1024, 7, 7, 3, 3, 1, 1, 1), 49), "batch 64: 12.8 MB");
        assertTrue(DepthwiseLanes.staged(dw(64, 512, 14, 14, 3, 3, 2, 1, 1), 196), "batch 64 stride 2: 25.7 MB of input");
        assertFalse(DepthwiseLanes.staged(dw(1, 1024, 7, 7, 3, 3, 1, 1, 1), 49), "batch 1: 0.2 MB, in L2");
        assertFalse(DepthwiseLanes.staged(dw(1, 512, 14, 14, 3, 3, 2, 1, 1), 196), "batch 1: 0.4 MB, in L2");
        assertFalse(DepthwiseLanes.staged(dw(8, 512, 14, 14, 3, 3, 2, 1, 1), 196), "batch 8: 3.2 MB, in L3");
    }
}
