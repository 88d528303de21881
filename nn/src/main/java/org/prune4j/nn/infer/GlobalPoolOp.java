package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;

/** Global average pooling [C, H, W] → [C] (or [C, 1, 1] with keepDims). */
public record GlobalPoolOp(int[] shape, boolean keepDims) implements CompiledOp {
    @Override public int[] inShape() { return shape.clone(); }

    @Override public int[] outShape() { return keepDims ? new int[] {shape[0], 1, 1} : new int[] {shape[0]}; }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        int c = shape[0], s = shape[1] * shape[2];
        float[] y = out.take(batch * c);
        k.sumAxis(batch * c, s, 1, x, y);
        k.affine(batch * c, y, 0, 1f / s, 0f, y, 0);
        return y;
    }
}
