package org.prune4j.nn.layers;

import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** [N, ...] → [N, rest] (PyTorch's Flatten with start_dim=1). */
public final class Flatten extends Module {
    @Override public Tensor forward(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Flatten: expected input [N, ...], got a scalar");
        return x.rank() == 2 ? x : x.flatten();
    }
}
