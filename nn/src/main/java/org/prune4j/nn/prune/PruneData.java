package org.prune4j.nn.prune;

import java.util.Iterator;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.BatchSource;

/**
 * The training batches a data-driven pruner scores with (SNIP, FORCE, Iterative SNIP),
 * and the label smoothing of the loss. {@link #stream} hands out fresh minibatches one
 * after another, running through the source's epochs 0, 1, 2, ... so no batch is reused
 * until the whole set has been seen.
 */
public record PruneData(BatchSource source, float labelSmoothing) {
    public PruneData {
        if (source == null) throw new IllegalArgumentException("prune data: batch source must not be null");
        if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) throw new IllegalArgumentException("prune data: label smoothing must be in [0, 1), got " + labelSmoothing);
    }

    public PruneData(BatchSource source) { this(source, 0f); }

    /** A new stream of fresh batches, starting at epoch 0. */
    public Stream stream() { return new Stream(source); }

    /** Consecutive minibatches across epochs; not thread-safe. */
    public static final class Stream {
        private final BatchSource source;
        private int epoch;
        private Iterator<Batch> it;

        private Stream(BatchSource source) { this.source = source; }

        public Batch next() {
            for (int tries = 0; tries < 2; tries++) {
                if (it == null || !it.hasNext()) it = source.epoch(epoch++);
                if (it != null && it.hasNext()) return it.next();
            }
            throw new IllegalStateException("prune data: the batch source yielded no batches (epoch " + (epoch - 1) + ")");
        }
    }
}
