package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * A generic residual block, y = branch(x) + shortcut(x) (identity when there is no
 * shortcut), optionally followed by ReLU. Structured pruning rebuilds BasicBlock and
 * Bottleneck networks at arbitrary widths from it, since those blocks fix their widths
 * by construction. Children: {@code branch}, {@code shortcut}.
 */
public final class Residual extends Module {
    private final Sequential branch;
    private final Sequential shortcut;
    private final boolean reluAfter;

    /** shortcut may be null for the identity. */
    public Residual(Sequential branch, Sequential shortcut, boolean reluAfter) {
        if (branch == null) throw new IllegalArgumentException("Residual: branch must not be null");
        this.branch = registerModule("branch", branch);
        this.shortcut = shortcut == null ? null : registerModule("shortcut", shortcut);
        this.reluAfter = reluAfter;
    }

    @Override public Tensor forward(Tensor x) {
        Tensor b = branch.forward(x);
        Tensor s = shortcut == null ? x : shortcut.forward(x);
        if (!b.shape().equals(s.shape())) {
            throw new IllegalArgumentException("Residual: branch output " + b.shape() + " and shortcut output " + s.shape() + " differ");
        }
        Tensor y = Ops.add(b, s);
        return reluAfter ? Ops.relu(y) : y;
    }

    public Sequential branch() { return branch; }

    /** The projection, or null for the identity. */
    public Sequential shortcut() { return shortcut; }

    public boolean reluAfter() { return reluAfter; }
}
