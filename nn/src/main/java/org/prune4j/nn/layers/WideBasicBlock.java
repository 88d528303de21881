package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * The pre-activation block of Wide ResNets (Zagoruyko and Komodakis 2016):
 * bn1 → relu → conv1 (3×3, stride) → bn2 → relu → dropout → conv2 (3×3), added to the
 * input, or, when the width changes, to a 1×1 conv ({@code conv_shortcut}, no BatchNorm,
 * as in the authors' code) of the pre-activated input.
 */
public final class WideBasicBlock extends Module {
    private final BatchNorm2d bn1;
    private final Conv2d conv1;
    private final BatchNorm2d bn2;
    private final Dropout dropout;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    public WideBasicBlock(int inChannels, int outChannels, int stride, float dropRate, long dropoutSeed, Rng rng) {
        bn1 = registerModule("bn1", new BatchNorm2d(inChannels));
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, false, rng));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
        dropout = dropRate > 0f ? registerModule("dropout", new Dropout(dropRate, dropoutSeed)) : null;
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, false, rng));
        boolean sameShape = inChannels == outChannels && stride == 1;
        shortcut = sameShape ? null : registerModule("conv_shortcut", new Conv2d(inChannels, outChannels, 1, stride, 0, false, rng));
    }

    @Override public Tensor forward(Tensor x) {
        Tensor pre = bn1.forwardRelu(x);
        Tensor y = bn2.forwardRelu(conv1.forward(pre));
        if (dropout != null) y = dropout.forward(y);
        y = conv2.forward(y);
        return Ops.add(y, shortcut == null ? x : shortcut.forward(pre));
    }
}
