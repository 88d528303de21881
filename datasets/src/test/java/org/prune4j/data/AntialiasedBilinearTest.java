package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AntialiasedBilinearTest {
    @Test
    void sameSizeIsTheIdentity() {
        AntialiasedBilinear r = AntialiasedBilinear.weights(5, 5);
        float[] line = {3, 1, 4, 1, 5};
        for (int i = 0; i < 5; i++) assertEquals(line[i], r.apply(i, line, 0, 1), 0f);
    }

    @Test
    void halvingUsesATriangleTwiceAsWideAsBilinearSampling() {
        // PIL: scale 2 → support 2; output 0 has centre 1.0 and sees inputs 0,1,2 with weights
        // 0.75, 0.75, 0.25 (normalised by 1.75); output 1 sees 1,2,3 with 0.25, 0.75, 0.75.
        AntialiasedBilinear r = AntialiasedBilinear.weights(4, 2);
        assertEquals(0, r.first[0]);
        assertArrayEquals(new float[] {0.75f / 1.75f, 0.75f / 1.75f, 0.25f / 1.75f}, r.weights[0], 1e-7f);
        assertEquals(1, r.first[1]);
        assertArrayEquals(new float[] {0.25f / 1.75f, 0.75f / 1.75f, 0.75f / 1.75f}, r.weights[1], 1e-7f);
        float[] line = {0, 0, 255, 255};
        assertEquals(255 * 0.25 / 1.75, r.apply(0, line, 0, 1), 1e-4);
        assertEquals(255 * 1.5 / 1.75, r.apply(1, line, 0, 1), 1e-4);
    }

    @Test
    void weightsSumToOneAndAConstantStaysConstant() {
        for (int[] io : new int[][] {{7, 3}, {3, 7}, {500, 256}, {256, 500}, {1, 4}}) {
            AntialiasedBilinear r = AntialiasedBilinear.weights(io[0], io[1]);
            float[] line = new float[io[0]];
            java.util.Arrays.fill(line, 42f);
            for (int i = 0; i < io[1]; i++) {
                double sum = 0;
                for (float w : r.weights[i]) sum += w;
                assertEquals(1.0, sum, 1e-5, io[0] + "->" + io[1] + " output " + i);
                assertEquals(42f, r.apply(i, line, 0, 1), 1e-4);
            }
        }
    }

    @Test
    void stridedAccessReadsAColumn() {
        // A 2-wide image stored row-major; resample column 1 (values 10, 30) from 2 to 1 pixel.
        float[] image = {0, 10, 0, 30};
        AntialiasedBilinear r = AntialiasedBilinear.weights(2, 1);
        assertEquals(20f, r.apply(0, image, 1, 2), 1e-5);
    }
}
