package org.prune4j.nn.prune.space;

import java.util.Arrays;
import java.util.List;

/**
 * Buckets of the FLOPs-to-parameter ratio R, given by ascending edges: bucket i holds
 * edges[i] ≤ R < edges[i+1]; values below the first edge fall in bucket 0 and above the
 * last in the last bucket. The winning bucket of a population is the one holding most
 * of its best members (ties: the lower bucket).
 */
public record RatioBuckets(double[] edges) {
    public RatioBuckets {
        if (edges == null || edges.length < 2) throw new IllegalArgumentException("ratio buckets: need at least two edges");
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) throw new IllegalArgumentException("ratio buckets: edges must increase, got " + Arrays.toString(edges));
        }
        edges = edges.clone();
    }

    /** count buckets of equal width on a log scale between lo and hi. */
    public static RatioBuckets logSpaced(double lo, double hi, int count) {
        if (!(lo > 0 && hi > lo) || count < 1) throw new IllegalArgumentException("ratio buckets: need 0 < lo < hi and count >= 1, got " + lo + ", " + hi + ", " + count);
        double[] e = new double[count + 1];
        for (int i = 0; i <= count; i++) e[i] = lo * Math.pow(hi / lo, (double) i / count);
        return new RatioBuckets(e);
    }

    @Override public double[] edges() { return edges.clone(); }

    public int count() { return edges.length - 1; }

    public int bucketOf(double r) {
        for (int i = count() - 1; i > 0; i--) if (r >= edges[i]) return i;
        return 0;
    }

    /** The bucket holding most of the best members (the given list must be sorted best first). */
    public int winning(List<Evaluated> bestFirst, int top) {
        if (bestFirst.isEmpty()) throw new IllegalArgumentException("ratio buckets: no evaluated subnetworks");
        int[] hits = new int[count()];
        for (int i = 0; i < Math.min(top, bestFirst.size()); i++) hits[bucketOf(bestFirst.get(i).subnetwork().flopsToParamRatio())]++;
        int best = 0;
        for (int i = 1; i < hits.length; i++) if (hits[i] > hits[best]) best = i;
        return best;
    }

    public String describe(int bucket) {
        return String.format(java.util.Locale.ROOT, "R in [%.3f, %.3f)", edges[bucket], edges[bucket + 1]);
    }
}
