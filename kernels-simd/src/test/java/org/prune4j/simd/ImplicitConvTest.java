package org.prune4j.simd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.testkit.KernelConformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The implicit-GEMM same-padded path forced on, against the oracle with the shared
 * suite's checks and tolerances (a reduction over padded columns adds exact zeros, so
 * the suite's reduction lengths still bound the error), at 1 and 2 threads and with
 * chunks as small as one image (so backward-weight sums several chunks per thread).
 * Also forces the lowered path, so both stay correct whatever the measured rule picks.
 */
class ImplicitConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final int savedTarget = ImplicitConv.targetColumns;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ImplicitConv.targetColumns = savedTarget;
        ConvKernels.samePath = ConvKernels.SamePath.AUTO;
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        for (ConvGeometry g : KernelConformance.convCases()) if (ImplicitConv.suits(g) && g.batch() > 0) list.add(g);
        list.add(ConvGeometry.of(2, 128, 5, 6, 20, 3, 1, 1, 1));  // k = 1152 > KC: two k slices
        list.add(ConvGeometry.of(1, 64, 4, 5, 200, 3, 1, 1, 1));  // k = 576: A blocks of 80 rows, Cout 200 in three
        list.add(ConvGeometry.of(3, 16, 28, 28, 16, 3, 1, 1, 1)); // a ResNet layer, several chunks
        list.add(ConvGeometry.of(9, 32, 7, 7, 32, 3, 1, 1, 1));
        // B packed from row offsets (RowOffsetGemm.PACK_MIN_ROWS): Cout 130 over k = 1152 (two k slices, a
        // 2-row tail panel), backward-data 128 rows over k = 1170; then columns past one NCB block
        list.add(ConvGeometry.of(1, 128, 4, 4, 130, 3, 1, 1, 1));
        list.add(ConvGeometry.of(4, 16, 24, 24, 128, 3, 1, 1, 1));
        return list;
    }

    @TestFactory
    Stream<DynamicTest> implicitPathMatchesOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            assertTrue(ImplicitConv.suits(g), g.toString());
            for (int threads : new int[] {1, 2})
                for (int target : new int[] {1, 2048})
                    for (ConvKernels.SamePath path : new ConvKernels.SamePath[] {ConvKernels.SamePath.IMPLICIT, ConvKernels.SamePath.LOWERED}) {
                        String name = path + " threads=" + threads + " target=" + target + " " + g;
                        tests.add(DynamicTest.dynamicTest(name, () -> {
                            Parallel.setThreads(threads);
                            ImplicitConv.targetColumns = target;
                            ConvKernels.samePath = path;
                            SUITE.checkConvPasses(g);
                        }));
                    }
        }
        return tests.stream();
    }
}
