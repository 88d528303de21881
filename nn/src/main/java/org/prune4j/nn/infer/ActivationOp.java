package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Unary;

/** ReLU or ReLU6 where it could not be fused into the preceding layer. */
public record ActivationOp(Unary op, int[] shape) implements CompiledOp {
    public ActivationOp {
        if (op != Unary.RELU && op != Unary.RELU6) throw new IllegalArgumentException("activation op: only RELU and RELU6, got " + op);
    }

    @Override public int[] inShape() { return shape.clone(); }

    @Override public int[] outShape() { return shape.clone(); }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        float[] y = out.take(x.length);
        k.unary(op, x.length, x, 0, y, 0);
        return y;
    }
}
