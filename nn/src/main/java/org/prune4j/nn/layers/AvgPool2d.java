package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** Average pooling over NCHW with a square window. */
public final class AvgPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;

    public AvgPool2d(int kernelSize, int stride, int padding) {
        LayerChecks.positive(kernelSize, "AvgPool2d", "kernel_size");
        LayerChecks.positive(stride, "AvgPool2d", "stride");
        LayerChecks.nonNegative(padding, "AvgPool2d", "padding");
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride equal to the window, no padding (PyTorch's default). */
    public AvgPool2d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    @Override public Tensor forward(Tensor x) { return Ops.avgPool2d(x, kernelSize, stride, padding); }

    public int kernelSize() { return kernelSize; }

    public int stride() { return stride; }

    public int padding() { return padding; }
}
