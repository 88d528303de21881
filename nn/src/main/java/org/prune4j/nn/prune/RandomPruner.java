package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;

/**
 * Random pruning, the baseline every comparison includes: a uniform random score per
 * weight from a seeded generator, ranked globally (layers end with binomially varying
 * sparsity) or per layer (every layer at exactly κ).
 */
public final class RandomPruner extends OneShotPruner {
    private final double sparsity;
    private final boolean perLayer;
    private final long seed;

    public RandomPruner(double sparsity, boolean perLayer, long seed) {
        PruneOptions.checkSparsity(sparsity);
        this.sparsity = sparsity;
        this.perLayer = perLayer;
        this.seed = seed;
    }

    @Override public String name() { return perLayer ? "random-layerwise" : "random"; }

    @Override protected void pruneInPlace(Module model, PruneData data) {
        List<PrunableLayer> layers = PrunableWeights.of(model);
        Rng rng = new Rng(seed);
        List<float[]> scores = new ArrayList<>();
        for (PrunableLayer l : layers) {
            float[] s = new float[l.size()];
            float[] m = l.parameter().hasMask() ? l.parameter().mask().data() : null;
            for (int i = 0; i < s.length; i++) s[i] = m != null && m[i] == 0f ? Float.NEGATIVE_INFINITY : rng.uniform();
            scores.add(s);
        }
        if (perLayer) {
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).setKeep(KeepSelection.layer(scores.get(l), PrunableWeights.keepCount(layers.get(l).size(), sparsity), layers.get(l).name()));
            }
        } else {
            install(layers, KeepSelection.global(scores, PrunableWeights.keepCount(PrunableWeights.total(layers), sparsity)));
        }
    }
}
