package org.prune4j.core.kernels;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.prune4j.core.tensor.Device;

/**
 * The kernels of each device and the moves between devices. The CPU runs on the active
 * backend ({@link Backends#get()}); any other device is served by the
 * {@link DeviceRuntime} of its kind, found with ServiceLoader. Ops dispatch here on the
 * device of their inputs, so a model moved to a device computes there.
 */
public final class Devices {
    private static final Map<Device, Kernels> KERNELS = new ConcurrentHashMap<>();
    private static volatile Map<Device.Kind, DeviceRuntime> runtimes;

    private Devices() {}

    /** The kernels that compute on device; throws {@link DeviceUnavailableException} naming the problem. */
    public static Kernels kernels(Device device) {
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (device.kind() == Device.Kind.CPU) return Backends.get();
        Kernels k = KERNELS.get(device);
        if (k != null) return k;
        synchronized (Devices.class) {
            k = KERNELS.get(device);
            if (k == null) {
                DeviceRuntime r = runtime(device);
                try {
                    k = r.kernels(device);
                } catch (DeviceUnavailableException e) {
                    throw e;
                } catch (RuntimeException | LinkageError e) {
                    throw new DeviceUnavailableException("cannot use " + device + ": " + e.getMessage(), e);
                }
                KERNELS.put(device, k);
            }
            return k;
        }
    }

    /** Checks that device can be used (starting its runtime); throws {@link DeviceUnavailableException} otherwise. */
    public static void require(Device device) { kernels(device); }

    /** Whether device can be used here (never throws). */
    public static boolean isAvailable(Device device) {
        try {
            require(device);
            return true;
        } catch (DeviceUnavailableException e) {
            return false;
        }
    }

    /**
     * Moves array's current value from one device to another in place: the array keeps
     * its identity, and afterwards kernels of {@code to} find its value there.
     */
    public static void move(float[] array, Device from, Device to) {
        if (from.equals(to)) return;
        if (to.kind() != Device.Kind.CPU) require(to); // fail before anything moves
        if (from.kind() != Device.Kind.CPU) runtime(from).toHost(array, from);
        if (to.kind() != Device.Kind.CPU) runtime(to).toDevice(array, to);
    }

    /** Makes array's host copy current for reading, wherever it lives; returns array. */
    public static float[] readOnHost(float[] array, Device on) {
        if (on.kind() == Device.Kind.CPU) return org.prune4j.core.tensor.HostAccess.beforeHostAccess(array);
        runtime(on).syncToHost(array, on);
        return array;
    }

    /** A new array on device {@code to} holding the value of array on device {@code from}. */
    public static float[] transfer(float[] array, Device from, Device to) {
        float[] copy = readOnHost(array, from).clone();
        if (to.kind() != Device.Kind.CPU) runtime(to).toDevice(copy, to);
        return copy;
    }

    private static DeviceRuntime runtime(Device device) {
        Map<Device.Kind, DeviceRuntime> all = runtimes;
        if (all == null) {
            synchronized (Devices.class) {
                all = runtimes;
                if (all == null) runtimes = all = discover();
            }
        }
        DeviceRuntime r = all.get(device.kind());
        if (r == null) {
            throw new DeviceUnavailableException("cannot use " + device + ": no runtime for " + device.kind()
                    + " devices is on the class path (add the org.prune4j:kernels-" + device.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " module); the CPU is always available");
        }
        return r;
    }

    private static Map<Device.Kind, DeviceRuntime> discover() {
        Map<Device.Kind, DeviceRuntime> out = new EnumMap<>(Device.Kind.class);
        for (ServiceLoader.Provider<DeviceRuntime> p : ServiceLoader.load(DeviceRuntime.class).stream().toList()) {
            try {
                DeviceRuntime r = p.get();
                out.putIfAbsent(r.kind(), r);
            } catch (Throwable e) {
                System.err.println("prune4j: device runtime " + p.type().getName() + " unavailable: " + e.getMessage());
            }
        }
        return out;
    }
}
