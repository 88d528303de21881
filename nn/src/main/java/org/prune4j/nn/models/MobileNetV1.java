package org.prune4j.nn.models;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.DepthwiseSeparable;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.Sequential;

/**
 * MobileNet-V1 (Howard et al. 2017): a 3×3 conv to 32 channels, thirteen
 * {@link DepthwiseSeparable} blocks up to 1024 channels, global average pooling and a
 * Linear head; ReLU activations, no conv biases. Channel counts scale by the width
 * multiplier α (floor(c·α), at least 1). The ImageNet form (stride-2 stem, 224×224) with
 * α = 1 and 1000 classes has 4,231,976 parameters; the 32×32 form uses a stride-1 stem
 * (3,217,226 parameters at α = 1, 10 classes) and also takes 28×28 inputs. Init:
 * Kaiming-normal fan_out on convs, BN 1/0, Linear N(0, 0.01²) with zero bias.
 */
public final class MobileNetV1 extends Module {
    private static final int[][] BLOCKS = {
        {32, 64, 1}, {64, 128, 2}, {128, 128, 1}, {128, 256, 2}, {256, 256, 1}, {256, 512, 2},
        {512, 512, 1}, {512, 512, 1}, {512, 512, 1}, {512, 512, 1}, {512, 512, 1}, {512, 1024, 2}, {1024, 1024, 1}};

    private final int inChannels;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Sequential layers;
    private final Linear fc;

    /** imagenetStem: stride-2 stem for 224×224; otherwise stride 1 for 32×32. */
    public MobileNetV1(boolean imagenetStem, float widthMultiplier, int inChannels, int numClasses, Rng rng) {
        if (!(widthMultiplier > 0f) || Float.isInfinite(widthMultiplier)) {
            throw new IllegalArgumentException("MobileNetV1: width multiplier must be positive, got " + widthMultiplier);
        }
        if (numClasses <= 0) throw new IllegalArgumentException("MobileNetV1: num_classes must be positive, got " + numClasses);
        this.inChannels = inChannels;
        int stem = scale(32, widthMultiplier);
        conv1 = registerModule("conv1", new Conv2d(inChannels, stem, 3, imagenetStem ? 2 : 1, 1, false, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(stem));
        Sequential s = new Sequential();
        for (int[] b : BLOCKS) s.add(new DepthwiseSeparable(scale(b[0], widthMultiplier), scale(b[1], widthMultiplier), b[2], rng));
        layers = registerModule("layers", s);
        fc = registerModule("fc", new Linear(scale(1024, widthMultiplier), numClasses, rng));
        WeightInit.kaimingNormalConvs(this, Init.FanMode.FAN_OUT, rng);
        WeightInit.normalLinears(this, 0.01f, rng);
    }

    private static int scale(int channels, float alpha) { return Math.max(1, (int) (channels * alpha)); }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("MobileNetV1: expected input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        Tensor y = layers.forward(bn1.forwardRelu(conv1.forward(x)));
        return fc.forward(Ops.globalAvgPool(y));
    }
}
