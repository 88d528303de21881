package org.prune4j.nn.layers;

import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * y = x·Wᵀ + b over [N, in_features], with W of shape [out, in] as in PyTorch. Weights
 * start from PyTorch's default (kaiming_uniform a=√5 = U(±1/√fan_in)), the bias from
 * U(±1/√fan_in). The weight is prunable; the bias never is.
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private final SparseExecution execution = new SparseExecution();

    public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng) {
        LayerChecks.positive(inFeatures, "Linear", "in_features");
        LayerChecks.positive(outFeatures, "Linear", "out_features");
        LayerChecks.notNull(rng, "Linear", "rng");
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w = Tensor.zeros(outFeatures, inFeatures);
        Init.pytorchDefault(w, rng);
        this.weight = registerParameter("weight", new Parameter(w, true));
        if (bias) {
            Tensor b = Tensor.zeros(outFeatures);
            float bound = (float) (1.0 / Math.sqrt(inFeatures));
            Init.uniform(b, -bound, bound, rng);
            this.bias = registerParameter("bias", new Parameter(b));
        } else {
            this.bias = null;
        }
    }

    public Linear(int inFeatures, int outFeatures, Rng rng) { this(inFeatures, outFeatures, true, rng); }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + inFeatures + " -> " + outFeatures + "): expected input [N, " + inFeatures + "], got " + x.shape());
        }
        return execution.linear(x, weight, bias == null ? null : bias.tensor());
    }

    public Parameter weight() { return weight; }

    /** The bias, or null when built without one. */
    public Parameter bias() { return bias; }

    public int inFeatures() { return inFeatures; }

    public int outFeatures() { return outFeatures; }
}
