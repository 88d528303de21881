package org.prune4j.bench.cli;

import java.util.Locale;
import org.prune4j.bench.cli.pipeline.PruneSetup;
import org.prune4j.nn.prune.PruneOptions;
import picocli.CommandLine.Option;

/**
 * The pruning method and its knobs (a picocli mixin for prune, sweep and demo). Names
 * and defaults follow ALGORITHMS.md; --schedule cubic turns Global MP into its gradual
 * form, and --min-threshold adds Gupta et al.'s Minimum Threshold.
 */
public final class PruneFlags {
    @Option(names = "--method", defaultValue = "global-mp", description = "Pruning method (default: ${DEFAULT-VALUE}); see `prune4j info`.")
    String method;

    @Option(names = "--sparsity", defaultValue = "0.9", description = "Target fraction of prunable weights set to zero, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double sparsity;

    @Option(names = "--schedule", defaultValue = "oneshot", description = "oneshot or cubic (Zhu & Gupta's gradual schedule; global-mp only) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--min-threshold", description = "Minimum Threshold σ: weights every layer keeps, as a fraction of all prunable weights or a percentage (0.0005 or 0.05%%); global-mp only.")
    String minThreshold;

    @Option(names = "--steps", defaultValue = "10", description = "FORCE / Iterative SNIP pruning steps T (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batches-per-step", defaultValue = "1", description = "Minibatches per gradient estimate B (default: ${DEFAULT-VALUE}).")
    int batchesPerStep;

    @Option(names = "--prune-every", description = "Gradual methods: optimizer steps between pruning steps (default: about 10 pruning steps per run).")
    Long pruneEvery;

    @Option(names = "--prune-end", defaultValue = "0.8", description = "Gradual methods: fraction of training at which the target is reached (default: ${DEFAULT-VALUE}).")
    double pruneEnd;

    @Option(names = "--initial-density", defaultValue = "1.0", description = "FGGP initial density d_i: 1.0 dense start, 0.5 sparse start (default: ${DEFAULT-VALUE}).")
    double initialDensity;

    @Option(names = "--gradient-rate", defaultValue = "0.5", description = "FGGP fixed rate r of gradient candidates (default: ${DEFAULT-VALUE}).")
    double gradientRate;

    @Option(names = "--regrow-fraction", defaultValue = "0.5", description = "GraNet initial prune-and-regrow fraction (default: ${DEFAULT-VALUE}).")
    double regrowFraction;

    @Option(names = "--prune-first-conv", description = "Prune the first conv layer too (default: the method's own; FGGP keeps it dense).")
    Boolean pruneFirstConv;

    public PruneSetup setup(long seed) {
        String m = method.trim().toLowerCase(Locale.ROOT);
        String sch = schedule.trim().toLowerCase(Locale.ROOT);
        if (!sch.equals("oneshot") && !sch.equals("cubic")) throw new IllegalArgumentException("unknown --schedule '" + schedule + "'; valid: oneshot, cubic");
        if (sch.equals("cubic")) {
            if (!m.equals("global-mp") && !m.equals("gradual-mp")) {
                throw new IllegalArgumentException("--schedule cubic applies to global-mp (making it gradual-mp); " + m + " has its own schedule");
            }
            m = "gradual-mp";
        }
        PruneOptions o = PruneOptions.defaults().withSparsity(sparsity).withSteps(steps).withBatchesPerStep(batchesPerStep)
                .withEndFraction(pruneEnd).withInitialDensity(initialDensity).withGradientRate(gradientRate)
                .withRegrowFraction(regrowFraction).withPruneFirstConv(pruneFirstConv).withSeed(seed);
        if (pruneEvery != null) o = o.withFrequency(pruneEvery);
        if (minThreshold != null) {
            if (!m.equals("global-mp") && !m.equals("gradual-mp")) throw new IllegalArgumentException("--min-threshold applies to global-mp, not " + m);
            m = m + "-mt";
            o = o.withSigma(parseFraction(minThreshold));
        }
        return new PruneSetup(m, o, pruneEvery == null);
    }

    static double parseFraction(String s) {
        String t = s.trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--min-threshold must be a fraction (0.0005) or a percentage (0.05%), got '" + s + "'");
        }
    }
}
