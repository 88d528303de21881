package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * ResNet's 1×1 → 3×3 → 1×1 bottleneck with expansion 4, stride on the 3×3 conv
 * (torchvision's "ResNet v1.5"), and a 1×1 conv + BatchNorm projection shortcut
 * ({@code downsample}) when the stride or width changes.
 */
public final class Bottleneck extends Module {
    public static final int EXPANSION = 4;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final BatchNorm2d bn3;
    private final Sequential downsample;

    /** planes is the inner width; the block outputs planes·4 channels. */
    public Bottleneck(int inChannels, int planes, int stride, Rng rng) {
        int out = planes * EXPANSION;
        conv1 = registerModule("conv1", new Conv2d(inChannels, planes, 1, 1, 0, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(planes));
        conv2 = registerModule("conv2", new Conv2d(planes, planes, 3, stride, 1, false, rng));
        bn2 = registerModule("bn2", new BatchNorm2d(planes));
        conv3 = registerModule("conv3", new Conv2d(planes, out, 1, 1, 0, false, rng));
        bn3 = registerModule("bn3", new BatchNorm2d(out));
        downsample = stride != 1 || inChannels != out
                ? registerModule("downsample", new Sequential(new Conv2d(inChannels, out, 1, stride, 0, false, rng), new BatchNorm2d(out)))
                : null;
    }

    @Override public Tensor forward(Tensor x) {
        Tensor y = bn1.forwardRelu(conv1.forward(x));
        y = bn2.forwardRelu(conv2.forward(y));
        y = bn3.forward(conv3.forward(y));
        return Ops.relu(Ops.add(y, downsample == null ? x : downsample.forward(x)));
    }

    public BatchNorm2d lastBatchNorm() { return bn3; }
}
