package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.tensor.Tensor;

/** Max, average and global-average pooling over NCHW. */
public final class Pool {
    private Pool() {}

    private static PoolGeometry geometry(Tensor x, int kernel, int stride, int pad, String op) {
        OpSupport.requireRank(x, 4, op, "input", "[N, C, H, W]");
        return PoolGeometry.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernel, stride, pad);
    }

    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolGeometry p = geometry(x, kernel, stride, pad, "max_pool2d");
        Device dev = x.device();
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, p.batch(), p.channels(), p.outH(), p.outW());
        int[] argmax = HostAccess.newIndexStorage(p.outputSize()); // only the backward kernel reads it
        k.maxPool2dForward(p, x.buffer(), out.buffer(), argmax);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("max_pool2d", x) {
                @Override public void backward(float[] g) {
                    float[] dx = newArray(x.size());
                    k.maxPool2dBackward(p, g, argmax, dx);
                    x.accumulateFreshGrad(dx);
                }
            });
        }
        return out;
    }

    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolGeometry p = geometry(x, kernel, stride, pad, "avg_pool2d");
        Device dev = x.device();
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, p.batch(), p.channels(), p.outH(), p.outW());
        k.avgPool2dForward(p, x.buffer(), out.buffer());
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("avg_pool2d", x) {
                @Override public void backward(float[] g) {
                    float[] dx = newArray(x.size());
                    k.avgPool2dBackward(p, g, dx);
                    x.accumulateFreshGrad(dx);
                }
            });
        }
        return out;
    }

    /** [N, C, H, W] -> [N, C] by averaging over H·W (AdaptiveAvgPool2d(1) followed by flatten). */
    public static Tensor globalAvgPool(Tensor x) {
        OpSupport.requireRank(x, 4, "global_avg_pool", "input", "[N, C, H, W]");
        int n = x.dim(0), c = x.dim(1), s = x.dim(2) * x.dim(3);
        Device dev = x.device();
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, n, c);
        k.sumAxis(n * c, s, 1, x.buffer(), out.buffer());
        k.affine(n * c, out.buffer(), 0, 1f / s, 0f, out.buffer(), 0);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("global_avg_pool", x) {
                @Override public void backward(float[] g) {
                    // dx[i, j] = g[i] · (1/s): g broadcast along the spatial axis
                    float[] dx = newArray(x.size());
                    k.binaryBroadcast(Binary.MUL, new int[] {n * c, s}, g, new int[] {1, 0}, new float[] {1f / s}, new int[] {0, 0}, dx);
                    x.accumulateFreshGrad(dx);
                }
            });
        }
        return out;
    }
}
