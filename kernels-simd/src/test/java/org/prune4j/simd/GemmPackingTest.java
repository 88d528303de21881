package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmPacking#packA} against its definition, panel by panel: dst[(ir/MR)·kc·MR + p·MR + r] = op(A)[i0 + ir + r]
 * [p0 + p], zero past the last row. Both op(A), rows that fill whole panels and a ragged last panel, depths that are
 * and are not multiples of the 8×8 register transposes, offsets into a larger matrix.
 */
class GemmPackingTest {
    private static void check(boolean transA, int rows, int cols, int i0, int mc, int p0, int kc, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int aOff = 3, lda = transA ? rows + 2 : cols + 5;
        float[] a = new float[aOff + (transA ? cols : rows) * lda];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        int panels = (mc + Sgemm.MR - 1) / Sgemm.MR;
        float[] dst = new float[panels * kc * Sgemm.MR + 7];
        Arrays.fill(dst, Float.NaN);
        GemmPacking.packA(transA, a, aOff, lda, i0, mc, p0, kc, dst);
        for (int panel = 0; panel < panels; panel++)
            for (int p = 0; p < kc; p++)
                for (int rr = 0; rr < Sgemm.MR; rr++) {
                    int i = panel * Sgemm.MR + rr;
                    float want = i >= mc ? 0f : transA ? a[aOff + (p0 + p) * lda + i0 + i] : a[aOff + (i0 + i) * lda + p0 + p];
                    assertEquals(want, dst[(panel * kc + p) * Sgemm.MR + rr], 0f,
                            "transA " + transA + " mc " + mc + " kc " + kc + ": panel " + panel + " step " + p + " row " + rr);
                }
        for (int i = panels * kc * Sgemm.MR; i < dst.length; i++) assertEquals(Float.NaN, dst[i], 0f, "written past the panels at " + i);
    }

    @Test
    void panelsMatchTheirDefinition() {
        for (boolean transA : new boolean[] {false, true}) {
            check(transA, 40, 50, 4, 32, 3, 40, 1);   // whole panels, depth a multiple of 8
            check(transA, 40, 50, 1, 37, 5, 43, 2);   // ragged last panel, depth 5 past the transposes
            check(transA, 9, 7, 0, 9, 0, 7, 3);       // depth shorter than one transpose
            check(transA, 24, 64, 8, 16, 0, 64, 4);   // offset rows, the whole depth
        }
    }
}
