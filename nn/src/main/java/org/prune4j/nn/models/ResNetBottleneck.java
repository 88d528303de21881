package org.prune4j.nn.models;

import java.util.Arrays;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Bottleneck;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.Sequential;

/**
 * Bottleneck ResNets (ResNet-50: blocks 3, 4, 6, 3 at widths 64, 128, 256, 512 ×4) with
 * torchvision's layout and names. Two stems: ImageNet (7×7 stride-2 conv + 3×3 stride-2
 * max-pool; ResNet-50 with 1000 classes has 25,557,032 parameters) and CIFAR (3×3 stride-1
 * conv, no pooling, as in the CIFAR ResNet-50 used by FGGP's code; 23,520,842 parameters
 * for 10 classes). Init as torchvision: Kaiming-normal fan_out on convs, BN 1/0, the
 * Linear head at PyTorch's default.
 */
public final class ResNetBottleneck extends Module {
    /** Which input stem: ImageNet's downsampling one or CIFAR's full-resolution one. */
    public enum Stem { IMAGENET, CIFAR }

    private final Stem stem;
    private final int inChannels;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Sequential[] layers;
    private final Linear fc;

    public ResNetBottleneck(int[] blocks, Stem stem, int inChannels, int numClasses, Rng rng) {
        if (blocks == null || blocks.length != 4 || Arrays.stream(blocks).anyMatch(b -> b <= 0)) {
            throw new IllegalArgumentException("ResNetBottleneck: needs 4 positive stage depths, got " + Arrays.toString(blocks));
        }
        if (stem == null) throw new IllegalArgumentException("ResNetBottleneck: stem must not be null");
        if (numClasses <= 0) throw new IllegalArgumentException("ResNetBottleneck: num_classes must be positive, got " + numClasses);
        this.stem = stem;
        this.inChannels = inChannels;
        conv1 = registerModule("conv1", stem == Stem.IMAGENET ? new Conv2d(inChannels, 64, 7, 2, 3, false, rng) : new Conv2d(inChannels, 64, 3, 1, 1, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(64));
        layers = new Sequential[4];
        int in = 64;
        for (int s = 0; s < 4; s++) {
            int planes = 64 << s;
            Sequential seq = new Sequential();
            for (int b = 0; b < blocks[s]; b++) {
                seq.add(new Bottleneck(in, planes, b == 0 && s > 0 ? 2 : 1, rng));
                in = planes * Bottleneck.EXPANSION;
            }
            layers[s] = registerModule("layer" + (s + 1), seq);
        }
        fc = registerModule("fc", new Linear(in, numClasses, rng));
        WeightInit.kaimingNormalConvs(this, Init.FanMode.FAN_OUT, rng);
    }

    public static ResNetBottleneck resnet50(Stem stem, int inChannels, int numClasses, Rng rng) {
        return new ResNetBottleneck(new int[] {3, 4, 6, 3}, stem, inChannels, numClasses, rng);
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("ResNetBottleneck: expected input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        Tensor y = bn1.forwardRelu(conv1.forward(x));
        if (stem == Stem.IMAGENET) y = Ops.maxPool2d(y, 3, 2, 1);
        for (Sequential l : layers) y = l.forward(y);
        return fc.forward(Ops.globalAvgPool(y));
    }

    public Stem stem() { return stem; }
}
