package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
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
 * The weight gradient with vectors over output channels ({@link TapWeights}), forced for every geometry, against
 * the oracle with the shared suite's tolerance: strides 1–3, padding 0 to past the kernel, dilation, rectangular
 * kernels and planes, channel counts that leave a partial 8-entry tile and a partial 32-channel panel, one image,
 * fewer images than threads, and chunks that split a thread's range; at 1 and 2 threads, with the threads sharing
 * out the batch and sharing out the entries (ranges that start inside a channel's taps). A thread that runs both
 * ranges itself (as when the pool is busy) must give the bits two threads give, either way.
 */
class TapWeightsTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.WeightPath savedPath = ConvKernels.weightPath;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.weightPath = savedPath;
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        // batch, cin, inH, inW, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups
        list.add(new ConvGeometry(4, 8, 8, 8, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1));    // one full panel, 72 entries
        list.add(new ConvGeometry(5, 3, 9, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1));     // 27 entries, 7 channels
        list.add(new ConvGeometry(3, 5, 16, 16, 33, 3, 3, 2, 2, 1, 1, 1, 1, 1));  // stride 2, a 1-channel panel
        list.add(new ConvGeometry(2, 4, 11, 13, 9, 5, 3, 3, 2, 2, 1, 1, 1, 1));   // strides 3 and 2, rectangular
        list.add(new ConvGeometry(3, 6, 10, 10, 12, 3, 3, 1, 1, 0, 0, 2, 2, 1));  // dilation 2, no padding
        list.add(new ConvGeometry(2, 2, 5, 5, 40, 3, 3, 1, 1, 4, 4, 1, 1, 1));    // padding past the kernel
        list.add(new ConvGeometry(1, 1, 6, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));     // one image, 9 entries
        list.add(new ConvGeometry(9, 64, 16, 16, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1)); // 3 images per chunk: 2 chunks per range
        list.add(new ConvGeometry(3, 3, 33, 33, 16, 3, 3, 2, 2, 0, 0, 1, 1, 1));  // the stem's shape, smaller
        return list;
    }

    @TestFactory
    Stream<DynamicTest> matchesOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            for (int threads : new int[] {1, 2})
                for (ConvKernels.WeightPath path : new ConvKernels.WeightPath[] {
                        ConvKernels.WeightPath.TAPS_BATCH, ConvKernels.WeightPath.TAPS_ENTRIES}) {
                    tests.add(DynamicTest.dynamicTest(path + " threads=" + threads + " " + g, () -> {
                        assertTrue(TapWeights.suits(g), g + " should be computable by TapWeights");
                        Parallel.setThreads(threads);
                        ConvKernels.weightPath = path;
                        SUITE.checkConvBackwardWeight(g);
                    }));
                }
        }
        return tests.stream();
    }

    @Test
    void oneThreadRunningBothRangesGivesTheBitsOfTwo() throws Exception {
        bitsOfTwo(false);
        bitsOfTwo(true);
        assertFalse(TapWeights.suits(new ConvGeometry(4, 8, 8, 8, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1)), "1x1");
        assertFalse(TapWeights.suits(new ConvGeometry(4, 8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 2)), "groups");
    }

    private static void bitsOfTwo(boolean entrySplit) throws Exception {
        ConvGeometry g = new ConvGeometry(9, 64, 16, 16, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
        for (float[] a : new float[][] {x, dy}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        Parallel.setThreads(2);
        float[] parallel = new float[g.weightSize()], inline = new float[g.weightSize()], again = new float[g.weightSize()];
        TapWeights.backwardWeight(g, x, dy, parallel, entrySplit);
        // Inside a ForkJoinPool, Parallel runs the region on the calling thread: both ranges, one after the other.
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            pool.submit(() -> TapWeights.backwardWeight(g, x, dy, inline, entrySplit)).get();
        } finally {
            pool.shutdown();
        }
        TapWeights.backwardWeight(g, x, dy, again, entrySplit);
        assertArrayEquals(parallel, inline, "two threads vs one thread running both ranges, entry split " + entrySplit);
        assertArrayEquals(parallel, again, "repeated, entry split " + entrySplit);
    }
}
