package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.nn.Module;

/**
 * Global Magnitude Pruning (Gupta et al.): one ranking of |w| over every prunable
 * weight, so layers end with whatever sparsity the single threshold gives them. With
 * Minimum Threshold (σ as a fraction of all prunable weights, rounded up to whole
 * weights) each layer keeps at least σ weights: Global MP's per-layer sparsities are
 * reallocated by {@link MinimumThreshold} and each layer is then pruned by its own
 * magnitude ranking. Weights a mask already pruned stay pruned.
 */
public final class GlobalMagnitudePruner extends OneShotPruner {
    private final double sparsity;
    private final double sigmaFraction;

    /** sigmaFraction < 0 turns Minimum Threshold off. */
    public GlobalMagnitudePruner(double sparsity, double sigmaFraction) {
        PruneOptions.checkSparsity(sparsity);
        if (Double.isNaN(sigmaFraction) || sigmaFraction >= 1) throw new IllegalArgumentException("global-mp: σ must be a fraction in [0, 1) (or negative for no MT), got " + sigmaFraction);
        this.sparsity = sparsity;
        this.sigmaFraction = sigmaFraction;
    }

    public GlobalMagnitudePruner(double sparsity) { this(sparsity, -1); }

    @Override public String name() { return sigmaFraction >= 0 ? "global-mp-mt" : "global-mp"; }

    @Override protected void pruneInPlace(Module model, PruneData data) {
        List<PrunableLayer> layers = PrunableWeights.of(model);
        install(layers, sigmaFraction >= 0 ? keepWithMinimumThreshold(layers, sparsity, sigmaWeights(layers, sigmaFraction)) : keep(layers, sparsity));
    }

    /** σ in whole weights: ⌈fraction · N⌉, so "keeps at least σ" holds after rounding. */
    public static long sigmaWeights(List<PrunableLayer> layers, double sigmaFraction) {
        return (long) Math.ceil(sigmaFraction * PrunableWeights.total(layers) - 1e-9);
    }

    /** Plain Global MP keep patterns at the given overall sparsity. */
    public static float[][] keep(List<PrunableLayer> layers, double sparsity) {
        return keep(layers, sparsity, true);
    }

    /** Plain Global MP; prunedStayPruned as in {@link KeepSelection#magnitude(PrunableLayer, boolean)}. */
    public static float[][] keep(List<PrunableLayer> layers, double sparsity, boolean prunedStayPruned) {
        List<float[]> scores = new ArrayList<>();
        for (PrunableLayer l : layers) scores.add(KeepSelection.magnitude(l, prunedStayPruned));
        return KeepSelection.global(scores, PrunableWeights.keepCount(PrunableWeights.total(layers), sparsity));
    }

    /** Global MP followed by Minimum Threshold: every layer keeps at least sigma weights (all of them when smaller). */
    public static float[][] keepWithMinimumThreshold(List<PrunableLayer> layers, double sparsity, long sigma) {
        // MT may give a layer more weights than it has live ones (during gradual pruning), so
        // pruned weights rank by their value (0) here instead of being excluded.
        float[][] plain = keep(layers, sparsity, false);
        int[] sizes = new int[layers.size()];
        double[] s = new double[layers.size()];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = layers.get(l).size();
            int k = 0;
            for (float v : plain[l]) if (v != 0f) k++;
            s[l] = 1.0 - (double) k / sizes[l];
        }
        double[] target = MinimumThreshold.allocate(sizes, s, sparsity, sigma);
        float[][] out = new float[layers.size()][];
        for (int l = 0; l < sizes.length; l++) {
            long keep = Math.max(Math.min(sigma, sizes[l]), PrunableWeights.keepCount(sizes[l], target[l]));
            out[l] = KeepSelection.layer(KeepSelection.magnitude(layers.get(l), false), keep, layers.get(l).name());
        }
        return out;
    }
}
