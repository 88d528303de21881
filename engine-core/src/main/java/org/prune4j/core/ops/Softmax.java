package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Tensor;

/** Softmax and log-softmax along one axis (moved to the end and back when it is not the last). */
public final class Softmax {
    private Softmax() {}

    public static Tensor softmax(Tensor x, int axis) { return apply(x, axis, false); }

    public static Tensor logSoftmax(Tensor x, int axis) { return apply(x, axis, true); }

    private static Tensor apply(Tensor x, int axis, boolean log) {
        String name = log ? "log_softmax" : "softmax";
        OpSupport.nonNull(x, name, "x");
        if (x.rank() == 0) throw new IllegalArgumentException(name + ": needs rank >= 1, got a scalar");
        int a = OpSupport.normalizeAxes(x.shape(), new int[] {axis}, name)[0];
        if (a != x.rank() - 1) {
            int[] perm = Layout.moveAxisToEnd(x.rank(), a);
            Tensor moved = apply(Layout.permute(x, perm), -1, log);
            return Layout.permute(moved, Layout.inverse(perm));
        }
        int cols = x.dim(-1), rows = x.size() / Math.max(1, cols);
        Kernels k = k(x.device());
        Tensor out = Tensor.zeros(x.device(), x.shape());
        if (log) k.logSoftmax(rows, cols, x.buffer(), out.buffer());
        else k.softmax(rows, cols, x.buffer(), out.buffer());
        if (Tensor.recording(x)) {
            float[] y = out.buffer(); // only the backward kernel reads it
            out.withGradFn(new Node(name, x) {
                @Override public void backward(float[] g) {
                    float[] dx = newArray(g.length);
                    if (log) k.logSoftmaxBackward(rows, cols, y, g, dx);
                    else k.softmaxBackward(rows, cols, y, g, dx);
                    x.accumulateFreshGrad(dx);
                }
            });
        }
        return out;
    }
}
