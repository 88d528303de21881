package org.prune4j.opencl;

import org.prune4j.core.kernels.DeviceRuntime;
import org.prune4j.core.kernels.DeviceUnavailableException;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;

/**
 * Serves {@code Device.opencl(n)} to engine-core (registered with ServiceLoader): the
 * resident-mode kernels of device n, and moves of tensor storage on and off it. No
 * native code runs until a device is first asked for, so a machine without OpenCL
 * only fails when a tensor is sent to one, with the reason in the message.
 */
public final class OpenClDeviceRuntime implements DeviceRuntime {
    @Override public Device.Kind kind() { return Device.Kind.OPENCL; }

    @Override public Kernels kernels(Device device) {
        OpenClKernels k = resident(device);
        k.ensureAttached();
        return k;
    }

    @Override public void toDevice(float[] array, Device device) {
        OpenClKernels k = resident(device);
        k.ensureAttached();
        k.mirrors().adopt(array);
    }

    @Override public void toHost(float[] array, Device device) { resident(device).mirrors().release(array); }

    @Override public void syncToHost(float[] array, Device device) { resident(device).mirrors().syncToHost(array); }

    private static OpenClKernels resident(Device device) {
        if (device.kind() != Device.Kind.OPENCL) throw new IllegalArgumentException("the OpenCL runtime serves opencl devices, got " + device);
        try {
            return OpenClRuntime.context(device.index()).residentKernels();
        } catch (OpenClUnavailableException e) {
            throw new DeviceUnavailableException("cannot use " + device + ": " + e.getMessage(), e);
        }
    }
}
