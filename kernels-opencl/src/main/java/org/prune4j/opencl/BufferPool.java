package org.prune4j.opencl;

import static org.jocl.CL.*;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * Reuses device buffers by size class (powers of two from 256 bytes) so a training
 * step does not create and release hundreds of cl_mem objects. A request gets a
 * buffer of the smallest class that fits; released buffers wait in a free list of
 * their class. Rounding up wastes at most half of a buffer, which is the usual price
 * of size-class allocators and keeps the free lists short.
 */
final class BufferPool {
    static final long MIN_BYTES = 256;

    private final cl_context context;
    private final String deviceName;
    private final Map<Long, ArrayDeque<cl_mem>> free = new HashMap<>();
    private long liveBytes;
    private long pooledBytes;
    private boolean closed;

    BufferPool(cl_context context, String deviceName) {
        this.context = context;
        this.deviceName = deviceName;
    }

    /** A device buffer of the size class holding bytes; pair with {@link #release}. */
    synchronized DeviceBuffer acquire(long bytes) {
        if (closed) throw new IllegalStateException("buffer pool of " + deviceName + " is closed");
        long cls = sizeClass(bytes);
        ArrayDeque<cl_mem> list = free.get(cls);
        cl_mem mem = list == null ? null : list.poll();
        if (mem != null) {
            pooledBytes -= cls;
        } else {
            mem = create(cls, bytes);
        }
        liveBytes += cls;
        return new DeviceBuffer(mem, cls);
    }

    private cl_mem create(long cls, long requested) {
        try {
            return clCreateBuffer(context, CL_MEM_READ_WRITE, cls, null, null);
        } catch (CLException e) {
            // Out of device memory: give back what is cached and try once more before failing.
            trim();
            try {
                return clCreateBuffer(context, CL_MEM_READ_WRITE, cls, null, null);
            } catch (CLException again) {
                throw new OpenClException("cannot allocate " + requested + " bytes (class " + cls + ") on " + deviceName
                        + " with " + liveBytes + " bytes in use: " + again.getMessage(), again);
            }
        }
    }

    synchronized void release(DeviceBuffer b) {
        liveBytes -= b.capacity();
        if (closed) {
            clReleaseMemObject(b.mem());
            return;
        }
        free.computeIfAbsent(b.capacity(), c -> new ArrayDeque<>()).push(b.mem());
        pooledBytes += b.capacity();
    }

    /** Frees every cached (not in use) buffer. */
    synchronized void trim() {
        for (ArrayDeque<cl_mem> list : free.values()) for (cl_mem m : list) clReleaseMemObject(m);
        free.clear();
        pooledBytes = 0;
    }

    synchronized void close() {
        trim();
        closed = true;
    }

    synchronized long liveBytes() { return liveBytes; }

    synchronized long pooledBytes() { return pooledBytes; }

    static long sizeClass(long bytes) {
        long c = MIN_BYTES;
        while (c < bytes) c <<= 1;
        return c;
    }
}
