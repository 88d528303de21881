package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/** Inverted dropout: in training, zero each element with probability p and scale the rest by 1/(1−p). */
public final class Dropout {
    private Dropout() {}

    public static Tensor dropout(Tensor x, float p, boolean training, Rng rng) {
        OpSupport.nonNull(x, "dropout", "x");
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        if (!training || p == 0f) return x;
        if (rng == null) throw new IllegalArgumentException("dropout: a seeded Rng is required in training");
        float scale = 1f / (1f - p);
        // The keep-scale mask is drawn on the host (the seeded Rng is the source of truth)
        // and multiplied in by the kernels of x's device.
        float[] keep = new float[x.size()];
        for (int i = 0; i < keep.length; i++) keep[i] = rng.uniform() >= p ? scale : 0f;
        Kernels k = k(x.device());
        Tensor out = Tensor.zeros(x.device(), x.shape());
        k.binary(Binary.MUL, keep.length, x.buffer(), 0, keep, 0, out.buffer(), 0);
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("dropout", x) {
                @Override public void backward(float[] g) {
                    float[] dx = newArray(g.length);
                    k.binary(Binary.MUL, g.length, g, 0, keep, 0, dx, 0);
                    x.accumulateFreshGrad(dx);
                }
            });
        }
        return out;
    }
}
