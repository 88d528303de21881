package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.layers.Conv2d;

/**
 * The weights a method prunes: every parameter marked prunable (Conv2d and Linear
 * weights, FastGRNN matrices), in state-dict order, optionally without the first conv
 * (FGGP's default leaves the stem dense).
 */
public final class PrunableWeights {
    private PrunableWeights() {}

    /** Every prunable weight of model. */
    public static List<PrunableLayer> of(Module model) {
        return of(model, true);
    }

    /** Every prunable weight; without the first Conv2d's weight when includeFirstConv is false. */
    public static List<PrunableLayer> of(Module model, boolean includeFirstConv) {
        if (model == null) throw new IllegalArgumentException("prunable weights: model must not be null");
        Parameter firstConv = includeFirstConv ? null : firstConvWeight(model);
        List<PrunableLayer> out = new ArrayList<>();
        for (var e : model.namedParameters().entrySet()) {
            if (e.getValue().isPrunable() && e.getValue() != firstConv) out.add(new PrunableLayer(e.getKey(), e.getValue()));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("model " + model.getClass().getSimpleName() + " has no prunable weights" + (includeFirstConv ? "" : " besides its first conv"));
        return out;
    }

    private static Parameter firstConvWeight(Module model) {
        for (Module m : model.namedModules().values()) if (m instanceof Conv2d c) return c.weight();
        return null;
    }

    /** Σ n_l over layers. */
    public static long total(List<PrunableLayer> layers) {
        long n = 0;
        for (PrunableLayer l : layers) n += l.size();
        return n;
    }

    /** Σ kept_l over layers. */
    public static long kept(List<PrunableLayer> layers) {
        long n = 0;
        for (PrunableLayer l : layers) n += l.kept();
        return n;
    }

    /** How many of n weights stay at sparsity κ: n − round(κ·n), the one rounding every method shares. */
    public static long keepCount(long n, double sparsity) {
        return n - Math.round(sparsity * n);
    }
}
