package org.prune4j.opencl;

import java.util.List;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.prune4j.core.tensor.HostAccess;

/**
 * The one {@link HostAccess} listener of the OpenCL module, shared by every device
 * that keeps tensors resident: it records which arrays are storage (announced by
 * engine-core, so their host access is hooked) and, before host code touches an
 * array, lets each resident device bring home what it holds newer. One listener for
 * all devices is what lets tensors on opencl:0 and opencl:1 live side by side.
 */
final class OpenClResidency implements HostAccess.Listener {
    static final OpenClResidency INSTANCE = new OpenClResidency();

    /** Storage arrays (float[] and int[]), weakly keyed by identity. */
    private final WeakHashMap<Object, Boolean> storage = new WeakHashMap<>();
    private final List<ArrayMirrors> devices = new CopyOnWriteArrayList<>();

    private OpenClResidency() {}

    /** Makes mirrors a resident device and ensures the listener is installed (again, if someone removed it). */
    static void attach(ArrayMirrors mirrors) {
        if (!INSTANCE.devices.contains(mirrors)) {
            synchronized (INSTANCE.devices) {
                if (!INSTANCE.devices.contains(mirrors)) INSTANCE.devices.add(mirrors);
            }
        }
        if (HostAccess.listener() != INSTANCE) {
            synchronized (HostAccess.class) {
                if (HostAccess.listener() != INSTANCE) HostAccess.install(INSTANCE);
            }
        }
    }

    /** Stops mirrors' residency; the listener goes when no device is left. */
    static void detach(ArrayMirrors mirrors) {
        INSTANCE.devices.remove(mirrors);
        synchronized (HostAccess.class) {
            if (INSTANCE.devices.isEmpty() && HostAccess.listener() == INSTANCE) HostAccess.install(null);
        }
    }

    /** Whether array is storage whose host access is hooked, so it may stay on a device after a call. */
    static boolean isStorage(Object array) {
        synchronized (INSTANCE.storage) { return INSTANCE.storage.containsKey(array); }
    }

    /** Adds array to the storage set (arrays moved to a device explicitly). */
    static void addStorage(Object array) {
        synchronized (INSTANCE.storage) { INSTANCE.storage.put(array, Boolean.TRUE); }
    }

    @Override public void onTensorStorage(float[] array) { addStorage(array); }

    @Override public void onIndexStorage(int[] array) { addStorage(array); }

    @Override public void beforeHostAccess(float[] array) {
        for (ArrayMirrors m : devices) m.hostAccess(array);
    }
}
