package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * PyTorch's AdaptiveAvgPool2d for output size 1: [N, C, H, W] → [N, C, 1, 1]. That is
 * the only output size the models here use; other sizes are rejected rather than
 * approximated.
 */
public final class AdaptiveAvgPool2d extends Module {
    public AdaptiveAvgPool2d(int outputSize) {
        if (outputSize != 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: only output size 1 is supported, got " + outputSize
                    + "; use AvgPool2d with an explicit window for other sizes");
        }
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException("AdaptiveAvgPool2d: expected input [N, C, H, W], got " + x.shape());
        return Ops.globalAvgPool(x).reshape(x.dim(0), x.dim(1), 1, 1);
    }
}
