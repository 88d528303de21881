package org.prune4j.bench.jmh;

import org.prune4j.core.tensor.HostAccess;
import org.prune4j.opencl.OpenClKernels;

/**
 * The two ways to run the OpenCL backend in a benchmark: "eager" copies inputs in and
 * outputs out on every call (what plain float[] callers get); "resident" keeps tensor
 * storage on the device, so the timing is the kernels alone. Every invocation ends
 * with {@link OpenClKernels#finish()} so queued work is inside the measurement.
 */
final class OpenClBenchmarkState {
    private OpenClBenchmarkState() {}

    static OpenClKernels open(String mode) {
        return switch (mode) {
            case "eager" -> new OpenClKernels(OpenClKernelsDevice.index());
            case "resident" -> OpenClKernels.resident(OpenClKernelsDevice.index());
            default -> throw new IllegalArgumentException("mode must be eager or resident, got " + mode);
        };
    }

    static void close(OpenClKernels k) {
        k.detach();
        HostAccess.install(null);
    }

    /** The device index from -Dprune4j.opencl.device (default 0). */
    static final class OpenClKernelsDevice {
        private OpenClKernelsDevice() {}

        static int index() { return Integer.getInteger("prune4j.opencl.device", 0); }
    }
}
