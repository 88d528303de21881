package org.prune4j.nn.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every pruning method by name, for the CLI and experiment configs. Names are
 * case-insensitive; an unknown name is an error listing the valid ones. Options not
 * used by a method are ignored; each method validates the ones it uses.
 *
 * <table>
 * <caption>names</caption>
 * <tr><td>global-mp / global-mp-mt</td><td>one-shot Global MP, without / with Minimum Threshold (σ)</td></tr>
 * <tr><td>gradual-mp / gradual-mp-mt</td><td>Global MP on the cubic schedule during training</td></tr>
 * <tr><td>layerwise-mp</td><td>uniform per-layer magnitude pruning</td></tr>
 * <tr><td>random / random-layerwise</td><td>random scores, global / per layer</td></tr>
 * <tr><td>snip / iterative-snip / force</td><td>pruning at initialisation with data (T, B)</td></tr>
 * <tr><td>fggp</td><td>fixed-rate gradient-first gradual pruning (first conv dense unless asked)</td></tr>
 * <tr><td>granet</td><td>gradual magnitude pruning with cosine-annealed prune-and-regrow</td></tr>
 * <tr><td>filter-l1</td><td>L1-norm filter pruning into a physically smaller network</td></tr>
 * <tr><td>fastgrnn-columns</td><td>structured column pruning of FastGRNN's matrices</td></tr>
 * </table>
 */
public final class PruningMethods {
    private static final Map<String, Function<PruneOptions, PruningMethod>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("global-mp", o -> new GlobalMagnitudePruner(o.sparsity()));
        METHODS.put("global-mp-mt", o -> new GlobalMagnitudePruner(o.sparsity(), o.sigma()));
        METHODS.put("gradual-mp", o -> new GradualMagnitudePruner(0, o.sparsity(), o.frequency(), o.endFraction(), o.pruneFirstConv(true), -1));
        METHODS.put("gradual-mp-mt", o -> new GradualMagnitudePruner(0, o.sparsity(), o.frequency(), o.endFraction(), o.pruneFirstConv(true), o.sigma()));
        METHODS.put("layerwise-mp", o -> new LayerwiseMagnitudePruner(o.sparsity()));
        METHODS.put("random", o -> new RandomPruner(o.sparsity(), false, o.seed()));
        METHODS.put("random-layerwise", o -> new RandomPruner(o.sparsity(), true, o.seed()));
        METHODS.put("snip", o -> ProgressiveSkeletonization.snip(o.sparsity(), o.batchesPerStep()));
        METHODS.put("iterative-snip", o -> new ProgressiveSkeletonization(ProgressiveSkeletonization.Variant.ITERATIVE_SNIP, o.sparsity(), o.steps(), o.batchesPerStep()));
        METHODS.put("force", o -> new ProgressiveSkeletonization(ProgressiveSkeletonization.Variant.FORCE, o.sparsity(), o.steps(), o.batchesPerStep()));
        METHODS.put("fggp", o -> new FggpPruner(o.initialDensity(), o.sparsity(), o.frequency(), o.endFraction(), o.pruneFirstConv(false), o.gradientRate()));
        METHODS.put("granet", o -> new GraNetPruner(0, o.sparsity(), o.frequency(), o.endFraction(), o.pruneFirstConv(true), o.regrowFraction()));
        METHODS.put("fastgrnn-columns", o -> new ColumnPruner(o.sparsity()));
    }

    private PruningMethods() {}

    /** The method called name, configured from options. */
    public static PruningMethod create(String name, PruneOptions options) {
        if (name == null) throw new IllegalArgumentException("pruning method name must not be null; valid names: " + names());
        if (options == null) throw new IllegalArgumentException("pruning method '" + name + "': options must not be null (use PruneOptions.defaults())");
        Function<PruneOptions, PruningMethod> f = METHODS.get(name.trim().toLowerCase(Locale.ROOT));
        if (f == null) throw new IllegalArgumentException("unknown pruning method '" + name + "'; valid names: " + names());
        return f.apply(options);
    }

    /** The valid names in a stable order. */
    public static List<String> names() { return List.copyOf(METHODS.keySet()); }
}
