package org.prune4j.bench.cli.data;

import java.util.List;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;
import org.prune4j.data.Dataset;

/**
 * A fixed random subset of a data set, for quick runs and tests (--train-limit,
 * --test-limit). The choice depends only on the data set's size and the limit, never on
 * the run's seed, so runs that differ in seed see the same samples and differ only in
 * the model's initialisation and batch order.
 */
public final class Subset implements Dataset {
    private static final long SUBSET_SEED = 0x5EEDL;
    private final Dataset base;
    private final int[] indices;

    private Subset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices;
    }

    /** The base itself when limit is null or covers it, else limit samples chosen at random. */
    public static Dataset of(Dataset base, Integer limit) {
        if (limit == null || limit >= base.size()) return base;
        if (limit < 1) throw new IllegalArgumentException("a sample limit must be >= 1, got " + limit);
        int n = base.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Rng rng = new Rng(SUBSET_SEED);
        // Partial Fisher-Yates: the first `limit` slots become a uniform random sample.
        for (int i = 0; i < limit; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return new Subset(base, java.util.Arrays.copyOf(perm, limit));
    }

    @Override public String name() { return base.name() + "[" + indices.length + "]"; }

    @Override public int size() { return indices.length; }

    @Override public Shape sampleShape() { return base.sampleShape(); }

    @Override public List<String> classNames() { return base.classNames(); }

    @Override public int label(int index) {
        Dataset.checkIndex(this, index);
        return base.label(indices[index]);
    }

    @Override public void copySample(int index, float[] dst, int offset) {
        Dataset.checkIndex(this, index);
        base.copySample(indices[index], dst, offset);
    }
}
