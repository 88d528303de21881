package org.prune4j.core.kernels;

import org.prune4j.core.tensor.Device;

/**
 * The service-provider interface of an accelerator module (found with ServiceLoader),
 * through which engine-core puts tensors on a device without depending on any device
 * library. A tensor on a device keeps its host {@code float[]} as its identity; the
 * runtime keeps the current value on the device and hands it back through
 * {@link org.prune4j.core.tensor.HostAccess} when host code asks. Calls may come from
 * any thread.
 */
public interface DeviceRuntime {
    /** The kind of device this runtime drives (one runtime per kind). */
    Device.Kind kind();

    /**
     * Kernels that run on device and keep tensor storage there between calls; the
     * same object for the same device. Throws with the reason when the device cannot
     * be used (no driver, no such index).
     */
    Kernels kernels(Device device);

    /** array, current on the host, becomes storage of device: copied there now and kept there across kernel calls. */
    void toDevice(float[] array, Device device);

    /**
     * Makes the host copy of array current and ends its residency on device: from now
     * on the host copy is the only one, so CPU kernels may read and write it directly.
     */
    void toHost(float[] array, Device device);

    /** Makes the host copy of array current for reading; the device copy stays valid. */
    void syncToHost(float[] array, Device device);
}
