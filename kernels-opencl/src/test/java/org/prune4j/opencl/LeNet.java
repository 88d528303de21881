package org.prune4j.opencl;

import java.util.List;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.ops.SparseOps;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.SparseWeight;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/**
 * LeNet-5 for 28x28 inputs written directly on the engine's ops (the nn module is
 * built in parallel): conv 1→6 5x5 pad 2, ReLU, max-pool 2, conv 6→16 5x5, ReLU,
 * max-pool 2, then 400→120→84→10 fully connected with ReLU. Trained with plain SGD.
 */
final class LeNet {
    final Tensor c1w = Tensor.zeros(6, 1, 5, 5), c1b = Tensor.zeros(6);
    final Tensor c2w = Tensor.zeros(16, 6, 5, 5), c2b = Tensor.zeros(16);
    final Tensor f1w = Tensor.zeros(120, 400), f1b = Tensor.zeros(120);
    final Tensor f2w = Tensor.zeros(84, 120), f2b = Tensor.zeros(84);
    final Tensor f3w = Tensor.zeros(10, 84), f3b = Tensor.zeros(10);

    LeNet(long seed) {
        Rng rng = new Rng(seed);
        for (Tensor w : List.of(c1w, c2w, f1w, f2w, f3w)) Init.kaimingUniform(w, Init.FanMode.FAN_IN, rng);
        for (Tensor p : parameters()) p.requiresGrad(true);
    }

    List<Tensor> parameters() { return List.of(c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b); }

    Tensor forward(Tensor x) {
        Tensor h = Ops.maxPool2d(Ops.relu(Ops.conv2d(x, c1w, c1b, 1, 2)), 2, 2, 0);
        h = Ops.maxPool2d(Ops.relu(Ops.conv2d(h, c2w, c2b, 1, 0)), 2, 2, 0);
        h = Ops.relu(Ops.linear(h.flatten(), f1w, f1b));
        h = Ops.relu(Ops.linear(h, f2w, f2b));
        return Ops.linear(h, f3w, f3b);
    }

    /** One SGD step on a batch; returns the loss. */
    float step(Tensor x, int[] labels, float lr) {
        for (Tensor p : parameters()) p.zeroGrad();
        Tensor loss = Ops.crossEntropy(forward(x), labels);
        loss.backward();
        for (Tensor p : parameters()) {
            float[] w = p.data(), g = p.gradArray();
            for (int i = 0; i < w.length; i++) w[i] -= lr * g[i];
        }
        return loss.item();
    }

    /**
     * Inference with the weights pruned to the given masks: convolutions through direct
     * sparse conv (CSR), fully connected layers through CSR SpMM, as SparseOps runs them.
     */
    Tensor sparseForward(Tensor x, List<Mask> masks) {
        Tensor[] ws = {c1w, c2w, f1w, f2w, f3w};
        SparseWeight[] sw = new SparseWeight[5];
        for (int i = 0; i < 5; i++) {
            int rows = ws[i].dim(0);
            sw[i] = new SparseWeight(masks.get(i), rows, ws[i].size() / rows);
        }
        int n = x.dim(0);
        ConvGeometry g1 = ConvGeometry.of(n, 1, 28, 28, 6, 5, 1, 2, 1);
        Tensor h = Ops.maxPool2d(SparseOps.conv2d(x, c1w, sw[0], c1b, g1, true, false), 2, 2, 0);
        ConvGeometry g2 = ConvGeometry.of(n, 6, 14, 14, 16, 5, 1, 0, 1);
        h = Ops.maxPool2d(SparseOps.conv2d(h, c2w, sw[1], c2b, g2, true, false), 2, 2, 0);
        h = Ops.relu(SparseOps.linear(h.flatten(), f1w, sw[2], f1b, false));
        h = Ops.relu(SparseOps.linear(h, f2w, sw[3], f2b, false));
        return SparseOps.linear(h, f3w, sw[4], f3b, false);
    }

    /** Masks keeping the weights whose magnitude is above the given quantile of each layer. */
    List<Mask> magnitudeMasks(double sparsity) {
        return List.of(c1w, c2w, f1w, f2w, f3w).stream().map(w -> {
            float[] a = w.data().clone();
            for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i]);
            float[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            float threshold = sorted[(int) Math.min(sorted.length - 1, Math.floor(sparsity * sorted.length))];
            return Mask.fromThreshold(w.shape(), w.data(), threshold);
        }).toList();
    }

    void applyMasks(List<Mask> masks) {
        Tensor[] ws = {c1w, c2w, f1w, f2w, f3w};
        for (int i = 0; i < 5; i++) masks.get(i).applyTo(ws[i].data());
    }
}
