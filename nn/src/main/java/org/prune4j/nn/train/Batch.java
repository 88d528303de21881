package org.prune4j.nn.train;

import org.prune4j.core.tensor.Tensor;

/** One minibatch: inputs whose first axis is the batch, and one class label per sample. */
public record Batch(Tensor x, int[] labels) {
    public Batch {
        if (x == null) throw new IllegalArgumentException("Batch: inputs must not be null");
        if (labels == null) throw new IllegalArgumentException("Batch: labels must not be null");
        if (x.rank() < 1 || x.dim(0) != labels.length) {
            throw new IllegalArgumentException("Batch: " + labels.length + " labels for inputs of shape " + x.shape() + " (first axis must equal the label count)");
        }
        if (labels.length == 0) throw new IllegalArgumentException("Batch: empty batch");
    }

    public int size() { return labels.length; }
}
