package org.prune4j.nn.flops;

/**
 * One conv, linear or recurrent layer's cost per sample: its weight size and nonzeros,
 * and multiply-adds dense and effective (each weight used outH·outW times for a conv,
 * once for a linear layer, once per time step for a recurrent one; effective counts only
 * nonzero weights, ShrinkBench's "scaled by weight density").
 */
public record LayerFlops(String name, String kind, long weights, long nonzeroWeights, long denseMacs, long effectiveMacs) {
    public double density() { return weights == 0 ? 0 : (double) nonzeroWeights / weights; }
}
