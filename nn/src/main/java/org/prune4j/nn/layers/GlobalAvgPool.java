package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** [N, C, H, W] → [N, C]: AdaptiveAvgPool2d(1) and Flatten in one step. */
public final class GlobalAvgPool extends Module {
    @Override public Tensor forward(Tensor x) { return Ops.globalAvgPool(x); }
}
