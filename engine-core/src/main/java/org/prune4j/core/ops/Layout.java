package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import java.util.Arrays;
import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Ops that move data without arithmetic: permute, transpose, concat, slicing along an axis. */
public final class Layout {
    private Layout() {}

    public static Tensor permute(Tensor x, int... perm) {
        OpSupport.nonNull(x, "permute", "x");
        int r = x.rank();
        if (perm.length != r) throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " has " + perm.length + " axes, tensor " + x.shape() + " has " + r);
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int a = perm[i] < 0 ? perm[i] + r : perm[i];
            if (a < 0 || a >= r || seen[a]) throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation of " + r + " axes");
            seen[a] = true;
            p[i] = a;
        }
        int[] dims = x.dims();
        int[] outDims = new int[r];
        for (int i = 0; i < r; i++) outDims[i] = dims[p[i]];
        Kernels k = k(x.device());
        Tensor out = Tensor.zeros(x.device(), outDims);
        k.permute(dims, p, x.buffer(), out.buffer());
        if (Tensor.recording(x)) {
            int[] inv = inverse(p);
            out.withGradFn(new Node("permute", x) {
                @Override public void backward(float[] g) {
                    float[] dx = newArray(g.length);
                    k.permute(outDims, inv, g, dx);
                    x.accumulateGrad(dx);
                }
            });
        }
        return out;
    }

    public static Tensor transpose(Tensor x, int a, int b) {
        OpSupport.nonNull(x, "transpose", "x");
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int na = x.shape().normalizeAxis(a), nb = x.shape().normalizeAxis(b);
        p[na] = nb;
        p[nb] = na;
        return permute(x, p);
    }

    static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) inv[p[i]] = i;
        return inv;
    }

    static int[] moveAxisToEnd(int rank, int axis) {
        int[] p = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) if (i != axis) p[j++] = i;
        p[rank - 1] = axis;
        return p;
    }

    /** Concatenates tensors along axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("concat: no tensors given");
        Tensor first = OpSupport.nonNull(xs[0], "concat", "tensor 0");
        int a = OpSupport.normalizeAxes(first.shape(), new int[] {axis}, "concat")[0];
        int sum = 0;
        for (int i = 0; i < xs.length; i++) {
            Tensor t = OpSupport.nonNull(xs[i], "concat", "tensor " + i);
            if (t.rank() != first.rank()) throw new IllegalArgumentException("concat: tensor " + i + " has shape " + t.shape() + ", tensor 0 has " + first.shape());
            for (int d = 0; d < t.rank(); d++) {
                if (d != a && t.dim(d) != first.dim(d)) {
                    throw new IllegalArgumentException("concat along axis " + a + ": tensor " + i + " has shape " + t.shape() + ", incompatible with " + first.shape());
                }
            }
            sum += t.dim(a);
        }
        final int total = sum;
        int[] outDims = first.dims();
        outDims[a] = total;
        Shape outShape = Shape.of(outDims);
        int outer = outShape.prod(0, a), inner = outShape.prod(a + 1, outShape.rank());
        Device dev = OpSupport.device("concat", xs);
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, outShape);
        int[] offsets = new int[xs.length];
        int off = 0;
        for (int i = 0; i < xs.length; i++) {
            offsets[i] = off;
            int len = xs[i].dim(a) * inner;
            for (int o = 0; o < outer; o++) k.copy(len, xs[i].buffer(), o * len, out.buffer(), o * total * inner + off * inner);
            off += xs[i].dim(a);
        }
        if (Tensor.recording(xs)) {
            Tensor[] ins = xs.clone();
            out.withGradFn(new Node("concat", ins) {
                @Override public void backward(float[] g) {
                    for (int i = 0; i < ins.length; i++) {
                        if (!ins[i].requiresGrad()) continue;
                        int len = ins[i].dim(a) * inner;
                        float[] d = newArray(ins[i].size());
                        for (int o = 0; o < outer; o++) k.copy(len, g, o * total * inner + offsets[i] * inner, d, o * len);
                        ins[i].accumulateGrad(d);
                    }
                }
            });
        }
        return out;
    }

    /** The slice [start, end) along axis (a copy). */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        OpSupport.nonNull(x, "slice", "x");
        int a = OpSupport.normalizeAxes(x.shape(), new int[] {axis}, "slice")[0];
        int len = x.dim(a);
        if (start < 0 || end > len || start > end) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") out of range for axis " + a + " of size " + len + " in " + x.shape());
        }
        int[] outDims = x.dims();
        outDims[a] = end - start;
        Shape outShape = Shape.of(outDims);
        int outer = x.shape().prod(0, a), inner = x.shape().prod(a + 1, x.rank());
        int w = (end - start) * inner;
        Kernels k = k(x.device());
        Tensor out = Tensor.zeros(x.device(), outShape);
        for (int o = 0; o < outer; o++) k.copy(w, x.buffer(), (o * len + start) * inner, out.buffer(), o * w);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("slice", x) {
                @Override public void backward(float[] g) {
                    float[] d = newArray(x.size());
                    for (int o = 0; o < outer; o++) k.copy(w, g, o * w, d, (o * len + start) * inner);
                    x.accumulateGrad(d);
                }
            });
        }
        return out;
    }
}
