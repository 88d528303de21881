package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** max(0, x), elementwise. */
public final class ReLU extends Module {
    @Override public Tensor forward(Tensor x) { return Ops.relu(x); }
}
