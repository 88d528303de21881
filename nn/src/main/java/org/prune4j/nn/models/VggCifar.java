package org.prune4j.nn.models;

import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.MaxPool2d;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;

/**
 * VGG with BatchNorm for 32×32 inputs and a single Linear head (the CIFAR form used in
 * pruning papers): {@code features} = [conv3×3 (with bias) → BN → ReLU]… with 2×2
 * max-pools between the five stages, then {@code classifier} = Linear(512, classes).
 * VGG-19-BN with 10 classes has 20,040,522 parameters. Five halvings need 32×32 input.
 * Init as torchvision's VGG: Kaiming-normal fan_out on convs with zero bias, BN 1/0,
 * Linear N(0, 0.01²) with zero bias.
 */
public final class VggCifar extends Module {
    /** Stage layouts: channel counts, 0 = max-pool. */
    public static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    public static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    public static final int[] VGG19 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0};

    private final int inChannels;
    private final Sequential features;
    private final Linear classifier;

    public VggCifar(int[] config, int inChannels, int numClasses, Rng rng) {
        if (config == null || config.length == 0) throw new IllegalArgumentException("VggCifar: config must not be empty");
        if (numClasses <= 0) throw new IllegalArgumentException("VggCifar: num_classes must be positive, got " + numClasses);
        this.inChannels = inChannels;
        Sequential f = new Sequential();
        int in = inChannels;
        for (int v : config) {
            if (v == 0) {
                f.add(new MaxPool2d(2));
            } else {
                f.add(new Conv2d(in, v, 3, 1, 1, true, rng));
                f.add(new BatchNorm2d(v));
                f.add(new ReLU());
                in = v;
            }
        }
        features = registerModule("features", f);
        classifier = registerModule("classifier", new Linear(in, numClasses, rng));
        WeightInit.kaimingNormalConvs(this, Init.FanMode.FAN_OUT, rng);
        WeightInit.normalLinears(this, 0.01f, rng);
    }

    public static VggCifar vgg19bn(int inChannels, int numClasses, Rng rng) { return new VggCifar(VGG19, inChannels, numClasses, rng); }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels || x.dim(2) != 32 || x.dim(3) != 32) {
            throw new IllegalArgumentException("VggCifar: expected input [N, " + inChannels + ", 32, 32] (five 2×2 pools down to 1×1), got " + x.shape());
        }
        return classifier.forward(features.forward(x).flatten());
    }
}
