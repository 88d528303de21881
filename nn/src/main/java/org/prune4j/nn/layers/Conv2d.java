package org.prune4j.nn.layers;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * 2-D convolution over NCHW with square kernels, stride, zero padding, dilation and
 * groups (groups == in_channels makes it depthwise). Weight shape
 * [out, in/groups, k, k]; PyTorch's default init. The weight is prunable.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;
    private final SparseExecution execution = new SparseExecution();

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Rng rng) {
        LayerChecks.positive(inChannels, "Conv2d", "in_channels");
        LayerChecks.positive(outChannels, "Conv2d", "out_channels");
        LayerChecks.positive(kernelSize, "Conv2d", "kernel_size");
        LayerChecks.positive(stride, "Conv2d", "stride");
        LayerChecks.nonNegative(padding, "Conv2d", "padding");
        LayerChecks.positive(dilation, "Conv2d", "dilation");
        LayerChecks.positive(groups, "Conv2d", "groups");
        LayerChecks.notNull(rng, "Conv2d", "rng");
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in_channels (" + inChannels + ") and out_channels (" + outChannels
                    + ") must both be divisible by groups (" + groups + ")");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        Tensor w = Tensor.zeros(outChannels, inChannels / groups, kernelSize, kernelSize);
        Init.pytorchDefault(w, rng);
        this.weight = registerParameter("weight", new Parameter(w, true));
        if (bias) {
            Tensor b = Tensor.zeros(outChannels);
            float bound = (float) (1.0 / Math.sqrt(Init.fanIn(w.shape())));
            Init.uniform(b, -bound, bound, rng);
            this.bias = registerParameter("bias", new Parameter(b));
        } else {
            this.bias = null;
        }
    }

    /** Dilation 1, one group. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Rng rng) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, bias, rng);
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("Conv2d(" + inChannels + " -> " + outChannels + ", k=" + kernelSize
                    + "): expected input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        ConvGeometry g = new ConvGeometry(x.dim(0), inChannels, x.dim(2), x.dim(3), outChannels, kernelSize, kernelSize,
                stride, stride, padding, padding, dilation, dilation, groups);
        return execution.conv2d(x, weight, bias == null ? null : bias.tensor(), g);
    }

    public Parameter weight() { return weight; }

    /** The bias, or null when built without one. */
    public Parameter bias() { return bias; }

    public int inChannels() { return inChannels; }

    public int outChannels() { return outChannels; }

    public int kernelSize() { return kernelSize; }

    public int stride() { return stride; }

    public int padding() { return padding; }

    public int dilation() { return dilation; }

    public int groups() { return groups; }
}
