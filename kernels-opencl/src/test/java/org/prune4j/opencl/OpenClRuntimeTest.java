package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;

/** Discovery, selection, the program cache, the buffer pool and the errors a user sees. */
class OpenClRuntimeTest {
    @BeforeAll
    static void requirePlatform() {
        assumeTrue(OpenClRuntime.isAvailable(), "no OpenCL platform installed (install pocl-opencl-icd or a GPU driver)");
    }

    @Test
    void devicesAreListedWithTheirLimitsInAStableOrder() {
        List<OpenClDeviceInfo> devices = OpenClRuntime.devices();
        assertFalse(devices.isEmpty());
        for (int i = 0; i < devices.size(); i++) {
            OpenClDeviceInfo d = devices.get(i);
            assertEquals(i, d.index());
            assertFalse(d.deviceName().isBlank());
            assertFalse(d.platformName().isBlank());
            assertTrue(d.computeUnits() > 0 && d.maxWorkGroupSize() > 0 && d.globalMemoryBytes() > 0, d.summary());
            assertTrue(d.summary().startsWith("opencl:" + i + " "), d.summary());
        }
        assertEquals(devices, OpenClRuntime.devices());
    }

    @Test
    void oneSharedContextPerDevice() {
        assertSame(OpenClRuntime.context(0), OpenClRuntime.context(0));
        assertSame(new OpenClKernels(Device.parse("opencl:0")).context(), new OpenClKernels().context());
    }

    @Test
    void aFilterMatchingNoDeviceFailsWithAClearMessage() {
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class,
                () -> new OpenClKernels(d -> d.deviceName().equals("no such device"), "name 'no such device'"));
        assertTrue(e.getMessage().contains("no OpenCL device matches name 'no such device'"), e.getMessage());
        assertTrue(e.getMessage().contains(OpenClRuntime.devices().get(0).deviceName()), "lists what exists: " + e.getMessage());
    }

    @Test
    void anIndexBeyondTheDevicesFailsNamingIt() {
        int n = OpenClRuntime.devices().size();
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class, () -> new OpenClKernels(n));
        assertTrue(e.getMessage().contains("opencl:" + n), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OpenClKernels(Device.CPU));
    }

    @Test
    void programsAreBuiltOncePerContext() {
        OpenClKernels k = new OpenClKernels(0);
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4];
        k.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        int builds = k.context().programBuilds();
        for (int i = 0; i < 3; i++) k.gemm(false, true, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertEquals(builds, k.context().programBuilds());
        assertEquals(1 * 5 + 2 * 6, c[0]); // row 0 of A times row 0 of B (transB)
    }

    @Test
    void buffersGoBackToThePool() {
        OpenClKernels k = new OpenClKernels(0);
        long before = k.context().liveBytes();
        float[] x = new float[1000], y = new float[1000];
        k.affine(1000, x, 0, 2f, 1f, y, 0);
        assertEquals(before, k.context().liveBytes());
        assertEquals(1f, y[999]);
    }

    @Test
    void aBuildFailureNamesPlatformDeviceFileAndLog() {
        OpenClContext ctx = OpenClRuntime.context(0);
        OpenClBuildException e = assertThrows(OpenClBuildException.class, () -> ctx.launch("broken.cl", "", "broken"));
        assertTrue(e.getMessage().contains("broken.cl"), e.getMessage());
        assertTrue(e.getMessage().contains(ctx.info().deviceName()), e.getMessage());
        assertTrue(e.getMessage().contains(ctx.info().platformName()), e.getMessage());
        assertTrue(e.buildLog().contains("undeclared_identifier_for_the_test"), e.buildLog());
    }

    @Test
    void aMissingSourceIsReportedByName() {
        OpenClException e = assertThrows(OpenClException.class, () -> OpenClRuntime.context(0).launch("nope.cl", "", "k"));
        assertTrue(e.getMessage().contains("nope.cl"), e.getMessage());
    }

    @Test
    void neverChosenByDefaultButSelectableByName() {
        assertNotEquals("opencl", Backends.select(null).name());
        Kernels k = Backends.select("opencl");
        assertEquals("opencl", k.name());
        assertTrue(k.describe().contains(OpenClRuntime.devices().get(0).deviceName()), k.describe());
        assertTrue(k.priority() < 0);
    }
}
