package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;

/** y = x·scale[c] + shift[c]: an eval-mode BatchNorm that no conv precedes (pre-activation blocks). */
public record ChannelAffineOp(String name, int[] shape, float[] scale, float[] shift) implements CompiledOp {
    @Override public int[] inShape() { return shape.clone(); }

    @Override public int[] outShape() { return shape.clone(); }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        int c = shape[0], s = CompiledOp.size(shape) / c;
        float[] y = out.take(x.length);
        for (int n = 0; n < batch; n++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (n * c + ch) * s;
                float a = scale[ch], b = shift[ch];
                for (int j = 0; j < s; j++) y[base + j] = x[base + j] * a + b;
            }
        }
        return y;
    }
}
