package org.prune4j.simd.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TileTranspose}'s blocks against their definitions, element by element, on strides that are not multiples
 * of V and offsets that are not on a vector boundary: the full register block, partial blocks, and the scattered
 * block whose columns each go to their own place (untouched floats stay as they were).
 */
class TileTransposeTest {
    private static final int V = TileTranspose.V;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-1, 1);
        return a;
    }

    @Test
    void blocksMatchTheirDefinition() {
        int ss = V + 5, ds = V + 3, s = 3, d = 7;
        float[] src = random(s + V * ss + V, 1);
        for (int rows : new int[] {V, V - 1, 1}) {
            for (int cols : new int[] {V, 3, 1}) {
                float[] dst = new float[d + V * ds + V];
                Arrays.fill(dst, Float.NaN);
                TileTranspose.block(src, s, ss, rows, cols, dst, d, ds);
                for (int i = 0; i < dst.length; i++) {
                    int k = i - d, c = Math.floorDiv(k, ds), r = Math.floorMod(k, ds);
                    boolean written = k >= 0 && c < cols && r < rows;
                    assertEquals(written ? src[s + r * ss + c] : Float.NaN, dst[i], 0f, "rows=" + rows + " cols=" + cols + " at " + i);
                }
            }
        }
    }

    @Test
    void scatteredBlockPutsEachColumnAtItsOwnPlace() {
        int ss = V + 5, s = 2, slots = V + 4;
        float[] src = random(s + V * ss + V, 2);
        int[] at = new int[V + 2];
        // Columns to slots in a shuffled order, two of them to the same slot (a junk vector): the later one wins.
        for (int c = 0; c < V; c++) at[1 + c] = ((c * 7 + 3) % slots) * V;
        at[1 + V - 1] = at[1 + V - 2];
        for (int base : new int[] {0, 3, V}) {
            float[] dst = new float[slots * V + V];
            Arrays.fill(dst, Float.NaN);
            if (base == 0) TileTranspose.blockTo(src, s, ss, dst, at, 1);
            else TileTranspose.blockTo(src, s, ss, dst, base, at, 1);
            float[] want = new float[slots * V + V];
            Arrays.fill(want, Float.NaN);
            for (int c = 0; c < V; c++)
                for (int r = 0; r < V; r++) want[base + at[1 + c] + r] = src[s + r * ss + c];
            for (int i = 0; i < want.length; i++) assertEquals(want[i], dst[i], 0f, "base " + base + " at " + i);
        }
    }
}
