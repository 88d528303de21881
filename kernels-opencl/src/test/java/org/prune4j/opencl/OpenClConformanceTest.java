package org.prune4j.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.testkit.KernelConformance;

/**
 * The shared conformance suite on the OpenCL backend (device opencl:0). Skipped only
 * when the machine has no OpenCL platform at all; with PoCL or a GPU driver it runs.
 */
class OpenClConformanceTest extends KernelConformance {
    private static OpenClKernels kernels;

    @BeforeAll
    static void device() {
        assumeTrue(OpenClRuntime.isAvailable(), "no OpenCL platform installed (install pocl-opencl-icd or a GPU driver)");
        kernels = new OpenClKernels(0);
    }

    @Override protected Kernels kernels() { return kernels; }
}
