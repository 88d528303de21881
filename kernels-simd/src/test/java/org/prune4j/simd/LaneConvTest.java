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

    static List<ConvGeometry> stridedCases() {
        List<ConvGeometry> list = new ArrayList<>();
        // batch, cin, inH, inW, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups
        list.add(new ConvGeometry(17, 6, 16, 16, 13, 3, 3, 2, 2, 1, 1, 1, 1, 1)); // ResNet's downsampling, partial lanes and block
        list.add(new ConvGeometry(16, 3, 32, 32, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1));  // 32x32 -> 16x16: 16x16 phases
        list.add(new ConvGeometry(16, 4, 8, 8, 5, 4, 4, 2, 2, 1, 1, 1, 1, 1));    // 4x4 kernel: two taps per phase and axis
        list.add(new ConvGeometry(16, 5, 16, 16, 6, 5, 5, 2, 2, 2, 2, 1, 1, 1));  // 5x5: taps above and left of the pixel
        list.add(new ConvGeometry(18, 4, 12, 24, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1));  // stride 3: nine phases, a 4x8 phase plane
        list.add(new ConvGeometry(16, 3, 16, 16, 4, 2, 2, 2, 2, 0, 0, 1, 1, 1));  // 2x2 stride 2: one tap per phase
        list.add(new ConvGeometry(16, 3, 24, 24, 4, 2, 2, 3, 3, 0, 0, 1, 1, 1));  // stride 3 over a 2x2 kernel: empty phases
        list.add(new ConvGeometry(16, 4, 16, 8, 5, 3, 1, 2, 2, 1, 0, 1, 1, 1));   // 3x1 kernel, a 16x8 plane
        return list;
    }

    @TestFactory
    Stream<DynamicTest> stridedInputGradientMatchesOracleWithTheSameBitsOnAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : stridedCases()) {
            tests.add(DynamicTest.dynamicTest(g.toString(), () -> {
                assertTrue(LaneConv.suitsStridedBackwardData(g), g + " should take the strided batch-lane input gradient");
                float[][] dx = new float[2][];
                SplittableRandom rnd = new SplittableRandom(g.hashCode());
                float[] dy = new float[g.outputSize()], w = new float[g.weightSize()];
                for (float[] a : new float[][] {dy, w}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
                for (int t = 1; t <= 2; t++) {
                    Parallel.setThreads(t);
                    SUITE.checkConvBackwardData(g);
                    dx[t - 1] = new float[g.inputSize()];
                    java.util.Arrays.fill(dx[t - 1], Float.NaN);
                    ConvKernels.backwardData(g, dy, w, dx[t - 1]);
                }
                assertArrayEquals(dx[0], dx[1], "threads 1 vs 2");
            }));
        }
        return tests.stream();
    }

    @Test
    void channelBlocksOfSixAndFourLeaveNoChannelOverForEvenCounts() {
        for (int m = 1; m <= 600; m++) {
            int[] b = LaneConv.channelBlocks(m);
            int fours = 0;
            for (int i = 1; i < b.length; i++) {
                int width = b[i] - b[i - 1];
                assertTrue(width == 6 || width == 4 && i > b.length - 3, "m=" + m + ": block " + i + " of width " + width);
                if (width == 4) fours++;
            }
            assertTrue(b[0] == 0 && b[b.length - 1] >= m && fours <= 2, "m=" + m + " ends at " + b[b.length - 1]);
            assertTrue(b[b.length - 1] - m <= (m % 2 == 0 && m >= 4 ? 0 : m < 4 ? 4 - m : 1), "m=" + m + " computes " + b[b.length - 1]);
        }
    }

    @Test
    void stridedInputGradientOnlyForOneStrideThatDividesThePlanes() {
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(16, 3, 15, 16, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)), "odd height");
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(16, 3, 16, 16, 4, 3, 3, 2, 1, 1, 1, 1, 1, 1)), "strides 2 and 1");
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(16, 3, 8, 12, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)), "phase rows of 6");
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(16, 3, 16, 16, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "stride 1");
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(org.prune4j.simd.sparse.LaneFrames.V - 1, 3, 16, 16, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)),
                "a partial vector of images");
        assertFalse(LaneConv.suitsStridedBackwardData(new ConvGeometry(16, 3, 64, 64, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)), "32x32 phases");
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
