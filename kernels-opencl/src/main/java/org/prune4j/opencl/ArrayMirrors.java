package org.prune4j.opencl;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Device copies of host arrays that stay on the device between kernel calls, with a
 * coherence state per array. Keys are the host arrays themselves: arrays compare by
 * identity, so a WeakHashMap is an identity-keyed weak map, and a mirror dies with
 * its array (its buffer returns to the pool when the array is collected).
 *
 * <p>Host code must announce access through {@link #hostAccess} (wired to
 * {@code org.prune4j.core.tensor.HostAccess} by {@link OpenClResidency}): a
 * device-newer array is downloaded, then marked host-newer because the caller may
 * write to it.
 */
final class ArrayMirrors {
    enum State { HOST_NEWER, DEVICE_NEWER, SYNCED }

    static final class Mirror {
        final DeviceBuffer buffer;
        State state = State.HOST_NEWER;

        Mirror(DeviceBuffer buffer) { this.buffer = buffer; }
    }

    /** Returns the mirror's buffer to the pool once the array is unreachable. */
    private static final class Release extends WeakReference<Object> {
        final DeviceBuffer buffer;

        Release(Object array, DeviceBuffer buffer, ReferenceQueue<Object> q) {
            super(array, q);
            this.buffer = buffer;
        }
    }

    private final OpenClContext ctx;
    private final WeakHashMap<Object, Mirror> mirrors = new WeakHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final Set<Release> pending = new HashSet<>();

    ArrayMirrors(OpenClContext ctx) { this.ctx = ctx; }

    /** The mirror of array, created host-newer on first sight. Caller holds the context lock. */
    Mirror get(Object array) {
        releaseCollected();
        Mirror m = mirrors.get(array);
        if (m == null) {
            m = new Mirror(ctx.pool().acquire(bytes(array)));
            mirrors.put(array, m);
            pending.add(new Release(array, m.buffer, collected));
        }
        return m;
    }

    /**
     * Whether array may stay on the device after a call: only storage announced through
     * {@code HostAccess} (tensors, gradients, the arrays ops allocate with
     * {@code HostAccess.newStorage}), whose host access is hooked. Any other array
     * (statistics, host-made masks) is copied back at once, because host code may
     * read it without announcing it.
     */
    boolean isResident(Object array) { return OpenClResidency.isStorage(array); }

    /** array (current on the host) becomes storage of this device: uploaded now and kept here. */
    void adopt(float[] array) {
        OpenClResidency.addStorage(array);
        synchronized (ctx) {
            Mirror m = get(array);
            upload(array, m);
            m.state = State.SYNCED;
        }
    }

    /** Brings array home if the device holds it newer, then forgets the device copy (its buffer returns to the pool). */
    void release(float[] array) {
        synchronized (ctx) {
            Mirror m = mirrors.remove(array);
            if (m == null) return;
            if (m.state == State.DEVICE_NEWER) download(array, m);
            pending.removeIf(r -> r.buffer == m.buffer);
            // In-order queue: kernels still reading the buffer run before whoever gets it next.
            ctx.pool().release(m.buffer);
        }
    }

    /** Host code is about to read or write array: bring it home and assume it will change. */
    void hostAccess(Object array) {
        synchronized (ctx) {
            Mirror m = mirrors.get(array);
            if (m == null) return;
            if (m.state == State.DEVICE_NEWER) download(array, m);
            m.state = State.HOST_NEWER;
        }
    }

    /** Downloads array if its device copy is newer and leaves both copies valid (read-only host use). */
    void syncToHost(Object array) {
        synchronized (ctx) {
            Mirror m = mirrors.get(array);
            if (m != null && m.state == State.DEVICE_NEWER) {
                download(array, m);
                m.state = State.SYNCED;
            }
        }
    }

    boolean isDeviceNewer(Object array) {
        synchronized (ctx) {
            Mirror m = mirrors.get(array);
            return m != null && m.state == State.DEVICE_NEWER;
        }
    }

    /** Downloads every device-newer array (e.g. before switching the backend away). */
    void syncAll() {
        synchronized (ctx) {
            for (var e : mirrors.entrySet()) {
                if (e.getValue().state == State.DEVICE_NEWER) {
                    download(e.getKey(), e.getValue());
                    e.getValue().state = State.SYNCED;
                }
            }
        }
    }

    private void download(Object array, Mirror m) {
        if (array instanceof float[] f) ctx.read(m.buffer, f);
        else ctx.read(m.buffer, (int[]) array);
    }

    void upload(Object array, Mirror m) {
        if (array instanceof float[] f) ctx.write(m.buffer, f);
        else ctx.write(m.buffer, (int[]) array);
    }

    private void releaseCollected() {
        for (var r = collected.poll(); r != null; r = collected.poll()) {
            Release rel = (Release) r;
            if (pending.remove(rel)) ctx.pool().release(rel.buffer);
        }
    }

    int size() {
        synchronized (ctx) {
            releaseCollected();
            return mirrors.size();
        }
    }

    static long bytes(Object array) {
        if (array instanceof float[] f) return (long) Math.max(1, f.length) * Float.BYTES;
        if (array instanceof int[] i) return (long) Math.max(1, i.length) * Integer.BYTES;
        throw new IllegalArgumentException("only float[] and int[] can live on the device, got " + array.getClass().getSimpleName());
    }
}
