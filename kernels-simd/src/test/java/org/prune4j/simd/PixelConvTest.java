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
 * The tiny-plane GEMMs per output pixel ({@link PixelConv}), forced, against the oracle with the shared suite's
 * tolerance at 1 and 2 threads: forward with and without bias on every geometry, the input gradient of the stride-1
 * "same" ones and the weight gradient of the stride-1 ones. The geometries cover border pixels that see 4, 6 and 9
 * taps, strides, rectangular kernels, padding wider than the kernel (pixels that see no tap at all), output
 * channels that are not whole micro-tile rows, batches split into chunks and a single image.
 */
class PixelConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.PixelPath savedPath = ConvKernels.pixelPath;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.pixelPath = savedPath;
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(new ConvGeometry(4, 8, 4, 4, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1));     // 4x4 "same": 4, 6 and 9 taps
        list.add(new ConvGeometry(5, 3, 2, 2, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1));     // 2x2: every pixel sees 4 taps
        list.add(new ConvGeometry(3, 5, 7, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1));      // stride 2 onto 4x4
        list.add(new ConvGeometry(2, 4, 5, 3, 10, 5, 3, 2, 1, 2, 1, 1, 1, 1));     // rectangular kernel, strides 2 and 1
        list.add(new ConvGeometry(2, 3, 1, 1, 5, 1, 2, 1, 1, 0, 2, 1, 1, 1));      // padding past the kernel: empty pixels
        list.add(new ConvGeometry(300, 2, 2, 2, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1));    // two chunks of images (256 + 44)
        list.add(new ConvGeometry(17, 64, 4, 4, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // 576 entries, 5 tile rows of channels
        list.add(new ConvGeometry(1, 1, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));      // one image
        list.add(new ConvGeometry(3, 4, 4, 4, 8, 5, 5, 1, 1, 2, 2, 1, 1, 1));      // 5x5 "same"
        list.add(new ConvGeometry(2, 6, 3, 4, 7, 2, 2, 1, 1, 0, 0, 1, 1, 1));      // even kernel, no padding
        return list;
    }

    @TestFactory
    Stream<DynamicTest> matchesOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases())
            for (int threads : new int[] {1, 2})
                for (boolean bias : new boolean[] {false, true})
                    tests.add(DynamicTest.dynamicTest("threads=" + threads + " bias=" + bias + " " + g, () -> {
                        assertTrue(PixelConv.suits(g), g + " should be computable by PixelConv");
                        Parallel.setThreads(threads);
                        ConvKernels.pixelPath = ConvKernels.PixelPath.ON;
                        SUITE.checkConvForward(g, bias);
                        if (bias) return;
                        if (PixelConv.suitsBackwardData(g)) SUITE.checkConvBackwardData(g);
                        if (PixelConv.suitsBackwardWeight(g)) SUITE.checkConvBackwardWeight(g);
                    }));
        return tests.stream();
    }

    @Test
    void takesOnlyTinyPlanesWithoutDilation() {
        assertTrue(PixelConv.suits(new ConvGeometry(2, 4, 4, 4, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1)));
        assertFalse(PixelConv.suits(new ConvGeometry(2, 4, 5, 4, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "20 pixels");
        assertFalse(PixelConv.suits(new ConvGeometry(2, 4, 6, 6, 8, 3, 3, 1, 1, 1, 1, 2, 2, 1)), "dilation");
        assertFalse(PixelConv.suits(new ConvGeometry(2, 4, 4, 4, 8, 3, 3, 1, 1, 1, 1, 1, 1, 2)), "groups");
        assertFalse(PixelConv.suits(new ConvGeometry(2, 4, 4, 4, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1)), "1x1");
        assertFalse(PixelConv.suitsBackwardWeight(new ConvGeometry(2, 4, 7, 7, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1)), "stride 2");
        assertFalse(PixelConv.suitsBackwardData(new ConvGeometry(2, 4, 4, 4, 8, 3, 3, 1, 1, 0, 0, 1, 1, 1)), "not same");
    }

    @Test
    void sameBitsOnEveryCall() {
        ConvGeometry g = new ConvGeometry(9, 70, 4, 4, 48, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()];
        for (float[] a : new float[][] {x, w, dy}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        Parallel.setThreads(2);
        float[] y1 = new float[g.outputSize()], y2 = new float[g.outputSize()];
        float[] dw1 = new float[g.weightSize()], dw2 = new float[g.weightSize()];
        PixelConv.forward(g, x, w, null, y1);
        PixelConv.backwardWeight(g, x, dy, dw1);
        PixelConv.forward(g, x, w, null, y2);
        PixelConv.backwardWeight(g, x, dy, dw2);
        assertArrayEquals(y1, y2);
        assertArrayEquals(dw1, dw2);
    }
}
