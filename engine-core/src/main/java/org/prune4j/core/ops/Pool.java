package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;

import org.prune4j.core.autograd.Node;
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
        Tensor out = Tensor.zeros(p.batch(), p.channels(), p.outH(), p.outW());
        int[] argmax = new int[p.outputSize()];
        k().maxPool2dForward(p, x.buffer(), out.buffer(), argmax);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("max_pool2d", x) {
                @Override public void backward(float[] g) {
                    float[] dx = new float[x.size()];
                    k().maxPool2dBackward(p, g, argmax, dx);
                    x.accumulateGrad(dx);
                }
            });
        }
        return out;
    }

    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolGeometry p = geometry(x, kernel, stride, pad, "avg_pool2d");
        Tensor out = Tensor.zeros(p.batch(), p.channels(), p.outH(), p.outW());
        k().avgPool2dForward(p, x.buffer(), out.buffer());
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("avg_pool2d", x) {
                @Override public void backward(float[] g) {
                    float[] dx = new float[x.size()];
                    k().avgPool2dBackward(p, g, dx);
                    x.accumulateGrad(dx);
                }
            });
        }
        return out;
    }

    /** [N, C, H, W] -> [N, C] by averaging over H·W (AdaptiveAvgPool2d(1) followed by flatten). */
    public static Tensor globalAvgPool(Tensor x) {
        OpSupport.requireRank(x, 4, "global_avg_pool", "input", "[N, C, H, W]");
        int n = x.dim(0), c = x.dim(1), s = x.dim(2) * x.dim(3);
        Tensor out = Tensor.zeros(n, c);
        k().sumAxis(n * c, s, 1, x.buffer(), out.buffer());
        k().affine(n * c, out.buffer(), 0, 1f / s, 0f, out.buffer(), 0);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("global_avg_pool", x) {
                @Override public void backward(float[] g) {
                    float[] dx = new float[x.size()];
                    float inv = 1f / s;
                    for (int i = 0; i < n * c; i++) java.util.Arrays.fill(dx, i * s, (i + 1) * s, g[i] * inv);
                    x.accumulateGrad(dx);
                }
            });
        }
        return out;
    }
}
