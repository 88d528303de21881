package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Matrix products: 2-D, batched 3-D (optionally against a shared 2-D right operand), and linear layers. */
public final class MatMul {
    private MatMul() {}

    /** [m,k]@[k,n], [B,m,k]@[B,k,n] or [B,m,k]@[k,n]. */
    public static Tensor matmul(Tensor a, Tensor b) {
        OpSupport.nonNull(a, "matmul", "a");
        OpSupport.nonNull(b, "matmul", "b");
        if (a.rank() == 2 && b.rank() == 2) return batched(a, b, 1, false);
        if (a.rank() == 3 && b.rank() == 3) {
            if (a.dim(0) != b.dim(0)) {
                throw new IllegalArgumentException("matmul: batch sizes differ: " + a.shape() + " @ " + b.shape());
            }
            return batched(a, b, a.dim(0), false);
        }
        if (a.rank() == 3 && b.rank() == 2) return batched(a, b, a.dim(0), true);
        throw new IllegalArgumentException("matmul: supports [m,k]@[k,n], [B,m,k]@[B,k,n] and [B,m,k]@[k,n]; got " + a.shape() + " @ " + b.shape());
    }

    private static Tensor batched(Tensor a, Tensor b, int batch, boolean sharedB) {
        int m = a.dim(-2), kk = a.dim(-1), n = b.dim(-1);
        if (b.dim(-2) != kk) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.shape() + " @ " + b.shape() + " (" + kk + " vs " + b.dim(-2) + ")");
        }
        Shape outShape = a.rank() == 2 ? Shape.of(m, n) : Shape.of(batch, m, n);
        Device dev = OpSupport.device("matmul", a, b);
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, outShape);
        int bStride = sharedB ? 0 : kk * n;
        for (int i = 0; i < batch; i++) {
            k.gemm(false, false, m, n, kk, 1f, a.buffer(), i * m * kk, kk, b.buffer(), i * bStride, n, 0f, out.buffer(), i * m * n, n);
        }
        if (Tensor.recording(a, b)) {
            out.withGradFn(new Node("matmul", a, b) {
                @Override public void backward(float[] g) {
                    if (a.requiresGrad()) {
                        float[] da = newArray(a.size());
                        for (int i = 0; i < batch; i++) {
                            k.gemm(false, true, m, kk, n, 1f, g, i * m * n, n, b.buffer(), i * bStride, n, 0f, da, i * m * kk, kk);
                        }
                        a.accumulateFreshGrad(da);
                    }
                    if (b.requiresGrad()) {
                        float[] db = newArray(b.size());
                        for (int i = 0; i < batch; i++) {
                            // With a shared b, each batch item's contribution accumulates (beta = 1 after the first).
                            k.gemm(true, false, kk, n, m, 1f, a.buffer(), i * m * kk, kk, g, i * m * n, n,
                                    sharedB && i > 0 ? 1f : 0f, db, i * bStride, n);
                        }
                        b.accumulateFreshGrad(db);
                    }
                }
            });
        }
        return out;
    }

    /** y = x·wᵀ + b with x [B, in], w [out, in] (PyTorch's layout), b [out] or null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        OpSupport.requireRank(x, 2, "linear", "input", "[batch, in_features]");
        OpSupport.requireRank(w, 2, "linear", "weight", "[out_features, in_features]");
        int batch = x.dim(0), in = x.dim(1), outF = w.dim(0);
        if (w.dim(1) != in) {
            throw new IllegalArgumentException("linear: input has " + in + " features (shape " + x.shape() + ") but weight expects "
                    + w.dim(1) + " (shape " + w.shape() + ")");
        }
        if (bias != null) OpSupport.requireShape(bias, Shape.of(outF), "linear", "bias");
        Device dev = OpSupport.device("linear", x, w, bias);
        Kernels k = k(dev);
        Tensor out = Tensor.zeros(dev, batch, outF);
        k.gemm(false, true, batch, outF, in, 1f, x.buffer(), 0, in, w.buffer(), 0, in, 0f, out.buffer(), 0, outF);
        if (bias != null) k.biasActivation(batch, outF, 1, out.buffer(), bias.buffer(), false);
        if (Tensor.recording(x, w, bias)) {
            out.withGradFn(new Node("linear", x, w, bias) {
                @Override public void backward(float[] g) {
                    if (x.requiresGrad()) {
                        float[] dx = newArray(x.size());
                        k.gemm(false, false, batch, in, outF, 1f, g, 0, outF, w.buffer(), 0, in, 0f, dx, 0, in);
                        x.accumulateFreshGrad(dx);
                    }
                    if (w.requiresGrad()) {
                        float[] dw = newArray(w.size());
                        k.gemm(true, false, outF, in, batch, 1f, g, 0, outF, x.buffer(), 0, in, 0f, dw, 0, in);
                        w.accumulateFreshGrad(dw);
                    }
                    if (bias != null && bias.requiresGrad()) {
                        float[] db = newArray(outF);
                        k.sumAxis(1, batch, outF, g, db);
                        bias.accumulateFreshGrad(db);
                    }
                }
            });
        }
        return out;
    }
}
