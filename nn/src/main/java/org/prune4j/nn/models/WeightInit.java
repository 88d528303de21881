package org.prune4j.nn.models;

import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;

/**
 * The initialisation schemes the reference implementations of the models apply after
 * construction, in module order so they are reproducible from one seed.
 */
public final class WeightInit {
    private WeightInit() {}

    /** Kaiming-normal (gain √2, given fan mode) on every Conv2d weight; conv biases to 0. */
    public static void kaimingNormalConvs(Module model, Init.FanMode mode, Rng rng) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal(c.weight().tensor(), mode, rng);
                if (c.bias() != null) Init.constant(c.bias().tensor(), 0f);
            }
        }
    }

    /** Kaiming-normal on every Linear weight (biases keep PyTorch's default). */
    public static void kaimingNormalLinears(Module model, Init.FanMode mode, Rng rng) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof Linear l) Init.kaimingNormal(l.weight().tensor(), mode, rng);
        }
    }

    /** N(0, std²) on every Linear weight and zero biases (torchvision's VGG/MobileNet heads). */
    public static void normalLinears(Module model, float std, Rng rng) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof Linear l) {
                Init.normal(l.weight().tensor(), 0f, std, rng);
                if (l.bias() != null) Init.constant(l.bias().tensor(), 0f);
            }
        }
    }

    /** Zero biases on every Linear. */
    public static void zeroLinearBiases(Module model) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof Linear l && l.bias() != null) Init.constant(l.bias().tensor(), 0f);
        }
    }

    /** BatchNorm weight 1 and bias 0 (what the layer starts with; reapplied for clarity after other inits). */
    public static void unitBatchNorms(Module model) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof BatchNorm b) {
                Init.constant(b.weight().tensor(), 1f);
                Init.constant(b.bias().tensor(), 0f);
            }
        }
    }
}
