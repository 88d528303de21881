package org.prune4j.opencl;

/**
 * Launch shapes derived from one device's limits, so the same code runs on a GPU
 * with 1024-wide work-groups and 64 KiB of local memory, on a CPU runtime such as
 * PoCL, and on small embedded devices.
 *
 * @param gemmTile  side of the square GEMM tile staged in local memory; 0 means the
 *                  device cannot hold a useful tile and GEMM runs without local memory
 * @param maxGroup1d largest 1-D work-group the device accepts
 */
record DeviceTiles(int gemmTile, int maxGroup1d) {
    private static final int LARGEST_GEMM_TILE = 16;

    static DeviceTiles choose(OpenClDeviceInfo d) {
        int[] items = d.maxWorkItemSizes();
        int item0 = items.length > 0 ? items[0] : 1, item1 = items.length > 1 ? items[1] : 1;
        int maxGroup1d = Math.max(1, Math.min(d.maxWorkGroupSize(), item0));
        int ts = LARGEST_GEMM_TILE;
        while (ts > 1 && (ts * ts > d.maxWorkGroupSize() || ts > item0 || ts > item1 || gemmLocalBytes(ts) > d.localMemoryBytes())) ts /= 2;
        // A 1x1 tile shares nothing between work-items; the plain kernel is as good and simpler.
        return new DeviceTiles(ts >= 2 ? ts : 0, maxGroup1d);
    }

    /** Local memory used by the tiled GEMM: two TS x (TS+1) float tiles (the +1 avoids bank conflicts). */
    static long gemmLocalBytes(int ts) { return 2L * ts * (ts + 1) * Float.BYTES; }
}
