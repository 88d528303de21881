package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;

/** [C, H, W] → [C·H·W]: the data is already laid out that way, so only the shape changes. */
public record FlattenOp(int[] shape) implements CompiledOp {
    @Override public int[] inShape() { return shape.clone(); }

    @Override public int[] outShape() { return new int[] {CompiledOp.size(shape)}; }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) { return x; }
}
