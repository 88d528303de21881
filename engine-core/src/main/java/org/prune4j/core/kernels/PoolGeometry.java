package org.prune4j.core.kernels;

/**
 * Geometry of a 2-D pooling window over NCHW input. Average pooling counts padded
 * positions in the divisor (PyTorch's count_include_pad=True default).
 */
public record PoolGeometry(int batch, int channels, int inH, int inW,
                           int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
    public PoolGeometry {
        if (batch < 0 || channels <= 0 || inH <= 0 || inW <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("pool2d: sizes, kernel and stride must be positive, got input [" + batch + "," + channels
                    + "," + inH + "," + inW + "] kernel " + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW);
        }
        if (padH < 0 || padW < 0 || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("pool2d: padding (" + padH + "," + padW + ") must be between 0 and half the kernel " + kernelH + "x" + kernelW);
        }
        if (inH + 2 * padH < kernelH || inW + 2 * padW < kernelW) {
            throw new IllegalArgumentException("pool2d: kernel " + kernelH + "x" + kernelW + " larger than padded input " + inH + "x" + inW);
        }
    }

    public static PoolGeometry of(int batch, int channels, int inH, int inW, int kernel, int stride, int pad) {
        return new PoolGeometry(batch, channels, inH, inW, kernel, kernel, stride, stride, pad, pad);
    }

    public int outH() { return (inH + 2 * padH - kernelH) / strideH + 1; }
    public int outW() { return (inW + 2 * padW - kernelW) / strideW + 1; }
    public int inputSize() { return batch * channels * inH * inW; }
    public int outputSize() { return batch * channels * outH() * outW(); }
}
