package org.prune4j.simd.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.prune4j.simd.sparse.SparseTestData.randomCsr;
import static org.prune4j.simd.sparse.SparseTestData.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;

/** Plans are built once per structure and call, however many layers a model has. */
class PlanCacheTest {
    @Test
    void aModelsWorthOfLayersBuildsNoPlansOnItsSecondPass() {
        // More layers, and plans per layer, than the old 32-slot round robin held: it rebuilt every plan on every pass.
        SplittableRandom rnd = new SplittableRandom(8);
        ConvGeometry g = ConvGeometry.of(4, 6, 8, 8, 5, 3, 1, 1, 1);
        List<CsrMatrix> layers = new ArrayList<>();
        for (int i = 0; i < 40; i++) layers.add(randomCsr(rnd, g.outChannels(), g.patchSize(), 0.3));
        float[] x = uniform(rnd, g.inputSize()), dy = uniform(rnd, g.outputSize());
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()];
        for (int pass = 0; pass < 2; pass++) {
            long before = PlanCache.BUILDS.get();
            for (CsrMatrix w : layers) {
                SparseConv2d.forward(g, w, x, null, false, y);
                SparseConv2d.backward(g, w, x, dy, dx, new float[w.nnz()]);
                CsrSpmm.spmm(w, 33, uniform(rnd, w.cols() * 33), 0, new float[w.rows() * 33], 0, null, false, false);
            }
            long built = PlanCache.BUILDS.get() - before;
            if (pass == 0 && built < 3L * layers.size()) throw new AssertionError("first pass built only " + built + " plans");
            if (pass == 1) assertEquals(0, built, "plans rebuilt on the second pass");
        }
    }

    @Test
    void copiesWithOtherValuesShareTheirStructuresPlans() {
        CsrMatrix a = randomCsr(new SplittableRandom(9), 7, 11, 0.5);
        CsrMatrix b = a.withValues(new float[a.nnz()]);
        Object plan = PlanCache.get(a, "k", Object::new);
        assertSame(plan, PlanCache.get(b, "k", Object::new));
        CsrMatrix other = randomCsr(new SplittableRandom(9), 7, 11, 0.5);
        if (PlanCache.get(other, "k", Object::new) == plan) throw new AssertionError("a different structure got the same plan");
    }
}
