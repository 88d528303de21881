package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.host;
import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;
import static org.prune4j.core.ops.OpSupport.newResult;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Pointwise ops: broadcasting binary arithmetic, scalar affine maps and unary functions, each with its backward. */
public final class Elementwise {
    private Elementwise() {}

    public static Tensor binary(Binary op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        OpSupport.nonNull(a, name, "a");
        OpSupport.nonNull(b, name, "b");
        Device dev = OpSupport.device(name, a, b);
        Kernels k = k(dev);
        Shape outShape = OpSupport.broadcast(a.shape(), b.shape(), name);
        Tensor out = Tensor.result(dev, outShape);
        boolean same = a.shape().equals(b.shape());
        int[] as = same ? null : OpSupport.broadcastStrides(a.shape(), outShape);
        int[] bs = same ? null : OpSupport.broadcastStrides(b.shape(), outShape);
        if (same) {
            k.binary(op, out.size(), a.buffer(), 0, b.buffer(), 0, out.buffer(), 0);
        } else {
            k.binaryBroadcast(op, outShape.dims(), a.buffer(), as, b.buffer(), bs, out.buffer());
        }
        if (Tensor.recording(a, b)) {
            out.withGradFn(new Node(name, a, b) {
                @Override public void backward(float[] g) {
                    // A sum's gradient is g itself: accumulateGrad copies it once (or adds it in place) where a copy
                    // of g handed to accumulateGrad was copied twice, two new activation-sized arrays per residual add.
                    // And when g is the output's own gradient, which the sweep drops right after this node (it is not
                    // retained), a left side that is a different tensor from the right takes g over, without a copy.
                    boolean aIsG = (op == Binary.ADD || op == Binary.SUB) && a.shape().equals(outShape);
                    boolean bIsG = op == Binary.ADD && b.shape().equals(outShape);
                    boolean handOver = aIsG && a != b && g == out.gradBuffer() && !out.retainsGrad();
                    if (a.requiresGrad()) {
                        if (handOver) a.takeOverGrad(g);
                        else a.accumulateGrad(aIsG ? g : OpSupport.reduceToShape(k, gradA(k, op, g, a, b, outShape, as, bs), outShape, a.shape()));
                    }
                    if (b.requiresGrad()) {
                        b.accumulateGrad(bIsG ? g : OpSupport.reduceToShape(k, gradB(k, op, g, a, b, outShape, as, bs), outShape, b.shape()));
                    }
                }
            });
        }
        return out;
    }

    /** t read at the output's positions (t's own buffer when no broadcast), as a kernel buffer. */
    private static float[] expand(Kernels k, Tensor t, Shape outShape, int[] strides) {
        if (strides == null) return t.buffer();
        float[] out = newArray(outShape.size());
        float[] zeros = new float[1];
        k.binaryBroadcast(Binary.ADD, outShape.dims(), t.buffer(), strides, zeros, new int[outShape.rank()], out);
        return out;
    }

    private static float[] gradA(Kernels k, Binary op, float[] g, Tensor a, Tensor b, Shape s, int[] as, int[] bs) {
        int n = g.length;
        float[] r = newArray(n);
        switch (op) {
            case ADD, SUB -> k.copy(n, g, 0, r, 0);
            case MUL -> k.binary(Binary.MUL, n, g, 0, expand(k, b, s, bs), 0, r, 0);
            case DIV -> k.binary(Binary.DIV, n, g, 0, expand(k, b, s, bs), 0, r, 0);
            case MAX, MIN -> {
                // No compare kernel in the SPI: this one runs on the host (correct on a device, not fast).
                float[] ea = host(expand(k, a, s, as)), eb = host(expand(k, b, s, bs)), gh = host(g);
                // On ties the whole gradient goes to a (deterministic; PyTorch splits it evenly).
                for (int i = 0; i < n; i++) r[i] = (op == Binary.MAX ? ea[i] >= eb[i] : ea[i] <= eb[i]) ? gh[i] : 0f;
            }
        }
        return r;
    }

    private static float[] gradB(Kernels k, Binary op, float[] g, Tensor a, Tensor b, Shape s, int[] as, int[] bs) {
        int n = g.length;
        float[] r = newArray(n);
        switch (op) {
            case ADD -> k.copy(n, g, 0, r, 0);
            case SUB -> k.affine(n, g, 0, -1f, 0f, r, 0);
            case MUL -> k.binary(Binary.MUL, n, g, 0, expand(k, a, s, as), 0, r, 0);
            case DIV -> {
                // −g·a / b², rounded as ((−g)·a) / (b·b)
                float[] bb = newArray(n), eb = expand(k, b, s, bs);
                k.binary(Binary.MUL, n, eb, 0, eb, 0, bb, 0);
                k.affine(n, g, 0, -1f, 0f, r, 0);
                k.binary(Binary.MUL, n, r, 0, expand(k, a, s, as), 0, r, 0);
                k.binary(Binary.DIV, n, r, 0, bb, 0, r, 0);
            }
            case MAX, MIN -> {
                float[] ea = host(expand(k, a, s, as)), eb = host(expand(k, b, s, bs)), gh = host(g);
                for (int i = 0; i < n; i++) r[i] = (op == Binary.MAX ? ea[i] >= eb[i] : ea[i] <= eb[i]) ? 0f : gh[i];
            }
        }
        return r;
    }

    /** y = alpha·x + beta. */
    public static Tensor affine(Tensor x, float alpha, float beta) {
        OpSupport.nonNull(x, "affine", "x");
        Device dev = x.device();
        Kernels k = k(dev);
        Tensor out = Tensor.result(dev, x.shape());
        k.affine(x.size(), x.buffer(), 0, alpha, beta, out.buffer(), 0);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("affine", x) {
                @Override public void backward(float[] g) {
                    float[] r = newResult(g.length);
                    k.affine(g.length, g, 0, alpha, 0f, r, 0);
                    x.accumulateFreshGrad(r);
                }
            });
        }
        return out;
    }

    public static Tensor unary(Unary op, Tensor x) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        OpSupport.nonNull(x, name, "x");
        Device dev = x.device();
        Kernels k = k(dev);
        Tensor out = Tensor.result(dev, x.shape());
        k.unary(op, x.size(), x.buffer(), 0, out.buffer(), 0);
        if (Tensor.recording(x)) {
            float[] xs = x.buffer(), ys = out.buffer(); // only the backward kernel reads them
            out.withGradFn(new Node(name, x) {
                @Override public void backward(float[] g) {
                    float[] r = newResult(g.length);
                    k.unaryBackward(op, g.length, xs, ys, g, r);
                    x.accumulateFreshGrad(r);
                }
            });
        }
        return out;
    }
}
