package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** Max pooling over NCHW with a square window. */
public final class MaxPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;

    public MaxPool2d(int kernelSize, int stride, int padding) {
        LayerChecks.positive(kernelSize, "MaxPool2d", "kernel_size");
        LayerChecks.positive(stride, "MaxPool2d", "stride");
        LayerChecks.nonNegative(padding, "MaxPool2d", "padding");
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride equal to the window, no padding (PyTorch's default). */
    public MaxPool2d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    @Override public Tensor forward(Tensor x) { return Ops.maxPool2d(x, kernelSize, stride, padding); }

    public int kernelSize() { return kernelSize; }

    public int stride() { return stride; }

    public int padding() { return padding; }
}
