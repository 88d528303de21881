package org.prune4j.nn.prune;

import java.util.Arrays;

/**
 * Exact top-k selection over scores, the primitive under every pruner. Keeping exactly
 * k entries is what lets every method hit its sparsity to the weight; among equal
 * scores at the cut the earlier position is kept (deterministic), and NaN scores are
 * rejected rather than silently ranked.
 */
public final class ScoreRanking {
    private ScoreRanking() {}

    /** The indices of the k largest scores (ties at the cut: lower index first), sorted ascending. */
    public static int[] topK(float[] scores, int k) {
        int n = scores.length;
        if (k < 0 || k > n) throw new IllegalArgumentException("top-k: k = " + k + " outside [0, " + n + "]");
        for (int i = 0; i < n; i++) if (Float.isNaN(scores[i])) throw new IllegalArgumentException("score at index " + i + " is NaN");
        if (k == 0) return new int[0];
        float cut = kthLargest(scores, k);
        int[] out = new int[k];
        int c = 0;
        for (int i = 0; i < n && c < k; i++) if (scores[i] > cut) out[c++] = i;
        for (int i = 0; i < n && c < k; i++) if (scores[i] == cut) out[c++] = i;
        Arrays.sort(out);
        return out;
    }

    /** The k-th largest value (1-based) of scores. */
    public static float kthLargest(float[] scores, int k) {
        if (k < 1 || k > scores.length) throw new IllegalArgumentException("k = " + k + " outside [1, " + scores.length + "]");
        float[] s = scores.clone();
        Arrays.sort(s);
        return s[s.length - k];
    }

    /** A 0/1 keep vector with exactly k ones at the k largest scores. */
    public static float[] keepTopK(float[] scores, int k) {
        float[] keep = new float[scores.length];
        for (int i : topK(scores, k)) keep[i] = 1f;
        return keep;
    }
}
