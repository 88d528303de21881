package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RowCopy's interleave and de-interleave against their definitions, every length up to three vector pairs and a tail. */
class RowCopyTest {
    private static final int V = RowCopy.V;

    @Test
    void interleaveWritesExactlyItsRowForEveryLength() {
        for (int len = 0; len <= 6 * V + 5; len++) {
            int half = (len + 1) / 2;
            // The odd half ends at the source's last float, so no load may read past it.
            float[] src = new float[3 + 2 * half];
            for (int i = 0; i < src.length; i++) src[i] = i + 1;
            int even = 3, odd = 3 + half;
            float[] dst = new float[len + 4];
            java.util.Arrays.fill(dst, -1f);
            RowCopy.interleave(src, even, odd, dst, 2, len);
            for (int i = 0; i < dst.length; i++) {
                float want = i < 2 || i >= 2 + len ? -1f : src[((i - 2) % 2 == 0 ? even : odd) + (i - 2) / 2];
                assertEquals(want, dst[i], "len " + len + " position " + i);
            }
        }
    }

    @Test
    void deinterleaveSplitsEveryLength() {
        for (int count = 0; count <= 3 * V + 5; count++) {
            float[] src = new float[1 + 2 * count];
            for (int i = 0; i < src.length; i++) src[i] = i + 1;
            float[] even = new float[count + 2], odd = new float[count + 2];
            RowCopy.deinterleave(src, 1, even, 1, odd, 1, count);
            for (int i = 0; i < count; i++) {
                assertEquals(src[1 + 2 * i], even[1 + i], "count " + count);
                assertEquals(src[2 + 2 * i], odd[1 + i], "count " + count);
            }
            assertEquals(0f, even[count + 1], "count " + count + ": nothing past the row");
        }
    }
}
