package org.prune4j.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.testkit.KernelConformance;

/**
 * The paths a small device takes, forced on whatever device is here: GEMM without
 * local memory (tile 0), a 4x4 tile, and 1-D work-groups capped at 8. GEMM, conv
 * (which runs on GEMM) and the reductions are checked against the oracle.
 */
class SmallDeviceConformanceTest {
    private static OpenClContext plain, tiny;

    @BeforeAll
    static void contexts() {
        assumeTrue(OpenClRuntime.isAvailable(), "no OpenCL platform installed (install pocl-opencl-icd or a GPU driver)");
        plain = OpenClRuntime.privateContext(0, new DeviceTiles(0, 8));
        tiny = OpenClRuntime.privateContext(0, new DeviceTiles(4, 16));
    }

    @AfterAll
    static void close() {
        if (plain != null) plain.close();
        if (tiny != null) tiny.close();
    }

    private static KernelConformance suiteOn(OpenClContext ctx) {
        Kernels k = new OpenClKernels(ctx, null);
        return new KernelConformance() {
            @Override protected Kernels kernels() { return k; }
        };
    }

    @TestFactory
    Stream<DynamicTest> gemmAndConvOnSmallDevices() {
        return Stream.of(plain, tiny).flatMap(ctx -> {
            KernelConformance suite = suiteOn(ctx);
            String tag = "tile=" + ctx.tiles().gemmTile() + " group<=" + ctx.tiles().maxGroup1d() + " ";
            return Stream.concat(
                    KernelConformance.gemmCases().stream().map(c -> DynamicTest.dynamicTest(tag + c, () -> suite.checkGemm(c))),
                    KernelConformance.convCases().stream().limit(12).map(g -> DynamicTest.dynamicTest(tag + "conv " + g, () -> {
                        suite.checkConvForward(g, true);
                        suite.checkConvBackwardData(g);
                        suite.checkConvBackwardWeight(g);
                    })));
        });
    }

    @TestFactory
    Stream<DynamicTest> reductionsWithNarrowGroups() {
        KernelConformance suite = suiteOn(plain);
        return Stream.of(
                DynamicTest.dynamicTest("batchnorm 4x16x49", () -> suite.checkBatchNorm(4, 16, 49)),
                DynamicTest.dynamicTest("softmax 4x1001", () -> suite.checkSoftmax(4, 1001)),
                DynamicTest.dynamicTest("crossEntropy 5x17", () -> suite.checkCrossEntropy(5, 17, 0.1f)),
                DynamicTest.dynamicTest("sddmm 32x72x64", () -> suite.checkSddmm(32, 72, 64, 0.5, true)));
    }
}
