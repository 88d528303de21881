package org.prune4j.nn.models;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BasicBlock;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.Sequential;

/**
 * The CIFAR ResNets of He et al. (2016), depth 6n+2: a 3×3 conv to 16 channels, three
 * stages of n {@link BasicBlock}s at 16, 32 and 64 channels (stride 2 entering stages 2
 * and 3), global average pooling and a Linear head. Shortcuts are option B (1×1 conv + BN
 * projections where the shape changes), which adds 2,752 parameters to the option-A
 * counts: ResNet-20 272,474, ResNet-32 466,906, ResNet-56 855,770 for 3 channels and 10
 * classes. Any input size divisible enough for two stride-2 stages works (32×32 CIFAR,
 * 28×28 Fashion-MNIST with in_channels = 1). Init: Kaiming-normal (fan_in) on conv and
 * Linear weights, as in the widely used reference code; BN 1/0.
 */
public final class ResNetCifar extends Module {
    private final int inChannels;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Sequential layer1;
    private final Sequential layer2;
    private final Sequential layer3;
    private final Linear fc;

    public ResNetCifar(int depth, int inChannels, int numClasses, Rng rng) {
        if (depth < 8 || (depth - 2) % 6 != 0) throw new IllegalArgumentException("ResNetCifar: depth must be 6n+2 with n >= 1 (20, 32, 44, 56, 110), got " + depth);
        if (numClasses <= 0) throw new IllegalArgumentException("ResNetCifar: num_classes must be positive, got " + numClasses);
        int n = (depth - 2) / 6;
        this.inChannels = inChannels;
        conv1 = registerModule("conv1", new Conv2d(inChannels, 16, 3, 1, 1, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(16));
        layer1 = registerModule("layer1", stage(16, 16, n, 1, rng));
        layer2 = registerModule("layer2", stage(16, 32, n, 2, rng));
        layer3 = registerModule("layer3", stage(32, 64, n, 2, rng));
        fc = registerModule("fc", new Linear(64, numClasses, rng));
        WeightInit.kaimingNormalConvs(this, Init.FanMode.FAN_IN, rng);
        WeightInit.kaimingNormalLinears(this, Init.FanMode.FAN_IN, rng);
    }

    private static Sequential stage(int in, int out, int blocks, int stride, Rng rng) {
        Sequential s = new Sequential();
        for (int i = 0; i < blocks; i++) s.add(new BasicBlock(i == 0 ? in : out, out, i == 0 ? stride : 1, rng));
        return s;
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("ResNetCifar: expected input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        Tensor y = bn1.forwardRelu(conv1.forward(x));
        y = layer3.forward(layer2.forward(layer1.forward(y)));
        return fc.forward(Ops.globalAvgPool(y));
    }
}
