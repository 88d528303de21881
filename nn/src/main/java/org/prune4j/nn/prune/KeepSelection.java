package org.prune4j.nn.prune;

import java.util.List;

/**
 * Turns per-layer scores into keep patterns by exact top-k, globally (one ranking over
 * all layers) or per layer. Exact top-k is what makes every method hit its sparsity to
 * the weight; the tie rule is ScoreRanking's: among equal scores at the cut the earlier
 * position in state-dict order is kept. Scores of −∞ mark weights that must not be kept
 * (e.g. already pruned weights in methods where pruning is final); asking to keep more
 * than the eligible weights is an error rather than a silent revival.
 */
public final class KeepSelection {
    private KeepSelection() {}

    /** Keeps the keep highest scores over all layers together; returns one keep pattern per layer. */
    public static float[][] global(List<float[]> scores, long keep) {
        int total = 0;
        for (float[] s : scores) total += s.length;
        if (keep < 0 || keep > total) throw new IllegalArgumentException("global selection: cannot keep " + keep + " of " + total + " weights");
        float[] all = new float[total];
        int off = 0;
        for (float[] s : scores) {
            System.arraycopy(s, 0, all, off, s.length);
            off += s.length;
        }
        checkEligible(all, keep, "global selection");
        float[] keepAll = ScoreRanking.keepTopK(all, (int) keep);
        float[][] out = new float[scores.size()][];
        off = 0;
        for (int l = 0; l < scores.size(); l++) {
            int n = scores.get(l).length;
            out[l] = new float[n];
            System.arraycopy(keepAll, off, out[l], 0, n);
            off += n;
        }
        return out;
    }

    /** Keeps the keep highest scores of one layer. */
    public static float[] layer(float[] scores, long keep, String name) {
        if (keep < 0 || keep > scores.length) throw new IllegalArgumentException(name + ": cannot keep " + keep + " of " + scores.length + " weights");
        checkEligible(scores, keep, name);
        return ScoreRanking.keepTopK(scores, (int) keep);
    }

    private static void checkEligible(float[] scores, long keep, String what) {
        long eligible = 0;
        for (float v : scores) if (v != Float.NEGATIVE_INFINITY) eligible++;
        if (keep > eligible) {
            throw new IllegalStateException(what + ": asked to keep " + keep + " weights but only " + eligible + " may be kept (the rest are pruned for good)");
        }
    }

    /** |w|, the magnitude score; weights the mask already pruned score −∞ so they are never chosen over live ones. */
    public static float[] magnitude(PrunableLayer layer) { return magnitude(layer, true); }

    /**
     * |w|; with prunedStayPruned, masked weights score −∞ (pruning is final), otherwise
     * they score their value, 0, and rank below every live nonzero weight.
     */
    public static float[] magnitude(PrunableLayer layer, boolean prunedStayPruned) {
        float[] w = layer.parameter().data();
        float[] s = new float[w.length];
        float[] m = prunedStayPruned && layer.parameter().hasMask() ? layer.parameter().mask().data() : null;
        for (int i = 0; i < w.length; i++) s[i] = m != null && m[i] == 0f ? Float.NEGATIVE_INFINITY : Math.abs(w[i]);
        return s;
    }
}
