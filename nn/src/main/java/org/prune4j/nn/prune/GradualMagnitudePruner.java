package org.prune4j.nn.prune;

import java.util.List;

/**
 * Gradual global magnitude pruning (Zhu & Gupta's schedule, Gupta et al.'s global
 * threshold recomputed at each step), optionally with Minimum Threshold. Also FGGP's
 * "magnitude only" baseline when the first conv is left dense.
 */
public final class GradualMagnitudePruner extends GradualPruner {
    private final double sigmaFraction;

    /** sigmaFraction < 0 turns Minimum Threshold off. */
    public GradualMagnitudePruner(double initialSparsity, double finalSparsity, long frequency, double endFraction, boolean includeFirstConv, double sigmaFraction) {
        super(initialSparsity, finalSparsity, frequency, endFraction, includeFirstConv);
        if (Double.isNaN(sigmaFraction) || sigmaFraction >= 1) throw new IllegalArgumentException("gradual-mp: σ must be in [0, 1) (or negative for no MT), got " + sigmaFraction);
        this.sigmaFraction = sigmaFraction;
    }

    @Override public String name() { return sigmaFraction >= 0 ? "gradual-mp-mt" : "gradual-mp"; }

    @Override protected void pruneTo(List<PrunableLayer> layers, double sparsity, long t, CubicSchedule schedule) {
        // Sparsity never goes down: a model pruned past the schedule before training is left as it is.
        if (PrunableWeights.kept(layers) <= PrunableWeights.keepCount(PrunableWeights.total(layers), sparsity)) return;
        float[][] keep = sigmaFraction >= 0
                ? GlobalMagnitudePruner.keepWithMinimumThreshold(layers, sparsity, GlobalMagnitudePruner.sigmaWeights(layers, sigmaFraction))
                : GlobalMagnitudePruner.keep(layers, sparsity);
        OneShotPruner.install(layers, keep);
    }
}
