package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tile choice from device limits, on made-up devices (no OpenCL needed). */
class DeviceTilesTest {
    private static OpenClDeviceInfo device(int maxGroup, int[] items, long localBytes) {
        return new OpenClDeviceInfo(0, 0, "test", "test", "GPU", "OpenCL 1.2", 1, 1L << 30, 1L << 28,
                localBytes, true, maxGroup, items, 4);
    }

    @Test
    void bigGpuGetsTheLargestTile() {
        assertEquals(16, DeviceTiles.choose(device(1024, new int[] {1024, 1024, 64}, 48 << 10)).gemmTile());
    }

    @Test
    void smallWorkGroupsShrinkTheTile() {
        assertEquals(8, DeviceTiles.choose(device(64, new int[] {64, 64, 64}, 48 << 10)).gemmTile());
        assertEquals(4, DeviceTiles.choose(device(256, new int[] {256, 4, 1}, 48 << 10)).gemmTile());
    }

    @Test
    void littleLocalMemoryShrinksTheTile() {
        // 16x16 needs 2*16*17*4 = 2176 bytes; 8x8 needs 576.
        assertEquals(8, DeviceTiles.choose(device(1024, new int[] {1024, 1024, 64}, 2000)).gemmTile());
    }

    @Test
    void noLocalMemoryOrSingleWorkItemGroupsMeanThePlainKernel() {
        assertEquals(0, DeviceTiles.choose(device(1024, new int[] {1024, 1024, 64}, 0)).gemmTile());
        DeviceTiles one = DeviceTiles.choose(device(1, new int[] {1, 1, 1}, 32 << 10));
        assertEquals(0, one.gemmTile());
        assertEquals(1, one.maxGroup1d());
    }
}
