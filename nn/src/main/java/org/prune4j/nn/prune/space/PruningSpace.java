package org.prune4j.nn.prune.space;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.flops.FlopCounter;
import org.prune4j.nn.flops.FlopReport;
import org.prune4j.nn.prune.ChannelPlan;
import org.prune4j.nn.prune.SmallerNetwork;

/**
 * A pruning space in the sense of He et al.'s Network Pruning Spaces: the population of
 * filter-pruned subnetworks of one dense network, one keep ratio per stage drawn from a
 * grid (multiples of 1/g in [1/g, 1]). Sampling is uniform over the grid, filtered to a
 * {@link FlopsRegime} (and, when refining, to one bucket of the FLOPs-to-parameter ratio)
 * by rejection. Subnetworks inherit the dense network's weights of their kept channels;
 * the dense network itself is never modified.
 */
public final class PruningSpace {
    private final Module dense;
    private final int[] sampleShape;
    private final ChannelPlan plan;
    private final int gridSteps;
    private final long denseMacs;
    private final long denseParams;

    public PruningSpace(Module dense, int[] sampleShape, int gridSteps) {
        if (dense == null) throw new IllegalArgumentException("pruning space: dense model must not be null");
        if (sampleShape == null) throw new IllegalArgumentException("pruning space: the sample shape is needed to find stages and count FLOPs");
        if (gridSteps < 1) throw new IllegalArgumentException("pruning space: grid steps must be >= 1, got " + gridSteps);
        this.dense = dense;
        this.sampleShape = sampleShape.clone();
        this.plan = ChannelPlan.analyse(dense, sampleShape);
        if (plan.stages().isEmpty()) throw new IllegalArgumentException("pruning space: " + dense.getClass().getSimpleName() + " has no prunable channel stages");
        this.gridSteps = gridSteps;
        FlopReport r = FlopCounter.count(dense, sampleShape);
        this.denseMacs = r.denseMacs();
        this.denseParams = dense.numParameters();
    }

    public List<String> stages() { return plan.stages(); }

    /** The subnetwork with these per-stage keep ratios (physically smaller, dense weights inherited). */
    public synchronized Subnetwork build(double[] ratios) {
        Module small = SmallerNetwork.build(dense, plan.select(ratios));
        long macs = FlopCounter.count(small, sampleShape).denseMacs();
        long params = small.numParameters();
        double r = ((double) macs / params) / ((double) denseMacs / denseParams);
        return new Subnetwork(ratios, small, macs, params, (double) macs / denseMacs, r);
    }

    /** count subnetworks in regime (and in bucket of buckets, when buckets is non-null), uniformly over the grid. */
    public List<Subnetwork> sample(FlopsRegime regime, int count, Rng rng, RatioBuckets buckets, int bucket, int maxAttempts) {
        if (regime == null || rng == null) throw new IllegalArgumentException("pruning space: regime and rng must not be null");
        if (count < 1 || maxAttempts < count) throw new IllegalArgumentException("pruning space: need 1 <= count <= maxAttempts, got " + count + ", " + maxAttempts);
        List<Subnetwork> out = new ArrayList<>();
        int attempts = 0;
        while (out.size() < count) {
            if (attempts++ >= maxAttempts) {
                throw new IllegalStateException("pruning space: only " + out.size() + " of " + count + " subnetworks fell in the regime " + regime
                        + (buckets == null ? "" : " and " + buckets.describe(bucket)) + " after " + maxAttempts + " draws; widen the band or the grid");
            }
            double[] ratios = new double[stages().size()];
            for (int s = 0; s < ratios.length; s++) ratios[s] = (1 + rng.nextInt(gridSteps)) / (double) gridSteps;
            Subnetwork sub = build(ratios);
            if (!regime.contains(sub.flopsFraction())) continue;
            if (buckets != null && buckets.bucketOf(sub.flopsToParamRatio()) != bucket) continue;
            out.add(sub);
        }
        return out;
    }
}
