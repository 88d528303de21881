package org.prune4j.nn.prune;

/** One prunable weight's line in a {@link PruneReport}: its name, size, kept weights and sparsity. */
public record LayerSparsity(String name, long size, long nnz) {
    public LayerSparsity {
        if (size < 0 || nnz < 0 || nnz > size) throw new IllegalArgumentException("layer '" + name + "': nnz " + nnz + " of " + size);
    }

    public double sparsity() { return size == 0 ? 0.0 : 1.0 - (double) nnz / size; }
}
