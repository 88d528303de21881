package org.prune4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.DeviceUnavailableException;
import org.prune4j.core.kernels.Devices;
import org.prune4j.core.ops.Ops;

/** Device moves as engine-core alone sees them: no accelerator runtime is on this class path. */
class DeviceMoveTest {
    @Test
    void theCpuIsAlwaysThereAndMovingToItIsTheIdentity() {
        Tensor t = Tensor.ones(3);
        assertSame(t, t.to(Device.CPU));
        assertSame(t, t.moveTo(Device.CPU));
        assertTrue(Devices.isAvailable(Device.CPU));
        assertEquals(Device.opencl(0), Device.opencl());
    }

    @Test
    void aDeviceWithoutItsRuntimeIsRefusedWithTheReason() {
        assertTrue(!Devices.isAvailable(Device.opencl()));
        var e = assertThrows(DeviceUnavailableException.class, () -> Tensor.ones(2).to(Device.opencl(2)));
        assertTrue(e.getMessage().contains("opencl:2") && e.getMessage().contains("kernels-opencl"), e.getMessage());
        Tensor leaf = Tensor.ones(2);
        assertThrows(DeviceUnavailableException.class, () -> leaf.moveTo(Device.opencl()));
        assertEquals(Device.CPU, leaf.device(), "a refused move leaves the tensor where it was");
        assertThrows(DeviceUnavailableException.class, () -> Tensor.zeros(Device.opencl(), 2));
    }

    @Test
    void onlyLeavesMoveInPlace() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = Ops.mulScalar(x, 2f);
        var e = assertThrows(IllegalStateException.class, () -> y.moveTo(Device.CPU));
        assertTrue(e.getMessage().contains("to("), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.to(null));
    }
}
