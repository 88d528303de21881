package org.prune4j.opencl;

import static org.jocl.CL.*;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** Sets a kernel's arguments in order and enqueues it; one use per launch. */
final class KernelLaunch {
    private final OpenClContext ctx;
    private final cl_kernel kernel;
    private int index;

    KernelLaunch(OpenClContext ctx, cl_kernel kernel) {
        this.ctx = ctx;
        this.kernel = kernel;
    }

    KernelLaunch arg(DeviceBuffer b) {
        clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(b.mem()));
        return this;
    }

    KernelLaunch arg(int v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        return this;
    }

    KernelLaunch arg(float v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {v}));
        return this;
    }

    /** A __local float array of the given number of floats. */
    KernelLaunch localFloats(int n) {
        clSetKernelArg(kernel, index++, (long) Math.max(1, n) * Sizeof.cl_float, null);
        return this;
    }

    /** The power-of-two work-group size for a 1-D launch of this kernel, at most cap. */
    int groupSize(int cap) {
        DeviceTiles t = ctx.tiles();
        int limit = Math.min(Math.min(cap, t.maxGroup1d()), ctx.maxWorkGroupSize(kernel));
        return Integer.highestOneBit(Math.max(1, limit));
    }

    /** One work-item per index in [0, n); the kernel must ignore ids >= n. */
    void run1d(long n) {
        if (n <= 0) return;
        long local = groupSize(256);
        run(new long[] {roundUp(n, local)}, new long[] {local});
    }

    /** groups work-groups of size local each (reductions: one group per output). */
    void runGroups(long groups, int local) {
        if (groups <= 0) return;
        run(new long[] {groups * local}, new long[] {local});
    }

    void run(long[] global, long[] local) {
        try {
            clEnqueueNDRangeKernel(ctx.queue(), kernel, global.length, null, global, local, 0, null, null);
        } catch (CLException e) {
            throw new OpenClException("kernel launch failed on " + ctx.info().deviceName() + " (global "
                    + java.util.Arrays.toString(global) + ", local " + java.util.Arrays.toString(local) + "): " + e.getMessage(), e);
        }
    }

    static long roundUp(long n, long m) { return (n + m - 1) / m * m; }
}
