package org.prune4j.core.ops;

import org.prune4j.core.autograd.Node;
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
        float[] keep = new float[x.size()];
        for (int i = 0; i < keep.length; i++) keep[i] = rng.uniform() >= p ? scale : 0f;
        Tensor out = Tensor.zeros(x.shape());
        float[] xd = x.data(), od = out.data();
        for (int i = 0; i < keep.length; i++) od[i] = xd[i] * keep[i];
        if (Tensor.recording(x)) {
            out.withGradFn(new Node("dropout", x) {
                @Override public void backward(float[] g) {
                    float[] dx = new float[g.length];
                    for (int i = 0; i < g.length; i++) dx[i] = g[i] * keep[i];
                    x.accumulateGrad(dx);
                }
            });
        }
        return out;
    }
}
