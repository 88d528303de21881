package org.prune4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/** A masked layer gives the same outputs and gradients on the sparse and the dense path, and AUTO records a measured decision. */
class SparseExecutionTest {

    @AfterEach void restore() {
        MeasuredKernelChoice.setPolicy(Policy.AUTO);
        MeasuredKernelChoice.clear();
    }

    private static void prune(Parameter p, double density, Rng rng) {
        float[] m = new float[p.size()];
        for (int i = 0; i < m.length; i++) m[i] = rng.uniform() < density ? 1f : 0f;
        p.setMask(Mask.of(p.shape(), m));
    }

    private static float[][] run(Module layer, Parameter w, Tensor x, Policy policy) {
        MeasuredKernelChoice.setPolicy(policy);
        layer.zeroGrad();
        x.zeroGrad();
        Tensor y = layer.forward(x);
        Ops.sum(Ops.square(y)).backward();
        return new float[][] {y.data().clone(), x.gradArray().clone(), w.gradArray().clone()};
    }

    private static void assertSame(float[][] a, float[][] b) {
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) assertEquals(a[t][i], b[t][i], 1e-4f * (1 + Math.abs(a[t][i])), "tensor " + t + " at " + i);
        }
    }

    @Test void conv3x3AndPointwiseAndLinear() {
        Rng rng = new Rng(5);
        Conv2d c3 = new Conv2d(6, 8, 3, 2, 1, true, rng);
        prune(c3.weight(), 0.2, rng);
        Tensor x = Tensor.randn(rng, 2, 6, 9, 9).requiresGrad(true);
        assertSame(run(c3, c3.weight(), x, Policy.DENSE), run(c3, c3.weight(), x, Policy.SPARSE));

        Conv2d c1 = new Conv2d(6, 5, 1, 1, 0, false, rng);
        prune(c1.weight(), 0.4, rng);
        assertSame(run(c1, c1.weight(), x, Policy.DENSE), run(c1, c1.weight(), x, Policy.SPARSE));

        Linear fc = new Linear(12, 7, rng);
        prune(fc.weight(), 0.1, rng);
        Tensor xf = Tensor.randn(rng, 3, 12).requiresGrad(true);
        assertSame(run(fc, fc.weight(), xf, Policy.DENSE), run(fc, fc.weight(), xf, Policy.SPARSE));
    }

    @Test void autoMeasuresOnceAndCaches() {
        Rng rng = new Rng(6);
        Conv2d c = new Conv2d(4, 4, 3, 1, 1, false, rng);
        prune(c.weight(), 0.1, rng);
        Tensor x = Tensor.randn(rng, 1, 4, 6, 6).requiresGrad(true);
        float[][] auto = run(c, c.weight(), x, Policy.AUTO);
        assertSame(run(c, c.weight(), x, Policy.DENSE), auto);
        MeasuredKernelChoice.setPolicy(Policy.AUTO);
        String key = "conv" + new org.prune4j.core.kernels.ConvGeometry(1, 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1) + "|train|cpu|d" + Math.round(c.weight().mask().density() * 100);
        assertNotNull(MeasuredKernelChoice.cached(key), "a decision was cached for " + key);
    }
}
