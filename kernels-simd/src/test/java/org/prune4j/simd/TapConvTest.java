package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * The forward with vectors over output channels ({@link TapConv}), forced for every geometry of
 * {@link TapWeightsTest#cases} (strides, padding past the kernel, dilation, rectangular kernels, partial pixel tiles
 * and channel panels, one image) plus one whose entries span several reduction chunks, with and without bias, at 1
 * and 2 threads, against the oracle with the shared suite's tolerance; the input gradients of the stride-1 "same"
 * ones, which run as the forward of the adjoint. The bits must not depend on the thread count.
 */
class TapConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.ForwardPath savedPath = ConvKernels.forwardPath;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.forwardPath = savedPath;
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>(TapWeightsTest.cases());
        // 130 channels × 9 taps = 1170 entries: two reduction chunks of 585.
        list.add(new ConvGeometry(3, 130, 4, 4, 36, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        return list;
    }

    @TestFactory
    Stream<DynamicTest> matchesOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases())
            for (int threads : new int[] {1, 2})
                for (boolean bias : new boolean[] {false, true})
                    tests.add(DynamicTest.dynamicTest("threads=" + threads + " bias=" + bias + " " + g, () -> {
                        assertTrue(TapConv.suits(g), g + " should be computable by TapConv");
                        Parallel.setThreads(threads);
                        ConvKernels.forwardPath = ConvKernels.ForwardPath.TAPS;
                        SUITE.checkConvForward(g, bias);
                        if (!bias && TapConv.suitsBackwardData(g)) SUITE.checkConvBackwardData(g);
                    }));
        return tests.stream();
    }

    @Test
    void bitsDoNotDependOnTheThreadCount() {
        ConvGeometry g = new ConvGeometry(9, 130, 6, 6, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], b = new float[g.outChannels()];
        for (float[] a : new float[][] {x, w, b}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        float[] one = new float[g.outputSize()], two = new float[g.outputSize()];
        Parallel.setThreads(1);
        TapConv.forward(g, x, w, b, one);
        Parallel.setThreads(2);
        TapConv.forward(g, x, w, b, two);
        assertArrayEquals(one, two);
    }
}
