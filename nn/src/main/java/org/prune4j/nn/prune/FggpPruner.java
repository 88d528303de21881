package org.prune4j.nn.prune;

import java.util.List;

/**
 * FGGP, fixed-rate gradient-first gradual pruning (Zhu, Bezek, Goksel): global, no
 * regrowth, the first conv dense by default. At a pruning step, with to_prune = the
 * weights that must be zero at the scheduled density minus those already zero:
 * <ol>
 * <li>gradient first — among the unpruned weights, the fraction r (fixed, 0.5) with the
 * smallest |∂L/∂w| of the current minibatch are the candidates;</li>
 * <li>magnitude next — among the candidates, the to_prune smallest |w| are pruned.</li>
 * </ol>
 * If to_prune exceeds r·|unpruned| (only a very large jump does that, e.g. the first step
 * of a sparse start with r = 0.5 lands exactly on it), the candidate set is widened to
 * to_prune weights, still by gradient order, so the schedule is met exactly and nothing
 * outside the gradient ranking is pruned. A dense start uses d_i = 1, a sparse start
 * d_i = 0.5 (reached at the first step, t = 0).
 */
public final class FggpPruner extends GradualPruner {
    private final double gradientRate;

    public FggpPruner(double initialDensity, double finalSparsity, long frequency, double endFraction, boolean includeFirstConv, double gradientRate) {
        super(1.0 - checkDensity(initialDensity), finalSparsity, frequency, endFraction, includeFirstConv);
        if (!(gradientRate > 0 && gradientRate <= 1)) throw new IllegalArgumentException("fggp: gradient rate r must be in (0, 1], got " + gradientRate);
        this.gradientRate = gradientRate;
    }

    private static double checkDensity(double d) {
        if (!(d > 0 && d <= 1)) throw new IllegalArgumentException("fggp: initial density must be in (0, 1], got " + d);
        return d;
    }

    @Override public String name() { return "fggp"; }

    @Override protected void pruneTo(List<PrunableLayer> layers, double sparsity, long t, CubicSchedule schedule) {
        int total = (int) PrunableWeights.total(layers);
        float[] w = new float[total], g = new float[total], keep = new float[total];
        int off = 0;
        for (PrunableLayer l : layers) {
            System.arraycopy(l.parameter().data(), 0, w, off, l.size());
            float[] grad = l.parameter().gradArray();
            if (grad == null) {
                throw new IllegalStateException("fggp: " + l.name() + " has no gradient at step " + t
                        + "; the pruning callback must run after backward (TrainerCallback.onBatchEnd)");
            }
            System.arraycopy(grad, 0, g, off, l.size());
            System.arraycopy(l.keep(), 0, keep, off, l.size());
            off += l.size();
        }
        long mustBeZero = total - PrunableWeights.keepCount(total, sparsity);
        long alreadyZero = 0;
        for (float k : keep) if (k == 0f) alreadyZero++;
        long toPrune = mustBeZero - alreadyZero;
        if (toPrune <= 0) return;
        float[] next = step(w, g, keep, (int) toPrune, gradientRate).keep();
        off = 0;
        for (PrunableLayer l : layers) {
            float[] part = new float[l.size()];
            System.arraycopy(next, off, part, 0, l.size());
            l.setKeep(part);
            off += l.size();
        }
    }

    /** One FGGP step's outcome: the new keep pattern and which weights were gradient candidates. */
    public record Step(float[] keep, boolean[] candidates) {}

    /** The pure FGGP step over flat arrays: prunes exactly toPrune unpruned weights, all of them candidates. */
    public static Step step(float[] w, float[] g, float[] keep, int toPrune, double rate) {
        int n = w.length;
        if (g.length != n || keep.length != n) throw new IllegalArgumentException("fggp step: weights, gradients and keep must have equal length");
        int remain = 0;
        for (float k : keep) if (k != 0f) remain++;
        if (toPrune < 0 || toPrune > remain) throw new IllegalArgumentException("fggp step: cannot prune " + toPrune + " of " + remain + " unpruned weights");
        int nCand = Math.max((int) Math.floor(rate * remain), toPrune);
        // Smallest |g| among unpruned = largest −|g|; pruned weights are not eligible.
        float[] gScore = new float[n];
        for (int i = 0; i < n; i++) gScore[i] = keep[i] != 0f ? -Math.abs(g[i]) : Float.NEGATIVE_INFINITY;
        boolean[] cand = new boolean[n];
        for (int i : ScoreRanking.topK(gScore, nCand)) cand[i] = true;
        float[] wScore = new float[n];
        for (int i = 0; i < n; i++) wScore[i] = cand[i] ? -Math.abs(w[i]) : Float.NEGATIVE_INFINITY;
        float[] next = keep.clone();
        for (int i : ScoreRanking.topK(wScore, toPrune)) next[i] = 0f;
        return new Step(next, cand);
    }
}
