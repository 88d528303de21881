package org.prune4j.nn.prune;

import java.util.Arrays;

/**
 * Every knob of every method, with the defaults of ALGORITHMS.md, validated on
 * construction so a bad command line fails before any work. Methods read the fields
 * they use and ignore the rest.
 *
 * @param sparsity        κ, the fraction of prunable weights to zero, in [0, 1)
 * @param sigma           Minimum Threshold's σ as a fraction of all prunable weights (default 0.05% = 0.0005)
 * @param steps           T, pruning steps of FORCE / Iterative SNIP (default 10; SNIP is T = 1)
 * @param batchesPerStep  B, minibatches averaged per gradient estimate (default 1)
 * @param frequency       Δ, optimizer steps between gradual pruning steps (default 1000)
 * @param initialDensity  FGGP's d_i: 1.0 for a dense start, 0.5 for a sparse start
 * @param gradientRate    FGGP's fixed rate r of gradient candidates (default 0.5)
 * @param pruneFirstConv  whether the first conv is pruned; null = the method's default (FGGP: no, others: yes)
 * @param regrowFraction  GraNet's initial prune-and-regrow fraction, cosine-annealed to 0 (default 0.5)
 * @param endFraction     gradual methods reach the target at this fraction of training (default 0.8)
 * @param seed            seed of random choices
 * @param keepRatios      filter-l1: keep ratio per stage (null = 1 − sparsity everywhere)
 * @param inputShape      one sample's input shape, e.g. {3, 32, 32}; filter-l1 needs it to find stages
 */
public record PruneOptions(double sparsity, double sigma, int steps, int batchesPerStep, long frequency, double initialDensity,
                           double gradientRate, Boolean pruneFirstConv, double regrowFraction, double endFraction, long seed,
                           double[] keepRatios, int[] inputShape) {

    public PruneOptions {
        checkSparsity(sparsity);
        if (!(sigma >= 0 && sigma < 1)) throw new IllegalArgumentException("prune options: σ (sigma) is a fraction of all prunable weights and must be in [0, 1), got " + sigma);
        if (steps < 1) throw new IllegalArgumentException("prune options: steps (T) must be >= 1, got " + steps);
        if (batchesPerStep < 1) throw new IllegalArgumentException("prune options: batches per step (B) must be >= 1, got " + batchesPerStep);
        if (frequency < 1) throw new IllegalArgumentException("prune options: pruning frequency (Δ) must be >= 1 step, got " + frequency);
        if (!(initialDensity > 0 && initialDensity <= 1)) throw new IllegalArgumentException("prune options: initial density must be in (0, 1], got " + initialDensity);
        if (!(gradientRate > 0 && gradientRate <= 1)) throw new IllegalArgumentException("prune options: gradient rate r must be in (0, 1], got " + gradientRate);
        if (!(regrowFraction >= 0 && regrowFraction < 1)) throw new IllegalArgumentException("prune options: regrow fraction must be in [0, 1), got " + regrowFraction);
        if (!(endFraction > 0 && endFraction <= 1)) throw new IllegalArgumentException("prune options: end fraction must be in (0, 1], got " + endFraction);
        if (keepRatios != null) {
            if (keepRatios.length == 0) throw new IllegalArgumentException("prune options: keep ratios must not be empty (use null for uniform)");
            for (int i = 0; i < keepRatios.length; i++) {
                if (!(keepRatios[i] > 0 && keepRatios[i] <= 1)) throw new IllegalArgumentException("prune options: keep ratio of stage " + i + " must be in (0, 1], got " + keepRatios[i]);
            }
            keepRatios = keepRatios.clone();
        }
        if (inputShape != null) {
            if (inputShape.length == 0) throw new IllegalArgumentException("prune options: input shape must not be empty");
            for (int d : inputShape) if (d <= 0) throw new IllegalArgumentException("prune options: input shape must be positive, got " + Arrays.toString(inputShape));
            inputShape = inputShape.clone();
        }
    }

    /** κ must be in [0, 1): a fully pruned network computes nothing. */
    public static void checkSparsity(double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
    }

    public static PruneOptions defaults() {
        return new PruneOptions(0.9, 0.0005, 10, 1, 1000, 1.0, 0.5, null, 0.5, 0.8, 0L, null, null);
    }

    public static PruneOptions ofSparsity(double sparsity) { return defaults().withSparsity(sparsity); }

    @Override public double[] keepRatios() { return keepRatios == null ? null : keepRatios.clone(); }

    @Override public int[] inputShape() { return inputShape == null ? null : inputShape.clone(); }

    /** The first-conv choice, or the method's default when unset. */
    public boolean pruneFirstConv(boolean methodDefault) { return pruneFirstConv == null ? methodDefault : pruneFirstConv; }

    public PruneOptions withSparsity(double v) { return new PruneOptions(v, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withSigma(double v) { return new PruneOptions(sparsity, v, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withSteps(int v) { return new PruneOptions(sparsity, sigma, v, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withBatchesPerStep(int v) { return new PruneOptions(sparsity, sigma, steps, v, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withFrequency(long v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, v, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withInitialDensity(double v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, v, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withGradientRate(double v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, v, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withPruneFirstConv(Boolean v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, v, regrowFraction, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withRegrowFraction(double v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, v, endFraction, seed, keepRatios, inputShape); }

    public PruneOptions withEndFraction(double v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, v, seed, keepRatios, inputShape); }

    public PruneOptions withSeed(long v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, v, keepRatios, inputShape); }

    public PruneOptions withKeepRatios(double... v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, v, inputShape); }

    public PruneOptions withInputShape(int... v) { return new PruneOptions(sparsity, sigma, steps, batchesPerStep, frequency, initialDensity, gradientRate, pruneFirstConv, regrowFraction, endFraction, seed, keepRatios, v); }

    @Override public boolean equals(Object o) {
        return o instanceof PruneOptions p && toString().equals(p.toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }

    @Override public String toString() {
        return "PruneOptions[sparsity=" + sparsity + ", sigma=" + sigma + ", steps=" + steps + ", batchesPerStep=" + batchesPerStep + ", frequency=" + frequency
                + ", initialDensity=" + initialDensity + ", gradientRate=" + gradientRate + ", pruneFirstConv=" + pruneFirstConv + ", regrowFraction=" + regrowFraction
                + ", endFraction=" + endFraction + ", seed=" + seed + ", keepRatios=" + Arrays.toString(keepRatios) + ", inputShape=" + Arrays.toString(inputShape) + "]";
    }
}
