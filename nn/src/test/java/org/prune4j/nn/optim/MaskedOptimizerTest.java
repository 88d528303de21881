package org.prune4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.layers.Linear;

/**
 * The sparsity invariant: pruned weights are exactly zero after every step, and
 * optimizer state built up before pruning cannot bring them back.
 */
class MaskedOptimizerTest {
    private static final float[] KEEP = {1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1};

    private static void trainSteps(Linear layer, Optimizer opt, int steps, Rng rng) {
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            Tensor x = Tensor.randn(rng, 5, 4);
            Ops.crossEntropy(layer.forward(x), new int[] {0, 1, 2, 0, 1}).backward();
            opt.step();
        }
    }

    private void checkInvariant(Function<List<Parameter>, Optimizer> make, Function<Optimizer, float[][]> state) {
        Rng rng = new Rng(7);
        Linear layer = new Linear(4, 3, rng);
        Parameter w = layer.weight();
        Optimizer opt = make.apply(layer.parameters());
        trainSteps(layer, opt, 3, rng); // dense steps: state is nonzero everywhere
        for (float[] s : state.apply(opt)) for (int i = 0; i < KEEP.length; i++) assertNotEquals(0f, s[i]);

        Mask mask = Mask.of(w.shape(), KEEP);
        w.setMask(mask);
        // Dense gradients reach the pruned weights too: the harshest case for the invariant.
        w.setDenseGradient(true);
        for (int s = 0; s < 5; s++) {
            trainSteps(layer, opt, 1, rng);
            for (int i = 0; i < KEEP.length; i++) {
                if (KEEP[i] == 0f) {
                    assertTrue(w.data()[i] == 0f, "pruned weight " + i + " after step " + s);
                    assertNotEquals(0f, w.gradArray()[i], "dense gradient expected at " + i);
                    for (float[] st : state.apply(opt)) assertTrue(st[i] == 0f, "optimizer state at pruned weight " + i);
                } else {
                    assertNotEquals(0f, w.data()[i], "kept weight " + i);
                }
            }
        }
        // With the mask removed and zero gradients, leftover state must not move pruned weights.
        w.clearMask();
        w.tensor().setGrad(new float[KEEP.length]);
        layer.bias().zeroGrad();
        opt.step();
        for (int i = 0; i < KEEP.length; i++) if (KEEP[i] == 0f) assertTrue(w.data()[i] == 0f, "revived weight " + i);
    }

    @Test void sgdWithMomentumAndWeightDecayKeepsPrunedWeightsAtZero() {
        checkInvariant(ps -> new SGD(ps, 0.1f, 0.9f, 5e-4f, true), o -> new float[][] {((SGD) o).momentumBuffer(0)});
    }

    @Test void adamKeepsPrunedWeightsAtZero() {
        checkInvariant(ps -> new Adam(ps, 0.01f, 0.9f, 0.999f, 1e-8f, 1e-2f, false),
                o -> new float[][] {((Adam) o).expAvg(0), ((Adam) o).expAvgSq(0)});
    }

    @Test void adamWKeepsPrunedWeightsAtZero() {
        checkInvariant(ps -> Adam.adamW(ps, 0.01f, 0.1f), o -> new float[][] {((Adam) o).expAvg(0), ((Adam) o).expAvgSq(0)});
    }

    @Test void maskedGradientByDefault() {
        Linear layer = new Linear(4, 3, new Rng(1));
        layer.weight().setMask(Mask.of(layer.weight().shape(), KEEP));
        Ops.sum(layer.forward(Tensor.randn(new Rng(2), 2, 4))).backward();
        for (int i = 0; i < KEEP.length; i++) if (KEEP[i] == 0f) assertTrue(layer.weight().gradArray()[i] == 0f, "gradient at pruned weight " + i);
    }
}
