package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Tensor;

/**
 * w ⊙ m, the weight a pruned layer computes with. The gradient reaching w is masked
 * (g ⊙ m) by default, so pruned weights receive no update; with dense gradients on
 * (FORCE, FGGP, regrowth score pruned weights) the full gradient g flows through.
 */
public final class MaskedWeight {
    private MaskedWeight() {}

    public static Tensor apply(Tensor w, Mask mask, boolean denseGradient) {
        OpSupport.nonNull(w, "masked_weight", "weight");
        if (mask == null) throw new IllegalArgumentException("masked_weight: mask must not be null");
        if (!mask.shape().equals(w.shape())) {
            throw new IllegalArgumentException("masked_weight: mask shape " + mask.shape() + " differs from weight shape " + w.shape());
        }
        float[] m = mask.data();
        Kernels k = k(w.device());
        Tensor out = Tensor.zeros(w.device(), w.shape());
        k.binary(Binary.MUL, w.size(), w.buffer(), 0, m, 0, out.buffer(), 0);
        if (Tensor.recording(w)) {
            out.withGradFn(new Node("masked_weight", w) {
                @Override public void backward(float[] g) {
                    if (denseGradient) {
                        w.accumulateGrad(g);
                        return;
                    }
                    float[] d = newArray(g.length);
                    k.binary(Binary.MUL, g.length, g, 0, m, 0, d, 0);
                    w.accumulateGrad(d);
                }
            });
        }
        return out;
    }
}
