package org.prune4j.opencl;

import static org.jocl.CL.*;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;

/**
 * One device's OpenCL context with its in-order command queue, program cache and
 * buffer pool. Obtained from {@link OpenClRuntime#context}; all users of a device
 * share it. Kernel objects carry argument state, so callers serialise launches on
 * the context ({@code synchronized (ctx)}).
 */
public final class OpenClContext implements AutoCloseable {
    private final OpenClDeviceInfo info;
    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final ProgramCache programs;
    private final BufferPool pool;
    private final DeviceTiles tiles;
    private ArrayMirrors mirrors;
    private boolean closed;
    private final java.util.concurrent.atomic.AtomicLong downloads = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong uploads = new java.util.concurrent.atomic.AtomicLong();

    OpenClContext(OpenClRuntime.Found found) { this(found, DeviceTiles.choose(found.info())); }

    /** With explicit launch shapes (tests use it to exercise the small-device paths on any device). */
    OpenClContext(OpenClRuntime.Found found, DeviceTiles tiles) {
        this.info = found.info();
        this.device = found.device();
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, found.platform());
            this.context = clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
            // clCreateCommandQueue (1.x) rather than ...WithProperties (2.0) so 1.2-only GPUs work too.
            @SuppressWarnings("deprecation")
            cl_command_queue q = clCreateCommandQueue(context, device, 0, null);
            this.queue = q;
        } catch (CLException e) {
            throw new OpenClUnavailableException("cannot create an OpenCL context on " + info.summary() + ": " + e.getMessage(), e);
        }
        this.programs = new ProgramCache(context, device, info);
        this.pool = new BufferPool(context, info.deviceName());
        this.tiles = tiles;
    }

    public OpenClDeviceInfo info() { return info; }

    DeviceTiles tiles() { return tiles; }

    BufferPool pool() { return pool; }

    /** The device mirrors of tensor storage on this device (created on first use). */
    synchronized ArrayMirrors mirrors() {
        if (mirrors == null) mirrors = new ArrayMirrors(this);
        return mirrors;
    }

    private OpenClKernels resident;

    /** The resident-mode backend of this device, one per context (its kernel families hold no per-call state). */
    synchronized OpenClKernels residentKernels() {
        if (resident == null) resident = new OpenClKernels(this, mirrors());
        return resident;
    }

    /** Number of programs compiled so far on this context. */
    public int programBuilds() { return programs.builds(); }

    /** Bytes of device memory currently handed out by the buffer pool. */
    public long liveBytes() { return pool.liveBytes(); }

    /** Starts setting the arguments of kernel name from sourceFile built with options. */
    KernelLaunch launch(String sourceFile, String options, String name) {
        ensureOpen();
        return new KernelLaunch(this, programs.kernel(sourceFile, options, name));
    }

    /** The largest work-group this compiled kernel may run with (it can be below the device maximum). */
    int maxWorkGroupSize(cl_kernel k) {
        long[] v = new long[1];
        clGetKernelWorkGroupInfo(k, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
        return (int) Math.min(Integer.MAX_VALUE, v[0]);
    }

    cl_command_queue queue() { return queue; }

    /**
     * Device-to-host transfers so far: every array or result read back (a loss value, a
     * partial sum, a tensor {@code data()} asked for). What a resident training step
     * costs in synchronisation is the growth of this count.
     */
    public long downloads() { return downloads.get(); }

    /** Host-to-device transfers so far (inputs, host-written arrays, index tables). */
    public long uploads() { return uploads.get(); }

    void write(DeviceBuffer b, float[] a) {
        uploads.incrementAndGet();
        if (a.length > 0) clEnqueueWriteBuffer(queue, b.mem(), CL_TRUE, 0, (long) a.length * Sizeof.cl_float, Pointer.to(a), 0, null, null);
    }

    void write(DeviceBuffer b, int[] a) {
        uploads.incrementAndGet();
        if (a.length > 0) clEnqueueWriteBuffer(queue, b.mem(), CL_TRUE, 0, (long) a.length * Sizeof.cl_int, Pointer.to(a), 0, null, null);
    }

    void read(DeviceBuffer b, float[] a) {
        downloads.incrementAndGet();
        if (a.length > 0) clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, (long) a.length * Sizeof.cl_float, Pointer.to(a), 0, null, null);
    }

    void read(DeviceBuffer b, int[] a) {
        downloads.incrementAndGet();
        if (a.length > 0) clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, (long) a.length * Sizeof.cl_int, Pointer.to(a), 0, null, null);
    }

    /** Device-side copy of bytes between two buffers (enqueued; ordered like kernels). */
    void copy(DeviceBuffer src, long srcOffset, DeviceBuffer dst, long dstOffset, long bytes) {
        if (bytes > 0) clEnqueueCopyBuffer(queue, src.mem(), dst.mem(), srcOffset, dstOffset, bytes, 0, null, null);
    }

    /** Blocks until every enqueued command has finished. */
    void finish() { clFinish(queue); }

    /** A table's content as a map key (the arrays are built per launch and never changed after). */
    private record TableKey(int[] content) {
        @Override public boolean equals(Object o) { return o instanceof TableKey k && java.util.Arrays.equals(content, k.content); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(content); }
    }

    /** Small constant index tables (shapes, strides) by content: uploaded once, not on every launch. */
    private final java.util.LinkedHashMap<TableKey, DeviceBuffer> tables = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(java.util.Map.Entry<TableKey, DeviceBuffer> e) {
            if (size() <= MAX_TABLES) return false;
            // In-order queue: kernels still reading the buffer run before whoever gets it next.
            pool.release(e.getValue());
            return true;
        }
    };
    private static final int MAX_TABLES = 512;

    /** A device copy of a small constant int table, shared by every launch that needs the same content. Caller holds the lock. */
    DeviceBuffer table(int[] content) {
        TableKey key = new TableKey(content);
        DeviceBuffer b = tables.get(key);
        if (b == null) {
            b = pool.acquire((long) Math.max(1, content.length) * Integer.BYTES);
            write(b, content);
            tables.put(key, b);
        }
        return b;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("OpenCL context of " + info.deviceName() + " is closed");
    }

    /** Releases programs, pooled buffers, the queue and the context. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        clFinish(queue);
        for (DeviceBuffer b : tables.values()) pool.release(b);
        tables.clear();
        programs.close();
        pool.close();
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }

    @Override public String toString() { return info.summary(); }
}
