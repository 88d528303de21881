package org.prune4j.bench.cli;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.data.DataLoader;
import org.prune4j.data.EpochIterator;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.BatchSource;

/**
 * Feeds a datasets {@link DataLoader} to the nn {@link org.prune4j.nn.train.Trainer},
 * viewing each batch in the layout the model expects (e.g. images as row sequences for
 * FastGRNN).
 */
public final class LoaderBatchSource implements BatchSource {
    private final DataLoader loader;
    private final InputLayout layout;

    public LoaderBatchSource(DataLoader loader) { this(loader, null); }

    /** layout null: batches as the loader makes them. */
    public LoaderBatchSource(DataLoader loader, InputLayout layout) {
        this.loader = loader;
        this.layout = layout;
    }

    @Override public Iterator<Batch> epoch(int epoch) {
        EpochIterator it = loader.epoch(epoch);
        return new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }

            @Override public Batch next() {
                if (!it.hasNext()) throw new NoSuchElementException("epoch " + epoch + " has no more batches");
                org.prune4j.data.Batch b = it.next();
                return new Batch(layout == null ? b.x() : layout.apply(b.x()), b.labels());
            }
        };
    }

    @Override public int batchesPerEpoch() { return loader.numBatches(); }
}
