package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;
import static org.prune4j.core.ops.OpSupport.newResult;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** 2-D convolution over NCHW with stride, padding, dilation and groups (depthwise when groups = channels). */
public final class Conv2d {
    private Conv2d() {}

    /** The geometry for x [N,C,H,W] and w [Cout, C/groups, kh, kw], with clear errors for mismatches. */
    public static ConvGeometry geometry(Tensor x, Tensor w, int strideH, int strideW, int padH, int padW,
                                        int dilationH, int dilationW, int groups) {
        OpSupport.requireRank(x, 4, "conv2d", "input", "[N, C, H, W]");
        OpSupport.requireRank(w, 4, "conv2d", "weight", "[out_channels, in_channels/groups, kH, kW]");
        if (groups <= 0) throw new IllegalArgumentException("conv2d: groups must be >= 1, got " + groups);
        if (x.dim(1) % groups != 0 || w.dim(0) % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups=" + groups + " must divide input channels " + x.dim(1)
                    + " and output channels " + w.dim(0));
        }
        if (w.dim(1) * groups != x.dim(1)) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " has " + x.dim(1) + " channels but weight " + w.shape()
                    + " with groups=" + groups + " expects " + w.dim(1) * groups);
        }
        return new ConvGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3),
                strideH, strideW, padH, padW, dilationH, dilationW, groups);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int pad, int dilation, int groups) {
        return conv2d(x, w, bias, geometry(x, w, stride, stride, pad, pad, dilation, dilation, groups));
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g) {
        OpSupport.requireConvOperands(x, w, g, "conv2d");
        if (bias != null) OpSupport.requireShape(bias, Shape.of(g.outChannels()), "conv2d", "bias");
        Device dev = OpSupport.device("conv2d", x, w, bias);
        Kernels k = k(dev);
        Tensor out = Tensor.result(dev, g.batch(), g.outChannels(), g.outH(), g.outW());
        k.conv2dForward(g, x.buffer(), w.buffer(), bias == null ? null : bias.buffer(), out.buffer());
        if (Tensor.recording(x, w, bias)) {
            out.withGradFn(new Node("conv2d", x, w, bias) {
                @Override public void backward(float[] gy) {
                    if (x.requiresGrad()) {
                        float[] dx = newResult(x.size());
                        k.conv2dBackwardData(g, gy, w.buffer(), dx);
                        x.accumulateFreshGrad(dx);
                    }
                    if (w.requiresGrad()) {
                        float[] dw = newResult(w.size());
                        k.conv2dBackwardWeight(g, x.buffer(), gy, dw);
                        w.accumulateFreshGrad(dw);
                    }
                    if (bias != null && bias.requiresGrad()) bias.accumulateFreshGrad(channelSums(k, gy, g.batch(), g.outChannels(), g.outH() * g.outW()));
                }
            });
        }
        return out;
    }

    /** Σ over N and spatial positions of a [N, C, S] array: the gradient of a per-channel bias. */
    static float[] channelSums(Kernels k, float[] gy, int n, int c, int s) {
        float[] perImage = newArray(n * c);
        k.sumAxis(n * c, s, 1, gy, perImage);
        float[] db = newArray(c);
        k.sumAxis(1, n, c, perImage, db);
        return db;
    }
}
