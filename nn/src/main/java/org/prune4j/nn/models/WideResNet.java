package org.prune4j.nn.models;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.layers.WideBasicBlock;

/**
 * WRN-d-k for CIFAR (Zagoruyko and Komodakis 2016): a 3×3 conv to 16 channels, three
 * groups of (d−4)/6 pre-activation {@link WideBasicBlock}s at 16k, 32k, 64k channels,
 * a final BN + ReLU, global average pooling and a Linear head. WRN-28-10 has 36,479,194
 * parameters and WRN-28-8 23,354,842 (10 classes), matching the authors' PyTorch code.
 * Init as there: Kaiming-normal fan_out on convs, BN 1/0, Linear bias 0.
 */
public final class WideResNet extends Module {
    private final int inChannels;
    private final Conv2d conv1;
    private final Sequential block1;
    private final Sequential block2;
    private final Sequential block3;
    private final BatchNorm2d bn1;
    private final Linear fc;

    public WideResNet(int depth, int widen, float dropRate, int inChannels, int numClasses, long seed, Rng rng) {
        if (depth < 10 || (depth - 4) % 6 != 0) throw new IllegalArgumentException("WideResNet: depth must be 6n+4 with n >= 1 (16, 22, 28, 40), got " + depth);
        if (widen <= 0) throw new IllegalArgumentException("WideResNet: widen factor must be positive, got " + widen);
        if (numClasses <= 0) throw new IllegalArgumentException("WideResNet: num_classes must be positive, got " + numClasses);
        int n = (depth - 4) / 6;
        int[] widths = {16, 16 * widen, 32 * widen, 64 * widen};
        this.inChannels = inChannels;
        conv1 = registerModule("conv1", new Conv2d(inChannels, widths[0], 3, 1, 1, false, rng));
        block1 = registerModule("block1", group(widths[0], widths[1], n, 1, dropRate, seed, rng));
        block2 = registerModule("block2", group(widths[1], widths[2], n, 2, dropRate, seed + 100, rng));
        block3 = registerModule("block3", group(widths[2], widths[3], n, 2, dropRate, seed + 200, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(widths[3]));
        fc = registerModule("fc", new Linear(widths[3], numClasses, rng));
        WeightInit.kaimingNormalConvs(this, Init.FanMode.FAN_OUT, rng);
        WeightInit.zeroLinearBiases(this);
    }

    private static Sequential group(int in, int out, int blocks, int stride, float dropRate, long seed, Rng rng) {
        Sequential s = new Sequential();
        for (int i = 0; i < blocks; i++) s.add(new WideBasicBlock(i == 0 ? in : out, out, i == 0 ? stride : 1, dropRate, seed + i, rng));
        return s;
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("WideResNet: expected input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        Tensor y = block3.forward(block2.forward(block1.forward(conv1.forward(x))));
        y = bn1.forwardRelu(y);
        return fc.forward(Ops.globalAvgPool(y));
    }
}
