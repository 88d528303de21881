package org.prune4j.nn.layers;

import org.prune4j.core.tensor.Tensor;

/** Batch normalisation over [N, C, H, W], per channel. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int numFeatures) { this(numFeatures, 0.1f, 1e-5f); }

    public BatchNorm2d(int numFeatures, float momentum, float eps) { super("BatchNorm2d", numFeatures, momentum, eps); }

    @Override void checkInput(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException("BatchNorm2d(" + numFeatures() + "): expected input [N, C, H, W], got " + x.shape());
    }
}
