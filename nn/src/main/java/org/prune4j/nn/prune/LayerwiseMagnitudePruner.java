package org.prune4j.nn.prune;

import java.util.List;
import org.prune4j.nn.Module;

/** Layer-wise uniform magnitude pruning: every prunable layer loses the same fraction, its smallest |w|. */
public final class LayerwiseMagnitudePruner extends OneShotPruner {
    private final double sparsity;

    public LayerwiseMagnitudePruner(double sparsity) {
        PruneOptions.checkSparsity(sparsity);
        this.sparsity = sparsity;
    }

    @Override public String name() { return "layerwise-mp"; }

    @Override protected void pruneInPlace(Module model, PruneData data) {
        List<PrunableLayer> layers = PrunableWeights.of(model);
        for (PrunableLayer l : layers) {
            l.setKeep(KeepSelection.layer(KeepSelection.magnitude(l), PrunableWeights.keepCount(l.size(), sparsity), l.name()));
        }
    }
}
