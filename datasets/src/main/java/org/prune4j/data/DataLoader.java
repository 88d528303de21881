package org.prune4j.data;

import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * Turns a {@link Dataset} into mini-batches for one epoch at a time: shuffles with a
 * permutation that is a pure function of (seed, epoch), applies a per-sample
 * {@link SampleTransform} with a per-sample Rng derived from (seed, epoch, index), and
 * optionally assembles batches ahead of time on background threads. Because nothing depends
 * on which thread builds a batch or when, the batches are identical with and without
 * prefetch. Build one with {@link #builder(Dataset)}; iterate an epoch with
 * <pre>{@code
 * try (EpochIterator it = loader.epoch(e)) {
 *     while (it.hasNext()) { Batch b = it.next(); ... }
 * }
 * }</pre>
 */
public final class DataLoader {
    /** Stream tags so that shuffling and augmentation never share random numbers. */
    private static final long SHUFFLE_STREAM = 1;
    private static final long AUGMENT_STREAM = 2;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final SampleTransform transform;
    private final int prefetch;
    private final int workers;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.transform = b.transform;
        this.prefetch = b.prefetch;
        this.workers = b.workers;
    }

    public static Builder builder(Dataset dataset) { return new Builder(dataset); }

    public Dataset dataset() { return dataset; }

    public int batchSize() { return batchSize; }

    /** Batches per epoch: ceil(N / B), or floor(N / B) when the last partial batch is dropped. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The order in which epoch {@code epoch} visits the samples (identity when not shuffling). */
    public int[] order(int epoch) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) new Rng(SeedMixer.derive(seed, SHUFFLE_STREAM, epoch)).shuffle(order);
        return order;
    }

    /** Starts iterating epoch {@code epoch}; close the iterator to stop its prefetch threads early. */
    public EpochIterator epoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        return new EpochIterator(this, epoch, order(epoch), numBatches(), prefetch, workers);
    }

    /**
     * Builds batch {@code batchIndex} of an epoch from its order. With abortOnInterrupt, a
     * prefetch thread stops between samples once its iterator is closed.
     */
    Batch assemble(int[] order, int epoch, int batchIndex, boolean abortOnInterrupt) {
        int from = batchIndex * batchSize;
        int b = Math.min(batchSize, order.length - from);
        Shape sampleShape = dataset.sampleShape();
        int sampleSize = sampleShape.size();
        float[] x = new float[Math.multiplyExact(b, sampleSize)];
        int[] labels = new int[b];
        int[] indices = new int[b];
        for (int i = 0; i < b; i++) {
            if (abortOnInterrupt && Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("batch " + batchIndex + " abandoned: iterator closed");
            }
            int index = order[from + i];
            indices[i] = index;
            labels[i] = dataset.label(index);
            dataset.copySample(index, x, i * sampleSize);
            transform.apply(x, i * sampleSize, sampleShape, new Rng(SeedMixer.derive(seed, AUGMENT_STREAM, epoch, index)));
        }
        int[] dims = new int[sampleShape.rank() + 1];
        dims[0] = b;
        for (int d = 0; d < sampleShape.rank(); d++) dims[d + 1] = sampleShape.dim(d);
        return new Batch(Tensor.of(x, dims), labels, indices);
    }

    String threadNamePrefix() { return "prune4j-data-" + dataset.name(); }

    @Override public String toString() {
        return "DataLoader(" + dataset.name() + ", batch " + batchSize + (shuffle ? ", shuffled" : "") + (dropLast ? ", drop last" : "")
                + ", prefetch " + prefetch + ", workers " + workers + ")";
    }

    /** Options of a {@link DataLoader}; every one has a default but the data set. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 64;
        private boolean shuffle = true;
        private boolean dropLast = false;
        private long seed = 0;
        private SampleTransform transform = SampleTransform.identity();
        private int prefetch = -1;
        private int workers = 1;

        private Builder(Dataset dataset) {
            if (dataset == null) throw new IllegalArgumentException("dataset must not be null");
            this.dataset = dataset;
        }

        /** Samples per batch (default 64). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each epoch visits the samples in a fresh random order (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to drop the last batch when it has fewer than batchSize samples (default false: keep it). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Seed of the shuffling and augmentation streams (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Per-sample transform (default none); compose several with {@link SampleTransform#andThen}. */
        public Builder transform(SampleTransform transform) {
            if (transform == null) throw new IllegalArgumentException("transform must not be null; use SampleTransform.identity()");
            this.transform = transform;
            return this;
        }

        /** Batches assembled ahead on background threads; 0 assembles on the caller's thread (default 2 per worker). */
        public Builder prefetch(int batches) {
            if (batches < 0) throw new IllegalArgumentException("prefetch must be >= 0 batches, got " + batches);
            this.prefetch = batches;
            return this;
        }

        /** Background threads assembling batches in parallel (default 1; useful for lazily decoded images). */
        public Builder workers(int workers) {
            if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            this.workers = workers;
            return this;
        }

        public DataLoader build() {
            if (prefetch < 0) prefetch = 2 * workers;
            if (prefetch > 0 && workers > prefetch) {
                throw new IllegalArgumentException("workers (" + workers + ") > prefetch (" + prefetch + "): at most prefetch"
                        + " batches are in flight, so the extra threads would never get work; raise prefetch or lower workers");
            }
            return new DataLoader(this);
        }
    }
}
