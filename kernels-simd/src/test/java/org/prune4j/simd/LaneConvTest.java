package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * The batch-lane dense forward ({@link LaneConv}) against the oracle with the shared suite's checks: stride 1 and
 * 2, padding 0 to 2, 3×3 and 5×5 and rectangular kernels, a Cout that leaves a partial 6-channel block, a batch
 * that leaves a partial chunk of lanes, bias or not, 1 and 2 threads (the same bits); and the input gradient of
 * the stride-1 "same" ones, which runs the forward with flipped weights.
 */
class LaneConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        // batch, cin, inH, inW, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups
        list.add(new ConvGeometry(16, 8, 8, 8, 12, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // ResNet-like 8x8, two full blocks
        list.add(new ConvGeometry(21, 5, 8, 8, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1));    // partial lanes, a 1-channel block
        list.add(new ConvGeometry(17, 6, 16, 16, 13, 3, 3, 2, 2, 1, 1, 1, 1, 1)); // stride 2: 16x16 -> 8x8
        list.add(new ConvGeometry(16, 9, 4, 4, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // 4x4, VGG-like
        list.add(new ConvGeometry(18, 3, 6, 6, 5, 3, 3, 1, 1, 0, 0, 1, 1, 1));    // 'valid': 6x6 -> 4x4
        list.add(new ConvGeometry(16, 4, 8, 8, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1));    // 5x5
        list.add(new ConvGeometry(16, 3, 7, 8, 8, 3, 5, 1, 1, 1, 2, 1, 1, 1));    // rectangular kernel and plane: 7x8
        list.add(new ConvGeometry(32, 2, 9, 13, 4, 3, 3, 2, 2, 1, 2, 1, 1, 1));  // unequal padding, stride 2: 5x8
        list.add(new ConvGeometry(16, 5, 16, 16, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1));  // a 16x16 plane (fewer than 128 channels)
        list.add(new ConvGeometry(17, 3, 32, 32, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1));  // stride 2: 32x32 -> 16x16
        return list;
    }

    @TestFactory
    Stream<DynamicTest> lanePathMatchesOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            for (int threads : new int[] {1, 2}) {
                tests.add(DynamicTest.dynamicTest("threads=" + threads + " " + g, () -> {
                    assertTrue(LaneConv.suits(g), g + " should take the batch-lane forward");
                    Parallel.setThreads(threads);
                    SUITE.checkConvForward(g, false);
                    SUITE.checkConvForward(g, true);
                    if (g.strideH() == 1 && g.inH() == g.outH() && g.inW() == g.outW()) {
                        assertTrue(LaneConv.suitsBackwardData(g), g + " should take the batch-lane input gradient");
                        SUITE.checkConvBackwardData(g);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void sameBitsForOneAndTwoThreadsAndOnlySmallPlanesWithAVectorOfImages() {
        ConvGeometry g = new ConvGeometry(37, 7, 8, 8, 11, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[g.outChannels()];
        for (float[] a : new float[][] {x, w, bias}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        float[][] y = new float[2][g.outputSize()];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            ConvKernels.forward(g, x, w, bias, y[t - 1]);
        }
        assertArrayEquals(y[0], y[1], "threads 1 vs 2");
        assertFalse(LaneConv.suits(g.withBatch(org.prune4j.simd.sparse.LaneFrames.V - 1)), "fewer images than lanes");
        assertTrue(LaneConv.suits(new ConvGeometry(16, 3, 16, 16, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "a 16x16 plane, few channels");
        assertFalse(LaneConv.suits(new ConvGeometry(16, 128, 16, 16, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "a 16x16 plane, 128 channels");
        assertFalse(LaneConv.suits(new ConvGeometry(16, 3, 32, 32, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "a 32x32 plane");
        assertFalse(LaneConv.suits(new ConvGeometry(16, 3, 8, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "rows of 6");
        assertFalse(LaneConv.suits(new ConvGeometry(16, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2)), "groups");
    }
}
