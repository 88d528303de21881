package org.prune4j.nn.infer;

import org.prune4j.core.sparse.MeasuredKernelChoice;

/** Which kernel a compiled conv or linear layer runs, and why (measured, or forced by policy). */
public record KernelChoice(MeasuredKernelChoice.Path path, double density) {
    public boolean sparse() { return path == MeasuredKernelChoice.Path.SPARSE; }
}
