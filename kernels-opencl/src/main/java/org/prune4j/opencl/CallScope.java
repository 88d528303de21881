package org.prune4j.opencl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device buffers of one kernel-family call. Inputs are uploaded when the device
 * lacks their current value; outputs that a kernel writes only in part are uploaded
 * first so the untouched elements survive the round trip. On close, in eager mode
 * outputs are downloaded and every buffer returns to the pool; in resident mode
 * (with {@link ArrayMirrors}) outputs that are tensor storage stay on the device
 * marked device-newer, and every other output is downloaded as in eager mode.
 */
final class CallScope implements AutoCloseable {
    private static final class Entry {
        final DeviceBuffer buffer;
        final ArrayMirrors.Mirror mirror; // null in eager mode
        boolean valid;                    // the device holds the host's current value
        boolean written;

        Entry(DeviceBuffer buffer, ArrayMirrors.Mirror mirror, boolean valid) {
            this.buffer = buffer;
            this.mirror = mirror;
            this.valid = valid;
        }
    }

    private final OpenClContext ctx;
    private final ArrayMirrors mirrors;
    private final Map<Object, Entry> entries = new IdentityHashMap<>();
    private final List<DeviceBuffer> scratch = new ArrayList<>();

    CallScope(OpenClContext ctx, ArrayMirrors mirrors) {
        this.ctx = ctx;
        this.mirrors = mirrors;
    }

    DeviceBuffer in(float[] a) { return input(a); }

    DeviceBuffer in(int[] a) { return input(a); }

    /** An output the kernel overwrites completely when coversWhole, else partly. */
    DeviceBuffer out(float[] a, boolean coversWhole) { return output(a, coversWhole); }

    DeviceBuffer out(int[] a, boolean coversWhole) { return output(a, coversWhole); }

    /** Read and written (accumulating kernels, in-place updates). */
    DeviceBuffer inOut(float[] a) {
        input(a);
        return output(a, false);
    }

    /** A temporary device buffer of n floats, returned to the pool on close. */
    DeviceBuffer scratch(long floats) {
        DeviceBuffer b = ctx.pool().acquire(Math.max(1, floats) * Float.BYTES);
        scratch.add(b);
        return b;
    }

    /** A small constant int table (shapes, strides): cached on the device by content, not uploaded per call. */
    DeviceBuffer table(int[] a) { return ctx.table(a); }

    private DeviceBuffer input(Object a) {
        Entry e = entry(a);
        if (!e.valid) {
            upload(a, e);
            e.valid = true;
        }
        return e.buffer;
    }

    private DeviceBuffer output(Object a, boolean coversWhole) {
        Entry e = entry(a);
        if (!e.valid && !coversWhole) {
            upload(a, e);
        }
        e.valid = true;
        e.written = true;
        return e.buffer;
    }

    private Entry entry(Object a) {
        Entry e = entries.get(a);
        if (e != null) return e;
        if (mirrors != null && mirrors.isResident(a)) {
            ArrayMirrors.Mirror m = mirrors.get(a);
            e = new Entry(m.buffer, m, m.state != ArrayMirrors.State.HOST_NEWER);
        } else {
            e = new Entry(ctx.pool().acquire(ArrayMirrors.bytes(a)), null, false);
        }
        entries.put(a, e);
        return e;
    }

    private void upload(Object a, Entry e) {
        if (a instanceof float[] f) ctx.write(e.buffer, f);
        else ctx.write(e.buffer, (int[]) a);
    }

    @Override
    public void close() {
        try {
            for (Map.Entry<Object, Entry> me : entries.entrySet()) {
                Entry e = me.getValue();
                if (e.mirror != null) {
                    if (e.written) e.mirror.state = ArrayMirrors.State.DEVICE_NEWER;
                    else if (e.valid && e.mirror.state == ArrayMirrors.State.HOST_NEWER) e.mirror.state = ArrayMirrors.State.SYNCED;
                } else if (e.written) {
                    Object a = me.getKey();
                    if (a instanceof float[] f) ctx.read(e.buffer, f);
                    else ctx.read(e.buffer, (int[]) a);
                }
            }
        } finally {
            for (Entry e : entries.values()) if (e.mirror == null) ctx.pool().release(e.buffer);
            // Safe without clFinish: the queue is in order, so whoever gets a buffer next
            // enqueues after the kernels that still read it.
            for (DeviceBuffer b : scratch) ctx.pool().release(b);
        }
    }
}
