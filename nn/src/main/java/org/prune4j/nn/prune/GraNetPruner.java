package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * GraNet-style gradual prune-and-regrow (Liu et al. 2021), FGGP's regrowth baseline. At
 * each pruning step: (1) global magnitude pruning to the scheduled sparsity (pruned
 * weights stay pruned); (2) prune-and-regrow — drop the k smallest-|w| live weights and
 * regrow the k pruned weights with the largest |∂L/∂w| of the current minibatch, with
 * k = ρ(t)·(live weights) and ρ(t) = ρ₀·½(1 + cos(π·t/T_end)) annealed to zero at the
 * end of the schedule. Regrown weights start at zero (as in GraNet and RigL), so the
 * sparsity of the mask is unchanged by step (2). Scoring pruned weights needs their
 * gradients, so dense gradients are switched on for the run and restored after.
 */
public final class GraNetPruner extends GradualPruner {
    private final double regrowFraction;
    private boolean[] denseBefore;

    public GraNetPruner(double initialSparsity, double finalSparsity, long frequency, double endFraction, boolean includeFirstConv, double regrowFraction) {
        super(initialSparsity, finalSparsity, frequency, endFraction, includeFirstConv);
        if (!(regrowFraction >= 0 && regrowFraction < 1)) throw new IllegalArgumentException("granet: regrow fraction must be in [0, 1), got " + regrowFraction);
        this.regrowFraction = regrowFraction;
    }

    @Override public String name() { return "granet"; }

    /** ρ(t): the cosine-annealed regrow fraction. */
    public double regrowFractionAt(long t, CubicSchedule schedule) {
        if (t >= schedule.endStep()) return 0.0;
        double frac = (double) Math.max(0, t - schedule.startStep()) / (schedule.endStep() - schedule.startStep());
        return regrowFraction * 0.5 * (1 + Math.cos(Math.PI * frac));
    }

    @Override protected void start(List<PrunableLayer> layers) {
        denseBefore = new boolean[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            denseBefore[l] = layers.get(l).parameter().denseGradient();
            layers.get(l).parameter().setDenseGradient(true);
        }
    }

    @Override protected void finish(List<PrunableLayer> layers) {
        if (denseBefore == null) return;
        for (int l = 0; l < layers.size(); l++) layers.get(l).parameter().setDenseGradient(denseBefore[l]);
    }

    @Override protected void pruneTo(List<PrunableLayer> layers, double sparsity, long t, CubicSchedule schedule) {
        long total = PrunableWeights.total(layers);
        // Sparsity never goes down: a model already past the schedule (pruned before training) only regrows.
        if (PrunableWeights.kept(layers) > PrunableWeights.keepCount(total, sparsity)) OneShotPruner.install(layers, GlobalMagnitudePruner.keep(layers, sparsity));
        long live = PrunableWeights.kept(layers);
        long k = Math.min((long) Math.floor(regrowFractionAt(t, schedule) * live), total - live);
        if (k <= 0) return;
        // Drop: the k smallest live magnitudes (keep live − k of the live ones).
        float[][] afterDrop = GlobalMagnitudePruner.keep(layers, 1.0 - (double) (live - k) / total);
        long afterDropKept = 0;
        for (float[] a : afterDrop) for (float v : a) if (v != 0f) afterDropKept++;
        // Grow: rank every weight inactive after the drop by |g|, as GraNet and RigL do, so a
        // just-dropped weight with a large gradient may come straight back.
        List<float[]> growScores = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            float[] g = layers.get(l).parameter().gradArray();
            float[] s = new float[layers.get(l).size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = afterDrop[l][i] != 0f ? Float.NEGATIVE_INFINITY : g == null ? 0f : Math.abs(g[i]);
            }
            growScores.add(s);
        }
        float[][] grow = KeepSelection.global(growScores, live - afterDropKept);
        for (int l = 0; l < layers.size(); l++) {
            float[] keep = afterDrop[l];
            float[] w = layers.get(l).parameter().data();
            float[] old = layers.get(l).keep();
            for (int i = 0; i < keep.length; i++) {
                if (grow[l][i] != 0f) {
                    keep[i] = 1f;
                    if (old[i] == 0f) w[i] = 0f;
                }
            }
            layers.get(l).setKeep(keep);
        }
    }
}
