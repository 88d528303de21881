package org.prune4j.data;

import org.prune4j.core.tensor.Tensor;

/**
 * One mini-batch: inputs x shaped [B, ...sampleShape] (a plain tensor that does not require
 * grad), the labels, and the data-set indices the samples came from (for debugging and for
 * methods that track per-sample statistics).
 */
public record Batch(Tensor x, int[] labels, int[] indices) {
    /** Number of samples B. */
    public int size() { return labels.length; }
}
