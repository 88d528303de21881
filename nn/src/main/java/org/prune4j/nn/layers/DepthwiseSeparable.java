package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * MobileNet-V1's building block: a 3×3 depthwise conv (groups = channels, carrying the
 * stride) → BN → ReLU, then a 1×1 pointwise conv → BN → ReLU. No conv biases.
 */
public final class DepthwiseSeparable extends Module {
    private final Conv2d depthwise;
    private final BatchNorm2d bn1;
    private final Conv2d pointwise;
    private final BatchNorm2d bn2;

    public DepthwiseSeparable(int inChannels, int outChannels, int stride, Rng rng) {
        depthwise = registerModule("depthwise", new Conv2d(inChannels, inChannels, 3, stride, 1, 1, inChannels, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(inChannels));
        pointwise = registerModule("pointwise", new Conv2d(inChannels, outChannels, 1, 1, 0, false, rng));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
    }

    @Override public Tensor forward(Tensor x) {
        Tensor y = bn1.forwardRelu(depthwise.forward(x));
        return bn2.forwardRelu(pointwise.forward(y));
    }
}
