package org.prune4j.nn.prune;

import org.prune4j.nn.Module;

/**
 * L1-norm filter pruning (Li et al.; the structured method of Network Pruning Spaces):
 * each channel space keeps the channels whose producing filters have the largest L1
 * norm, coupled channels together (see {@link ChannelPlan}), and the network is rebuilt
 * physically smaller ({@link SmallerNetwork}). The keep ratio is one per stage
 * (options' keepRatios, which need the input shape) or 1 − sparsity everywhere, so here
 * sparsity means the fraction of channels removed from every prunable space.
 */
public final class FilterPruner implements PruningMethod {
    private final double[] keepRatios;
    private final int[] inputShape;

    public FilterPruner(double[] keepRatios, int[] inputShape) {
        if (keepRatios == null || keepRatios.length == 0) throw new IllegalArgumentException("filter-l1: need at least one keep ratio");
        if (keepRatios.length > 1 && inputShape == null) throw new IllegalArgumentException("filter-l1: per-stage keep ratios need the input shape (PruneOptions.withInputShape) to find the stages");
        this.keepRatios = keepRatios.clone();
        this.inputShape = inputShape == null ? null : inputShape.clone();
    }

    public static FilterPruner fromOptions(PruneOptions o) {
        return new FilterPruner(o.keepRatios() != null ? o.keepRatios() : new double[] {1.0 - o.sparsity()}, o.inputShape());
    }

    @Override public String name() { return "filter-l1"; }

    /** The plan for model without changing it. */
    public ChannelPlan plan(Module model) { return ChannelPlan.analyse(model, inputShape).select(keepRatios); }

    /** Returns the smaller network; the given model is left as it was. */
    @Override public Module prepare(Module model, PruneData data) {
        if (model == null) throw new IllegalArgumentException("filter-l1: model must not be null");
        return SmallerNetwork.build(model, plan(model));
    }
}
