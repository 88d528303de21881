package org.prune4j.core.kernels;

/**
 * The full geometry of one 2-D convolution over NCHW input with weight
 * [outChannels, inChannels/groups, kernelH, kernelW]. Validated on construction so
 * kernels can trust every field.
 */
public record ConvGeometry(int batch, int inChannels, int inH, int inW,
                           int outChannels, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW,
                           int dilationH, int dilationW, int groups) {

    public ConvGeometry {
        if (batch < 0 || inChannels <= 0 || inH <= 0 || inW <= 0 || outChannels <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("conv2d: sizes must be positive, got " + describe(batch, inChannels, inH, inW, outChannels, kernelH, kernelW));
        }
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: stride and dilation must be >= 1 and padding >= 0, got stride=("
                    + strideH + "," + strideW + ") padding=(" + padH + "," + padW + ") dilation=(" + dilationH + "," + dilationW + ")");
        }
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups=" + groups + " must divide in_channels=" + inChannels + " and out_channels=" + outChannels);
        }
        int oh = (inH + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
        int ow = (inW + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
        if (inH + 2 * padH < dilationH * (kernelH - 1) + 1 || inW + 2 * padW < dilationW * (kernelW - 1) + 1 || oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv2d: kernel " + kernelH + "x" + kernelW + " (dilation " + dilationH + "x" + dilationW
                    + ") does not fit input " + inH + "x" + inW + " with padding " + padH + "x" + padW);
        }
    }

    private static String describe(int n, int c, int h, int w, int oc, int kh, int kw) {
        return "input [" + n + "," + c + "," + h + "," + w + "], out_channels " + oc + ", kernel " + kh + "x" + kw;
    }

    /** Square kernel, stride, padding; dilation 1. */
    public static ConvGeometry of(int batch, int inChannels, int inH, int inW, int outChannels, int kernel, int stride, int pad, int groups) {
        return new ConvGeometry(batch, inChannels, inH, inW, outChannels, kernel, kernel, stride, stride, pad, pad, 1, 1, groups);
    }

    public int outH() { return (inH + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1; }
    public int outW() { return (inW + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1; }
    public int inChannelsPerGroup() { return inChannels / groups; }
    public int outChannelsPerGroup() { return outChannels / groups; }
    /** Columns of the weight viewed as a matrix: (Cin/groups)·kh·kw. */
    public int patchSize() { return inChannelsPerGroup() * kernelH * kernelW; }
    public int inputSize() { return batch * inChannels * inH * inW; }
    public int outputSize() { return batch * outChannels * outH() * outW(); }
    public int weightSize() { return outChannels * patchSize(); }
    public boolean isDepthwise() { return groups == inChannels && groups == outChannels; }
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0 && groups == 1;
    }
    /** Dense multiply-adds of the forward pass. */
    public long macs() { return (long) batch * outChannels * outH() * outW() * patchSize(); }
    /**
     * The convolution whose forward is this one's input gradient, for a stride-1, undilated, one-group layer: dY's
     * Cout channels in, Cin out, padding k − 1 − p, so its output planes are this layer's input planes. Its weights
     * are this layer's transposed (Cout ↔ Cin) with the taps flipped.
     */
    public ConvGeometry adjoint() {
        if (strideH != 1 || strideW != 1 || dilationH != 1 || dilationW != 1 || groups != 1
                || padH > kernelH - 1 || padW > kernelW - 1) {
            throw new IllegalArgumentException("conv2d: the input gradient is a plain convolution only for stride 1, dilation 1,"
                    + " one group and padding below the kernel; got " + this);
        }
        return new ConvGeometry(batch, outChannels, outH(), outW(), inChannels, kernelH, kernelW, 1, 1,
                kernelH - 1 - padH, kernelW - 1 - padW, 1, 1, 1);
    }

    public ConvGeometry withBatch(int n) {
        return new ConvGeometry(n, inChannels, inH, inW, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups);
    }
}
