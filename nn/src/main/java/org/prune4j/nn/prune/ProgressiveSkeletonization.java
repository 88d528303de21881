package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.nn.Module;

/**
 * FORCE and Iterative SNIP (de Jorge et al., "Progressive Skeletonization"), and SNIP as
 * Iterative SNIP with T = 1: pruning at initialisation in T steps whose kept fraction
 * follows κ_keep^(i/T), each scored by gradients averaged over B fresh minibatches in
 * train mode, the top round(keep_i·N) scores kept globally.
 * <ul>
 * <li>FORCE evaluates the gradient at θ⊙m with θ the original init, gradients of pruned
 * weights not blocked ({@code setDenseGradient(true)}), scores |θ⊙g|, and may revive a
 * weight pruned at an earlier step (it comes back with its init value).</li>
 * <li>Iterative SNIP keeps the network pruned, pruned weights get no gradient, scores
 * |w⊙g|, and a pruned weight never returns.</li>
 * </ul>
 */
public final class ProgressiveSkeletonization extends OneShotPruner {
    /** Which of the two progressive methods. */
    public enum Variant { FORCE, ITERATIVE_SNIP }

    private final Variant variant;
    private final double sparsity;
    private final int steps;
    private final int batchesPerStep;
    private StepObserver observer = (step, layers) -> {};

    /** Sees the masks after each of the T steps (progress logging, tests of revival). */
    @FunctionalInterface
    public interface StepObserver {
        void afterStep(int step, List<PrunableLayer> layers);
    }

    public ProgressiveSkeletonization(Variant variant, double sparsity, int steps, int batchesPerStep) {
        if (variant == null) throw new IllegalArgumentException("progressive skeletonization: variant must not be null");
        PruneOptions.checkSparsity(sparsity);
        if (steps < 1) throw new IllegalArgumentException(variant + ": steps T must be >= 1, got " + steps);
        if (batchesPerStep < 1) throw new IllegalArgumentException(variant + ": batches per step B must be >= 1, got " + batchesPerStep);
        this.variant = variant;
        this.sparsity = sparsity;
        this.steps = steps;
        this.batchesPerStep = batchesPerStep;
    }

    /** SNIP: one step of Iterative SNIP. */
    public static ProgressiveSkeletonization snip(double sparsity, int batches) {
        return new ProgressiveSkeletonization(Variant.ITERATIVE_SNIP, sparsity, 1, batches);
    }

    /** Installs an observer called after every step; returns this. */
    public ProgressiveSkeletonization observe(StepObserver o) {
        if (o == null) throw new IllegalArgumentException(name() + ": observer must not be null");
        this.observer = o;
        return this;
    }

    @Override public String name() {
        return variant == Variant.FORCE ? "force" : steps == 1 ? "snip" : "iterative-snip";
    }

    @Override protected void pruneInPlace(Module model, PruneData data) {
        requireData(data);
        List<PrunableLayer> layers = PrunableWeights.of(model);
        long total = PrunableWeights.total(layers);
        ExponentialSchedule schedule = new ExponentialSchedule(1.0 - sparsity, steps);
        PruneData.Stream stream = data.stream();
        List<float[]> theta = new ArrayList<>();
        boolean[] denseBefore = new boolean[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            theta.add(layers.get(l).parameter().data().clone());
            denseBefore[l] = layers.get(l).parameter().denseGradient();
            layers.get(l).parameter().setDenseGradient(variant == Variant.FORCE);
        }
        try {
            for (int i = 1; i <= steps; i++) {
                float[][] g = GradientEstimate.average(model, layers, stream, batchesPerStep, data.labelSmoothing());
                List<float[]> scores = new ArrayList<>();
                for (int l = 0; l < layers.size(); l++) scores.add(score(layers.get(l), theta.get(l), g[l]));
                long keep = i == steps ? PrunableWeights.keepCount(total, sparsity) : Math.round(schedule.keepAt(i) * total);
                float[][] masks = KeepSelection.global(scores, keep);
                for (int l = 0; l < layers.size(); l++) {
                    if (variant == Variant.FORCE) {
                        // A revived weight must come back with its init value, not the zero the old mask left.
                        System.arraycopy(theta.get(l), 0, layers.get(l).parameter().data(), 0, theta.get(l).length);
                    }
                    layers.get(l).setKeep(masks[l]);
                }
                observer.afterStep(i, layers);
            }
        } finally {
            for (int l = 0; l < layers.size(); l++) layers.get(l).parameter().setDenseGradient(denseBefore[l]);
        }
    }

    private float[] score(PrunableLayer layer, float[] theta, float[] g) {
        float[] s = new float[g.length];
        if (variant == Variant.FORCE) {
            for (int i = 0; i < s.length; i++) s[i] = Math.abs(theta[i] * g[i]);
        } else {
            float[] w = layer.parameter().data();
            float[] m = layer.parameter().hasMask() ? layer.parameter().mask().data() : null;
            for (int i = 0; i < s.length; i++) s[i] = m != null && m[i] == 0f ? Float.NEGATIVE_INFINITY : Math.abs(w[i] * g[i]);
        }
        return s;
    }
}
