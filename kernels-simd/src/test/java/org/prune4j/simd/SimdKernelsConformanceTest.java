package org.prune4j.simd;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.testkit.KernelConformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SimdKernels against the oracle, once on one thread (the serial paths) and once on
 * two (the parallel tiling and batch splits).
 */
class SimdKernelsConformanceTest {
    private static int savedThreads;

    @BeforeAll static void save() { savedThreads = Parallel.threads(); }

    @AfterAll static void restore() { Parallel.setThreads(savedThreads); }

    @Test
    void serviceLoaderPicksSimdByPriority() {
        assertEquals("simd", Backends.select(null).name());
    }

    @Nested
    class OneThread extends KernelConformance {
        @BeforeAll static void threads() { Parallel.setThreads(1); }
        @Override protected Kernels kernels() {
            assertEquals(1, Parallel.threads());
            return new SimdKernels();
        }
    }

    @Nested
    class TwoThreads extends KernelConformance {
        @BeforeAll static void threads() { Parallel.setThreads(2); }
        @Override protected Kernels kernels() {
            assertEquals(2, Parallel.threads());
            return new SimdKernels();
        }
    }
}
