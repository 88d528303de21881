package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build runs tests with native access enabled, so the address must be readable here. */
class AlignedTest {
    @Test
    void readsTheAddressOfAnArraysDataAndTheOffsetToTheNextLine() {
        float[][] arrays = new float[40][];
        for (int i = 0; i < arrays.length; i++) arrays[i] = new float[1 + i * 7];
        boolean sawMisaligned = false;
        for (float[] a : arrays) {
            long address = Aligned.address(a);
            assertTrue(address > 0, "memmove downcall must return the array's address");
            assertEquals(0, address % 4, "float data is 4-byte aligned");
            int offset = Aligned.offset(a);
            assertTrue(offset >= 0 && offset < Aligned.SLACK);
            // Unless the collector moved the array in between, the offset lands on a 64-byte line.
            if (Aligned.address(a) == address) assertEquals(0, (address + 4L * offset) % 64);
            // toLine counts from any index: a[index + toLine] starts a line.
            for (int index = 0; index < 20; index += 3) {
                int skip = Aligned.toLine(a, index);
                assertTrue(skip >= 0 && skip < Aligned.SLACK);
                if (Aligned.address(a) == address) assertEquals(0, (address + 4L * (index + skip)) % 64, "index " + index);
            }
            sawMisaligned |= address % 64 != 0;
        }
        // Arrays start at any 8-byte boundary: not all 40 can sit on a line (if they did, the address would be a constant).
        assertTrue(sawMisaligned);
        assertNotEquals(Aligned.address(arrays[0]), Aligned.address(arrays[1]));
    }

    @Test
    void emptyArraysHaveNoAddressAndOffsetZero() {
        assertEquals(-1, Aligned.address(new float[0]));
        assertEquals(0, Aligned.offset(new float[0]));
    }
}
