package org.prune4j.core.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

class CsrMatrixTest {

    private static float[] randomSparse(int rows, int cols, double density, long seed) {
        Rng r = new Rng(seed);
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) if (r.uniform() < density) d[i] = r.uniform(-1f, 1f);
        return d;
    }

    @Test void plansAreBuiltOncePerKeySharedByCopiesAndBounded() {
        CsrMatrix c = CsrMatrix.fromDense(randomSparse(5, 6, 0.5, 4), 0, 5, 6);
        int[] builds = {0};
        java.util.function.Supplier<Object> build = () -> { builds[0]++; return new Object(); };
        Object p = c.plan("a", build);
        assertSame(p, c.plan("a", build));
        assertSame(p, c.withValues(new float[c.nnz()]).plan("a", build));
        assertEquals(1, builds[0]);
        if (c.transpose().plan("a", build) == p) throw new AssertionError("a transposed structure has plans of its own");
        // Past MAX_PLANS keys the structure starts over; every key still answers with one plan per build.
        for (int i = 0; i < 3 * CsrMatrix.MAX_PLANS; i++) {
            Object q = c.plan(i, build);
            assertSame(q, c.plan(i, build));
        }
        assertEquals(2 + 3 * CsrMatrix.MAX_PLANS, builds[0]);
        assertThrows(IllegalArgumentException.class, () -> c.plan(null, build));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.plan("none", () -> null));
        assertEquals("CSR plan: build returned null for key none", e.getMessage());
    }

    @Test void denseRoundTripAndTranspose() {
        for (double density : new double[] {0, 0.01, 0.3, 1.0}) {
            float[] d = randomSparse(7, 11, density, 3);
            CsrMatrix c = CsrMatrix.fromDense(d, 0, 7, 11);
            assertArrayEquals(d, c.toDense());
            CsrMatrix t = c.transpose();
            float[] td = t.toDense();
            for (int i = 0; i < 7; i++) for (int j = 0; j < 11; j++) assertEquals(d[i * 11 + j], td[j * 7 + i]);
            int[] perm = c.transposePermutation();
            for (int q = 0; q < t.nnz(); q++) assertEquals(t.values()[q], c.values()[perm[q]]);
        }
    }

    @Test void maskedStructureKeepsExplicitZerosAndGathers() {
        float[] w = {1f, 0f, 3f, 4f};
        Mask m = Mask.of(Shape.of(2, 2), new float[] {1f, 1f, 0f, 1f});
        CsrMatrix c = CsrMatrix.fromDenseMasked(w, 0, m.data(), 2, 2);
        assertEquals(3, c.nnz());
        w[0] = 9f;
        int[] flat = c.flatIndex(new int[c.nnz()]);
        assertArrayEquals(new int[] {0, 1, 3}, flat);
        CsrMatrix fresh = c.withValues(new float[c.nnz()]);
        new org.prune4j.core.kernels.ReferenceKernels().gather(c.nnz(), w, 0, flat, fresh.values());
        assertArrayEquals(new float[] {9f, 0f, 4f}, fresh.values());
        assertSame(c.rowPtr(), fresh.rowPtr(), "withValues shares the structure");
        assertThrows(IllegalArgumentException.class, () -> c.withValues(new float[2]));
        assertEquals(0.75, c.density(), 1e-12);
    }

    @Test void maskCountsAndVersions() {
        Mask m = Mask.ones(Shape.of(3, 2));
        long v = m.version();
        m.set(1, false);
        m.set(1, false);
        assertEquals(5, m.nnz());
        assertEquals(v + 1, m.version());
        float[] w = {1, 2, 3, 4, 5, 6};
        m.applyTo(w);
        assertArrayEquals(new float[] {1, 0, 3, 4, 5, 6}, w);
        Mask t = Mask.fromThreshold(Shape.of(3), new float[] {-0.5f, 0.2f, 0.5f}, 0.5f);
        assertArrayEquals(new float[] {1, 0, 1}, t.data()); // ties kept
    }
}
