package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

class TransformsTest {
    /** Channel c, row y, column x holds 100c + 10y + x + 1 (never zero, so padding is visible). */
    private static float[] image(int c, int h, int w) {
        float[] a = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) a[(ch * h + y) * w + x] = 100 * ch + 10 * y + x + 1;
        return a;
    }

    @Test
    void shiftMovesContentAndFillsZeros() {
        float[] a = image(1, 3, 4);
        RandomCrop.shift(a, 0, new ChwShape(1, 3, 4), 1, -2);
        // out[y][x] = in[y+1][x-2]
        assertArrayEquals(new float[] {
            0, 0, 11, 12,
            0, 0, 21, 22,
            0, 0, 0, 0}, a);
    }

    @Test
    void randomCropIsAZeroPaddedShiftCoveringEveryOffset() {
        Shape shape = Shape.of(2, 5, 5);
        float[] original = image(2, 5, 5);
        Set<String> seen = new HashSet<>();
        RandomCrop crop = new RandomCrop(2);
        for (int seed = 0; seed < 400; seed++) {
            float[] a = original.clone();
            crop.apply(a, 0, shape, new Rng(seed));
            int matches = 0;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    float[] expect = original.clone();
                    RandomCrop.shift(expect, 0, new ChwShape(2, 5, 5), dy, dx);
                    if (Arrays.equals(expect, a)) {
                        matches++;
                        seen.add(dy + "," + dx);
                    }
                }
            }
            assertEquals(1, matches, "seed " + seed + " must be exactly one shift");
        }
        assertEquals(25, seen.size(), "every offset in [-2, 2]^2 is reachable");
    }

    @Test
    void randomCropOnlyTouchesItsOwnSampleInABatchBuffer() {
        Shape shape = Shape.of(1, 4, 4);
        float[] buf = new float[3 * 16];
        Arrays.fill(buf, 7f);
        new RandomCrop(4).apply(buf, 16, shape, new Rng(3));
        for (int i = 0; i < 16; i++) assertEquals(7f, buf[i]);
        for (int i = 32; i < 48; i++) assertEquals(7f, buf[i]);
    }

    @Test
    void flipMirrorsEveryRowOfEveryChannel() {
        float[] a = image(2, 2, 3);
        RandomHorizontalFlip.flip(a, 0, new ChwShape(2, 2, 3));
        assertArrayEquals(new float[] {3, 2, 1, 13, 12, 11, 103, 102, 101, 113, 112, 111}, a);
    }

    @Test
    void flipProbabilityZeroAndOne() {
        Shape shape = Shape.of(1, 2, 2);
        float[] never = image(1, 2, 2);
        float[] always = image(1, 2, 2);
        for (int seed = 0; seed < 20; seed++) {
            float[] n = never.clone();
            new RandomHorizontalFlip(0f).apply(n, 0, shape, new Rng(seed));
            assertArrayEquals(never, n);
            float[] a = always.clone();
            new RandomHorizontalFlip(1f).apply(a, 0, shape, new Rng(seed));
            assertArrayEquals(new float[] {2, 1, 12, 11}, a);
        }
    }

    @Test
    void normalizeUsesEachChannelsMeanAndStd() {
        float[] a = {1, 2, 3, 4, 5, 6};
        new Normalize(new ChannelStats(new float[] {1, 2, 3}, new float[] {0.5f, 2f, 4f})).apply(a, 0, Shape.of(3, 1, 2), new Rng(0));
        assertArrayEquals(new float[] {0f, 2f, 0.5f, 1f, 0.5f, 0.75f}, a);
    }

    @Test
    void normalizeRejectsWrongChannelCountAndNonImages() {
        Normalize n = new Normalize(ChannelStats.CIFAR10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.apply(new float[4], 0, Shape.of(1, 2, 2), new Rng(0)));
        assertTrue(e.getMessage().contains("statistics for 3 channels, the sample [1, 2, 2] has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> n.apply(new float[18], 0, Shape.of(2, 9), new Rng(0)));
        assertTrue(e.getMessage().contains("Normalize needs image samples shaped [C, H, W], got [2, 9]"), e.getMessage());
    }

    @Test
    void andThenRunsInOrder() {
        SampleTransform plusOne = (d, o, s, r) -> { for (int i = 0; i < s.size(); i++) d[o + i] += 1; };
        SampleTransform twice = (d, o, s, r) -> { for (int i = 0; i < s.size(); i++) d[o + i] *= 2; };
        float[] a = {1, 2};
        plusOne.andThen(twice).apply(a, 0, Shape.of(2), new Rng(0));
        assertArrayEquals(new float[] {4, 6}, a);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RandomCrop(-1));
        assertThrows(IllegalArgumentException.class, () -> new RandomHorizontalFlip(1.5f));
        assertThrows(IllegalArgumentException.class, () -> new ChannelStats(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new ChannelStats(new float[] {0, 1}, new float[] {1}));
    }
}
