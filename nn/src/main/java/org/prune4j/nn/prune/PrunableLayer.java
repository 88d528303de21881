package org.prune4j.nn.prune;

import org.prune4j.core.sparse.Mask;
import org.prune4j.nn.Parameter;

/**
 * One prunable weight of a model under its dotted parameter name (e.g.
 * {@code layer1.0.conv1.weight}), with the two operations every pruner needs: read the
 * current keep pattern and replace it. Keep patterns are 0/1 float arrays in the
 * weight's row-major layout.
 */
public record PrunableLayer(String name, Parameter parameter) {
    public PrunableLayer {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("prunable layer: name must not be empty");
        if (parameter == null) throw new IllegalArgumentException("prunable layer '" + name + "': parameter must not be null");
    }

    public int size() { return parameter.size(); }

    /** The current keep pattern: the mask's values, or all ones for an unmasked weight. */
    public float[] keep() {
        if (parameter.hasMask()) return parameter.mask().data().clone();
        float[] k = new float[size()];
        java.util.Arrays.fill(k, 1f);
        return k;
    }

    /** Kept weights: the mask's nnz, or every weight when unmasked. */
    public int kept() { return parameter.hasMask() ? parameter.mask().nnz() : size(); }

    /**
     * Installs a keep pattern and zeroes the weights it prunes. An existing mask is
     * updated in place (its version bumps), so layers that cache a sparse structure keyed
     * on the mask object notice the change.
     */
    public void setKeep(float[] keep) {
        if (keep.length != size()) {
            throw new IllegalArgumentException("prunable layer '" + name + "': keep pattern has " + keep.length + " entries, weight has " + size());
        }
        if (parameter.hasMask()) {
            parameter.mask().assign(keep);
            parameter.applyMask();
        } else {
            parameter.setMask(Mask.of(parameter.shape(), keep));
        }
    }
}
