package org.prune4j.nn.prune.space;

import java.util.Arrays;
import org.prune4j.nn.Module;

/**
 * One member of a pruning space: its per-stage keep ratios, the physically smaller model,
 * its cost relative to the dense network, and R = (FLOPs/params of the subnetwork) /
 * (FLOPs/params of the dense network), the FLOPs-to-parameter ratio He et al. bucket by.
 */
public record Subnetwork(double[] keepRatios, Module model, long macs, long parameters, double flopsFraction, double flopsToParamRatio) {
    public Subnetwork {
        keepRatios = keepRatios.clone();
    }

    @Override public double[] keepRatios() { return keepRatios.clone(); }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "Subnetwork%s[flops %.3f of dense, R %.3f, %d params]", Arrays.toString(keepRatios), flopsFraction, flopsToParamRatio, parameters);
    }
}
