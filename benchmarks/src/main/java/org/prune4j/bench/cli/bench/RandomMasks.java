package org.prune4j.bench.cli.bench;

import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * Uniformly random masks with exactly round(density·n) kept entries: the pattern speed
 * benchmarks need (kernel time depends on how many nonzeros and how they scatter, not
 * on which weights a method would keep).
 */
public final class RandomMasks {
    private RandomMasks() {}

    public static float[] keep(int n, double density, Rng rng) {
        int k = (int) Math.round(density * n);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        float[] m = new float[n];
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            m[idx[i]] = 1f;
        }
        return m;
    }

    /** Masks every prunable weight of model at the same sparsity. */
    public static void applyLayerwise(Module model, double sparsity, long seed) {
        Rng rng = new Rng(seed);
        for (Parameter p : model.parameters()) {
            if (p.isPrunable()) p.setMask(Mask.of(p.shape(), keep(p.size(), 1 - sparsity, rng)));
        }
    }
}
