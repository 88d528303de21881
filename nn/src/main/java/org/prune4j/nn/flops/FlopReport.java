package org.prune4j.nn.flops;

import java.util.List;
import java.util.Locale;

/**
 * FLOPs and parameters of a model, per layer and in total, dense and effective, with
 * ShrinkBench's two summary numbers: compression ratio = all parameters / nonzero
 * parameters (biases and BatchNorm included, as ShrinkBench counts them) and theoretical
 * speedup = dense multiply-adds / effective multiply-adds of conv and linear layers.
 */
public record FlopReport(List<LayerFlops> layers, long totalParameters, long nonzeroParameters) {
    public FlopReport {
        layers = List.copyOf(layers);
    }

    public long denseMacs() { return layers.stream().mapToLong(LayerFlops::denseMacs).sum(); }

    public long effectiveMacs() { return layers.stream().mapToLong(LayerFlops::effectiveMacs).sum(); }

    public double compressionRatio() { return nonzeroParameters == 0 ? Double.POSITIVE_INFINITY : (double) totalParameters / nonzeroParameters; }

    public double theoreticalSpeedup() { return effectiveMacs() == 0 ? Double.POSITIVE_INFINITY : (double) denseMacs() / effectiveMacs(); }

    public LayerFlops layer(String name) {
        for (LayerFlops l : layers) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("flop report: no layer '" + name + "'; layers: " + layers.stream().map(LayerFlops::name).toList());
    }

    public String toTable() {
        int w = Math.max(5, layers.stream().mapToInt(l -> l.name().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s %-9s %12s %12s %15s %15s%n", "layer", "kind", "weights", "nonzero", "dense MACs", "effective MACs"));
        for (LayerFlops l : layers) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %-9s %12d %12d %15d %15d%n", l.name(), l.kind(), l.weights(), l.nonzeroWeights(), l.denseMacs(), l.effectiveMacs()));
        }
        sb.append(String.format(Locale.ROOT, "params %d total, %d nonzero: compression %.2fx; MACs %d dense, %d effective: theoretical speedup %.2fx%n",
                totalParameters, nonzeroParameters, compressionRatio(), denseMacs(), effectiveMacs(), theoreticalSpeedup()));
        return sb.toString();
    }

    @Override public String toString() { return toTable(); }
}
