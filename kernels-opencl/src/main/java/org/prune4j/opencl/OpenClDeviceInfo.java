package org.prune4j.opencl;

/**
 * What the engine needs to know about one OpenCL device, read once at discovery.
 * {@code index} is the device's position in {@link OpenClRuntime#devices()}: all
 * devices of all platforms, platforms in driver order, devices in platform order.
 *
 * @param localMemoryDedicated false when the device reports CL_LOCAL (emulated in
 *        global memory) or none; tiling through local memory then buys nothing
 */
public record OpenClDeviceInfo(int index, int platformIndex, String platformName, String deviceName, String type,
                               String version, int computeUnits, long globalMemoryBytes, long maxAllocationBytes,
                               long localMemoryBytes, boolean localMemoryDedicated, int maxWorkGroupSize,
                               int[] maxWorkItemSizes, int preferredFloatVectorWidth) {

    /** One line for banners: "opencl:0 NAME (TYPE, N CUs, G MiB global, L KiB local, wg W) on PLATFORM". */
    public String summary() {
        return "opencl:" + index + " " + deviceName + " (" + type + ", " + computeUnits + " CUs, "
                + (globalMemoryBytes >> 20) + " MiB global, " + (localMemoryBytes >> 10) + " KiB local"
                + (localMemoryDedicated ? "" : " (emulated)") + ", max work-group " + maxWorkGroupSize
                + ", float vector " + preferredFloatVectorWidth + ") on " + platformName;
    }
}
