package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prune4j.nn.Module;

/**
 * Per-layer and total sparsity of a model's prunable weights, plus layer-collapse
 * warnings. A weight counts as kept when its mask keeps it (a regrown weight that is
 * still exactly zero is kept); an unmasked weight counts its nonzeros. A layer left
 * with no weights collapses the network (nothing flows through it), so it is reported
 * as a warning and sets {@link #collapsed()}; {@link org.prune4j.nn.prune.LayerCollapse}
 * adds cut-off paths when the model's graph is known.
 */
public record PruneReport(List<LayerSparsity> layers, List<String> warnings) {
    public PruneReport {
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
    }

    /** The report of every prunable weight of model, with empty-layer warnings and any found by LayerCollapse. */
    public static PruneReport of(Module model) {
        List<PrunableLayer> ls = PrunableWeights.of(model);
        List<LayerSparsity> out = new ArrayList<>();
        for (PrunableLayer l : ls) {
            long nnz = l.parameter().hasMask() ? l.parameter().mask().nnz() : l.parameter().countNonzero();
            out.add(new LayerSparsity(l.name(), l.size(), nnz));
        }
        return new PruneReport(out, LayerCollapse.find(model));
    }

    public long totalSize() { return layers.stream().mapToLong(LayerSparsity::size).sum(); }

    public long totalNnz() { return layers.stream().mapToLong(LayerSparsity::nnz).sum(); }

    /** Fraction of prunable weights that are pruned (κ). */
    public double sparsity() { return totalSize() == 0 ? 0 : 1.0 - (double) totalNnz() / totalSize(); }

    /** True when a layer lost every weight or a path through the network was cut off. */
    public boolean collapsed() { return !warnings.isEmpty(); }

    public LayerSparsity layer(String name) {
        for (LayerSparsity l : layers) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("prune report: no layer '" + name + "'; layers: " + layers.stream().map(LayerSparsity::name).toList());
    }

    /** A fixed-width table, one line per layer, totals, then each warning prefixed with WARNING. */
    public String toTable() {
        int w = Math.max(5, layers.stream().mapToInt(l -> l.name().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %12s %12s %9s%n", "layer", "size", "nnz", "sparsity"));
        for (LayerSparsity l : layers) sb.append(String.format(Locale.ROOT, "%-" + w + "s %12d %12d %8.2f%%%n", l.name(), l.size(), l.nnz(), 100 * l.sparsity()));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %12d %12d %8.2f%%%n", "total", totalSize(), totalNnz(), 100 * sparsity()));
        for (String warning : warnings) sb.append("WARNING: ").append(warning).append('\n');
        return sb.toString();
    }

    @Override public String toString() { return toTable(); }
}
