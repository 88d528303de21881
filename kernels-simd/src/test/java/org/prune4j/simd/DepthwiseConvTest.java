package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
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
     * Stride 1 as well, for the weight gradient's two orders (DepthwiseConv.backwardWeight): images shared out in
     * plane order when the batch has one per thread (batch 3 and 5 on 2 threads: uneven ranges), channels shared out
     * below that (batch 1 on 2 threads); nine taps in one pass (dot9) and 5×5 by separate dots.
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
}
