package org.prune4j.nn.models;

import java.util.Arrays;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;

/**
 * A multilayer perceptron: Linear layers of the given widths with ReLU between them
 * (none after the last), stored as {@code layers.0}, {@code layers.1} (ReLU), {@code layers.2}, ...
 * Inputs of rank > 2 are flattened first, so it takes images as well as feature vectors.
 */
public final class Mlp extends Module {
    private final int inFeatures;
    private final Sequential layers;

    /** widths = {in, hidden..., out}; at least two entries. */
    public Mlp(Rng rng, int... widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("Mlp: needs at least an input and an output width, got " + Arrays.toString(widths));
        }
        this.inFeatures = widths[0];
        Sequential seq = new Sequential();
        for (int i = 0; i + 1 < widths.length; i++) {
            seq.add(new Linear(widths[i], widths[i + 1], rng));
            if (i + 2 < widths.length) seq.add(new ReLU());
        }
        this.layers = registerModule("layers", seq);
    }

    @Override public Tensor forward(Tensor x) {
        Tensor flat = x.rank() > 2 ? x.flatten() : x;
        if (flat.rank() != 2 || flat.dim(1) != inFeatures) {
            throw new IllegalArgumentException("Mlp: expected input with " + inFeatures + " features per sample, got " + x.shape());
        }
        return layers.forward(flat);
    }
}
