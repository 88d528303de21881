package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PruningMathTest {

    @Test void cubicScheduleShape() {
        CubicSchedule s = new CubicSchedule(0.0, 0.9, 100, 1100, 100);
        assertEquals(0.0, s.sparsityAt(0));
        assertEquals(0.0, s.sparsityAt(100));
        assertEquals(0.9 - 0.9 * 0.125, s.sparsityAt(600), 1e-12); // halfway: (1-1/2)^3 = 1/8 left
        assertEquals(0.9, s.sparsityAt(1100));
        assertEquals(0.9, s.sparsityAt(5000));
        assertTrue(s.isPruningStep(100) && s.isPruningStep(200) && s.isPruningStep(1100));
        assertFalse(s.isPruningStep(150) || s.isPruningStep(1200) || s.isPruningStep(50));
        for (long t = 100; t < 1100; t += 10) assertTrue(s.sparsityAt(t + 10) >= s.sparsityAt(t), "monotone");
        CubicSchedule d = CubicSchedule.forTraining(0.95, 1000, 10);
        assertEquals(800, d.endStep());
        assertThrows(IllegalArgumentException.class, () -> new CubicSchedule(0, 1.0, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new CubicSchedule(0, 0.5, 10, 10, 1));
    }

    @Test void exponentialSchedule() {
        ExponentialSchedule e = new ExponentialSchedule(0.01, 4);
        assertEquals(1.0, e.keepAt(0));
        assertEquals(Math.pow(0.01, 0.25), e.keepAt(1), 1e-12);
        assertEquals(0.01, e.keepAt(4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(0, 3));
    }

    @Test void topKIsExactWithTies() {
        float[] s = {0.5f, 0.1f, 0.5f, 0.9f, 0.5f, 0.0f};
        assertArrayEquals(new int[] {0, 2, 3}, ScoreRanking.topK(s, 3)); // ties at 0.5: earliest kept
        assertArrayEquals(new int[] {3}, ScoreRanking.topK(s, 1));
        assertEquals(0, ScoreRanking.topK(s, 0).length);
        assertEquals(6, ScoreRanking.topK(s, 6).length);
        float[] keep = ScoreRanking.keepTopK(s, 4);
        float sum = 0;
        for (float v : keep) sum += v;
        assertEquals(4f, sum);
        assertThrows(IllegalArgumentException.class, () -> ScoreRanking.topK(new float[] {1f, Float.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> ScoreRanking.topK(s, 7));
    }

    @Test void minimumThresholdKeepsSigmaAndReachesKappa() {
        int[] sizes = {100, 10000, 20000, 50};
        // Global MP collapsed layer 0 entirely and layer 3 almost entirely.
        double[] gmp = {1.0, 0.85, 0.92, 0.98};
        double kappa = 0.9, sigma = 60;
        double[] s = MinimumThreshold.allocate(sizes, gmp, kappa, sigma);
        double pruned = 0, total = 0;
        for (int l = 0; l < sizes.length; l++) {
            pruned += s[l] * sizes[l];
            total += sizes[l];
            assertTrue((1 - s[l]) * sizes[l] >= sigma - 1e-9 || sizes[l] <= sigma, "layer " + l + " keeps at least σ");
        }
        assertEquals(0.0, s[3], "a layer with n <= σ stays dense");
        assertEquals(kappa, pruned / total, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> MinimumThreshold.allocate(new int[] {100, 100}, new double[] {0.5, 0.5}, 0.9, 50));
    }
}
