package org.prune4j.bench.cli;

import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/** "N parameters, S% of prunable weights zero" for one-line model descriptions, counted from the weights. */
final class SparsitySummary {
    private SparsitySummary() {}

    static String of(Module m) {
        long prunable = 0, zeros = 0;
        for (Parameter p : m.parameters()) {
            if (!p.isPrunable()) continue;
            prunable += p.size();
            zeros += p.size() - p.countNonzero();
        }
        return String.format("%,d parameters, %.2f%% of prunable weights zero", m.numParameters(), prunable == 0 ? 0.0 : 100.0 * zeros / prunable);
    }
}
