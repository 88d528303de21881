package org.prune4j.nn.prune.space;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.prune4j.core.tensor.Rng;

/**
 * One study of a pruning space in one regime (ALGORITHMS.md §3): sample subnetworks in
 * the regime, evaluate each with the short budget, form the error distribution, find the
 * FLOPs-to-parameter bucket where the best members concentrate, then refine — sample
 * again restricted to that bucket at the same cost — and compare the two distributions.
 */
public final class PruningSpaceStudy {
    private PruningSpaceStudy() {}

    /** Both populations, the winning bucket and their error distributions. */
    public record Result(List<Evaluated> initial, List<Evaluated> refined, int winningBucket, String winningBucketRange,
                         ErrorDistribution initialErrors, ErrorDistribution refinedErrors) {
        public Result {
            initial = List.copyOf(initial);
            refined = List.copyOf(refined);
        }

        /** Mean EDF gap of the refined space over the initial one; positive = refinement helped. */
        public double refinedAdvantage() { return refinedErrors.advantageOver(initialErrors); }
    }

    /**
     * @param samples     subnetworks per population (the same for both: equal cost)
     * @param top         how many of the best initial subnetworks vote for the winning bucket
     * @param maxAttempts rejection-sampling draws allowed per population
     */
    public static Result run(PruningSpace space, FlopsRegime regime, int samples, SubnetworkEvaluator evaluator, RatioBuckets buckets,
                             int top, int maxAttempts, long seed) {
        if (space == null || evaluator == null || buckets == null) throw new IllegalArgumentException("pruning space study: space, evaluator and buckets must not be null");
        if (top < 1) throw new IllegalArgumentException("pruning space study: top must be >= 1, got " + top);
        Rng rng = new Rng(seed);
        List<Evaluated> initial = evaluate(space.sample(regime, samples, rng, null, 0, maxAttempts), evaluator);
        int bucket = buckets.winning(initial, top);
        List<Evaluated> refined = evaluate(space.sample(regime, samples, rng, buckets, bucket, maxAttempts), evaluator);
        return new Result(initial, refined, bucket, buckets.describe(bucket), ErrorDistribution.of(initial), ErrorDistribution.of(refined));
    }

    /** Evaluates each subnetwork; returns them best (lowest error) first, ties in sampling order. */
    static List<Evaluated> evaluate(List<Subnetwork> subs, SubnetworkEvaluator evaluator) {
        List<Evaluated> out = new ArrayList<>();
        for (Subnetwork s : subs) out.add(new Evaluated(s, evaluator.error(s)));
        out.sort(Comparator.comparingDouble(Evaluated::error));
        return out;
    }
}
