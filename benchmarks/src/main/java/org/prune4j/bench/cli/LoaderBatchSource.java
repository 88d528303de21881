package org.prune4j.bench.cli;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.prune4j.data.DataLoader;
import org.prune4j.data.EpochIterator;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.BatchSource;

/** Feeds a datasets {@link DataLoader} to the nn {@link org.prune4j.nn.train.Trainer}. */
final class LoaderBatchSource implements BatchSource {
    private final DataLoader loader;

    LoaderBatchSource(DataLoader loader) { this.loader = loader; }

    @Override public Iterator<Batch> epoch(int epoch) {
        EpochIterator it = loader.epoch(epoch);
        return new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }

            @Override public Batch next() {
                if (!it.hasNext()) throw new NoSuchElementException("epoch " + epoch + " has no more batches");
                org.prune4j.data.Batch b = it.next();
                return new Batch(b.x(), b.labels());
            }
        };
    }

    @Override public int batchesPerEpoch() { return loader.numBatches(); }
}
