package org.prune4j.bench.cli.pipeline;

import java.util.Locale;
import org.prune4j.nn.prune.PruneOptions;
import org.prune4j.nn.prune.PruningMethod;
import org.prune4j.nn.prune.PruningMethods;

/**
 * A pruning method by name with its options. The pruning frequency of gradual methods
 * may be left to the run (autoFrequency): the papers' Δ = 1000 steps is longer than a
 * whole short run, so by default a run prunes about 10 times before reaching the target.
 */
public record PruneSetup(String method, PruneOptions options, boolean autoFrequency) {
    static final int AUTO_PRUNING_STEPS = 10;

    public PruneSetup {
        method = method.trim().toLowerCase(Locale.ROOT);
        PruningMethods.create(method, options); // validates the name (listing the valid ones) and the options now
    }

    public PruneSetup withSparsity(double s) { return new PruneSetup(method, options.withSparsity(s), autoFrequency); }

    public PruneSetup withSeed(long seed) { return new PruneSetup(method, options.withSeed(seed), autoFrequency); }

    public PruneSetup withMethod(String m) { return new PruneSetup(m, options, autoFrequency); }

    /** The method, configured for a run of totalSteps optimizer steps. */
    public PruningMethod create(long totalSteps) {
        PruneOptions o = options;
        if (autoFrequency) o = o.withFrequency(Math.max(1, Math.round(o.endFraction() * totalSteps / AUTO_PRUNING_STEPS)));
        return PruningMethods.create(method, o);
    }

    public MethodKind kind() { return MethodKind.of(PruningMethods.create(method, options)); }
}
