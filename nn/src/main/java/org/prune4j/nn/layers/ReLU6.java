package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** min(max(0, x), 6), elementwise (MobileNet's activation). */
public final class ReLU6 extends Module {
    @Override public Tensor forward(Tensor x) { return Ops.relu6(x); }
}
