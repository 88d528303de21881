package org.prune4j.nn.train;

import java.util.Iterator;

/**
 * Where the trainer gets its minibatches: one pass per epoch. A source that shuffles
 * must derive its order from the epoch number (and its own seed) only, so a run resumed
 * at epoch e sees exactly the batches an uninterrupted run would. The datasets module's
 * DataLoader adapts to this interface.
 */
public interface BatchSource {
    /** The batches of epoch (0-based), in order. */
    Iterator<Batch> epoch(int epoch);

    /** How many batches {@link #epoch} yields (for progress and per-iteration schedules). */
    int batchesPerEpoch();
}
