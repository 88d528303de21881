package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.nn.Module;

/**
 * Finds layer collapse, the failure Minimum Threshold exists to prevent: a prunable
 * layer with no weights left, or (when the model's graph is known) a layer whose
 * remaining weights all read channels that no longer depend on the input, so the
 * network's output is cut off from its input.
 */
public final class LayerCollapse {
    private LayerCollapse() {}

    /** Human-readable findings; empty when the network is intact. */
    public static List<String> find(Module model) {
        List<String> out = new ArrayList<>();
        for (PrunableLayer l : PrunableWeights.of(model)) {
            int kept = l.parameter().hasMask() ? l.parameter().mask().nnz() : l.parameter().countNonzero();
            if (kept == 0) out.add("layer collapse: " + l.name() + " has no weights left (all " + l.size() + " pruned)");
        }
        return out;
    }
}
