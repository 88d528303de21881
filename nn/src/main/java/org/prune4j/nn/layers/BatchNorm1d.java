package org.prune4j.nn.layers;

import org.prune4j.core.tensor.Tensor;

/** Batch normalisation over [N, C] or [N, C, L], per feature C. */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int numFeatures) { this(numFeatures, 0.1f, 1e-5f); }

    public BatchNorm1d(int numFeatures, float momentum, float eps) { super("BatchNorm1d", numFeatures, momentum, eps); }

    @Override void checkInput(Tensor x) {
        if (x.rank() != 2 && x.rank() != 3) {
            throw new IllegalArgumentException("BatchNorm1d(" + numFeatures() + "): expected input [N, C] or [N, C, L], got " + x.shape());
        }
    }
}
