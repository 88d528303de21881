package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * The two-3×3-conv residual block of He et al. (2016): relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut x).
 * When the stride or the width changes, the shortcut is a 1×1 conv + BatchNorm projection
 * ({@code downsample.0}, {@code downsample.1}, torchvision's names): option B, the choice
 * of the PyTorch peer script, rather than option A's zero-padded identity.
 */
public final class BasicBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Sequential downsample;

    public BasicBlock(int inChannels, int outChannels, int stride, Rng rng) {
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(outChannels));
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, false, rng));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
        downsample = stride != 1 || inChannels != outChannels
                ? registerModule("downsample", new Sequential(new Conv2d(inChannels, outChannels, 1, stride, 0, false, rng), new BatchNorm2d(outChannels)))
                : null;
    }

    @Override public Tensor forward(Tensor x) {
        Tensor y = bn1.forwardRelu(conv1.forward(x));
        y = bn2.forward(conv2.forward(y));
        return Ops.relu(Ops.add(y, downsample == null ? x : downsample.forward(x)));
    }

    /** The last BatchNorm of the residual branch (zero-init-residual tricks set its weight to 0). */
    public BatchNorm2d lastBatchNorm() { return bn2; }
}
