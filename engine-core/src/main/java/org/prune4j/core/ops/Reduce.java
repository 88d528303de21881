package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Sums and means over all elements or over chosen axes. */
public final class Reduce {
    private Reduce() {}

    /** Sum of all elements, as a scalar tensor. */
    public static Tensor sumAll(Tensor x) {
        OpSupport.nonNull(x, "sum", "x");
        Kernels k = k(x.device());
        Tensor out = Tensor.scalar(x.device(), (float) k.sum(x.size(), x.buffer(), 0));
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("sum", x) {
                @Override public void backward(float[] g) {
                    // r[i] = g[0]·1, broadcast on the device (exact, so no host read of g is needed)
                    float[] r = newArray(x.size());
                    k.binaryBroadcast(Binary.MUL, new int[] {x.size()}, g, new int[] {0}, new float[] {1f}, new int[] {0}, r);
                    x.accumulateGrad(r);
                }
            });
        }
        return out;
    }

    public static Tensor meanAll(Tensor x) {
        OpSupport.nonNull(x, "mean", "x");
        if (x.size() == 0) throw new IllegalArgumentException("mean: empty tensor " + x.shape());
        return Elementwise.affine(sumAll(x), 1f / x.size(), 0f);
    }

    /** Sum over the given axes; keepDims keeps them as size 1. */
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        OpSupport.nonNull(x, "sum", "x");
        if (axes.length == 0) throw new IllegalArgumentException("sum: no axes given; use sumAll for a full reduction");
        Shape in = x.shape();
        int[] ax = OpSupport.normalizeAxes(in, axes, "sum");
        int[] cur = in.dims();
        Kernels k = k(x.device());
        float[] acc = x.buffer();
        for (int a : ax) { // at least one axis, so acc ends as a new array
            int outer = 1, inner = 1;
            for (int j = 0; j < a; j++) outer *= cur[j];
            for (int j = a + 1; j < cur.length; j++) inner *= cur[j];
            float[] next = newArray(outer * inner);
            k.sumAxis(outer, cur[a], inner, acc, next);
            acc = next;
            cur[a] = 1;
        }
        Shape kept = Shape.of(cur);
        Shape outShape = keepDims ? kept : dropAxes(in, ax);
        Tensor out = Tensor.wrap(x.device(), acc, outShape);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("sum_axes", x) {
                @Override public void backward(float[] g) {
                    float[] r = newArray(in.size());
                    float[] zeros = new float[1];
                    k.binaryBroadcast(Binary.ADD, in.dims(), g, OpSupport.broadcastStrides(kept, in), zeros, new int[in.rank()], r);
                    x.accumulateGrad(r);
                }
            });
        }
        return out;
    }

    public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
        Tensor s = sum(x, keepDims, axes);
        int count = x.size() / Math.max(1, s.size());
        if (count == 0) throw new IllegalArgumentException("mean: reducing empty axes of " + x.shape());
        return Elementwise.affine(s, 1f / count, 0f);
    }

    private static Shape dropAxes(Shape s, int[] ax) {
        int[] d = new int[s.rank() - ax.length];
        int j = 0;
        outer:
        for (int i = 0; i < s.rank(); i++) {
            for (int a : ax) if (a == i) continue outer;
            d[j++] = s.dim(i);
        }
        return Shape.of(d);
    }
}
