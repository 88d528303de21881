package org.prune4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;

class AutogradTest {

    @Test void gradientsAccumulateAcrossUsesAndCalls() {
        Tensor x = Tensor.of(new float[] {2f, -3f}, 2).requiresGrad(true);
        // y = x*x + x uses x three times; dy/dx = 2x + 1.
        Ops.sum(Ops.add(Ops.mul(x, x), x)).backward();
        assertArrayEquals(new float[] {5f, -5f}, x.gradArray(), 1e-6f);
        Ops.sum(x).backward(); // accumulates, like PyTorch
        assertArrayEquals(new float[] {6f, -4f}, x.gradArray(), 1e-6f);
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test void diamondGraphVisitsEachNodeOnce() {
        Tensor x = Tensor.of(new float[] {1.5f}, 1).requiresGrad(true);
        Tensor a = Ops.mulScalar(x, 3f);
        Tensor b = Ops.mul(a, a); // 9x²
        Tensor c = Ops.add(b, a); // 9x² + 3x
        Ops.sum(c).backward();
        assertEquals(18f * 1.5f + 3f, x.gradArray()[0], 1e-5f);
    }

    @Test void noGradScopeRecordsNothingAndRestores() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor y;
        try (var ng = GradMode.noGrad()) {
            y = Ops.mulScalar(x, 2f);
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertNull(y.gradFn());
        assertFalse(y.requiresGrad());
        assertThrows(IllegalStateException.class, () -> Ops.sum(y).backward());
    }

    @Test void detachCutsTheGraph() {
        Tensor x = Tensor.of(new float[] {2f}, 1).requiresGrad(true);
        Tensor y = Ops.mul(x, Ops.mul(x, x).detach()); // d/dx = x² (detached factor)
        Ops.sum(y).backward();
        assertEquals(4f, x.gradArray()[0], 1e-6f);
    }

    @Test void intermediateGradsReleasedUnlessRetained() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Tensor h = Ops.mulScalar(x, 2f);
        Tensor k = Ops.mulScalar(x, 3f).retainGrad();
        Ops.sum(Ops.add(h, k)).backward();
        assertNull(h.gradArray());
        assertArrayEquals(new float[] {1f, 1f}, k.gradArray());
    }

    /**
     * A sum hands its own gradient over to its left side instead of copying it, unless the sum's gradient is retained:
     * h then receives more gradient (from h·5), which must not show up in the retained gradient of s.
     */
    @Test void aSumHandsItsGradientOverOnlyWhenNotRetained() {
        for (boolean retain : new boolean[] {false, true}) {
            Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
            Tensor h = Ops.mulScalar(x, 2f).retainGrad();
            Tensor s = Ops.add(h, Ops.mulScalar(x, 4f));
            if (retain) s.retainGrad();
            Ops.sum(Ops.add(Ops.mulScalar(s, 3f), Ops.mulScalar(h, 5f))).backward();
            assertArrayEquals(new float[] {8f, 8f}, h.gradArray(), "h: 3 through s plus 5");
            assertArrayEquals(new float[] {28f, 28f}, x.gradArray(), "x: 2·8 + 4·3");
            if (retain) assertArrayEquals(new float[] {3f, 3f}, s.gradArray(), "s's retained gradient");
        }
        // With no other use of h, a handed-over gradient would be s's own array.
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        Tensor h = Ops.mulScalar(x, 2f).retainGrad();
        Tensor s = Ops.add(h, Ops.mulScalar(x, 4f)).retainGrad();
        Ops.sum(Ops.mulScalar(s, 3f)).backward();
        assertNotSame(s.gradArray(), h.gradArray(), "a retained gradient is copied, not handed over");
        assertArrayEquals(new float[] {3f, 3f}, h.gradArray());
    }

    @Test void backwardNeedsScalarOrSeed() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor y = Ops.mulScalar(x, 2f);
        assertThrows(IllegalStateException.class, y::backward);
        y.backward(new float[] {1f, 0f, 2f});
        assertArrayEquals(new float[] {2f, 0f, 4f}, x.gradArray());
        assertThrows(IllegalArgumentException.class, () -> Ops.mulScalar(x, 2f).backward(new float[] {1f}));
    }

    @Test void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.ones(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20000; i++) y = Ops.addScalar(y, 0f);
        Ops.sum(y).backward();
        assertEquals(1f, x.gradArray()[0]);
    }
}
