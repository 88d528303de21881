package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Shape;

class DataLoaderTest {
    private static final int N = 53;
    private static final Shape SHAPE = Shape.of(2, 4, 4);

    /** Sample i holds 1000i + k at position k, label i % 5: every value tells where it came from. */
    private static ArrayDataset numbered(int n) {
        int size = SHAPE.size();
        float[] data = new float[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            for (int k = 0; k < size; k++) data[i * size + k] = 1000 * i + k;
        }
        return new ArrayDataset("numbered", data, labels, SHAPE, 5);
    }

    private static List<Batch> all(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (EpochIterator it = loader.epoch(epoch)) {
            while (it.hasNext()) out.add(it.next());
        }
        return out;
    }

    private static int[] indices(List<Batch> batches) {
        return batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
    }

    private static SampleTransform augment() {
        return new RandomCrop(1).andThen(new RandomHorizontalFlip());
    }

    @Test
    void batchesCarryTheSamplesTheirIndicesNameAndKeepThePartialLastBatch() {
        ArrayDataset ds = numbered(N);
        DataLoader loader = DataLoader.builder(ds).batchSize(8).seed(3).prefetch(0).build();
        List<Batch> batches = all(loader, 0);
        assertEquals(7, loader.numBatches());
        assertEquals(7, batches.size());
        assertEquals(5, batches.getLast().size());
        for (Batch b : batches) {
            assertArrayEquals(new int[] {b.size(), 2, 4, 4}, b.x().dims());
            assertFalse(b.x().requiresGrad());
            for (int i = 0; i < b.size(); i++) {
                assertEquals(ds.label(b.indices()[i]), b.labels()[i]);
                float[] expect = ds.sample(b.indices()[i]);
                float[] got = Arrays.copyOfRange(b.x().data(), i * SHAPE.size(), (i + 1) * SHAPE.size());
                assertArrayEquals(expect, got);
            }
        }
    }

    @Test
    void everySampleExactlyOncePerEpoch() {
        DataLoader loader = DataLoader.builder(numbered(N)).batchSize(8).seed(11).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = indices(all(loader, epoch));
            Arrays.sort(seen);
            int[] expect = new int[N];
            Arrays.setAll(expect, i -> i);
            assertArrayEquals(expect, seen, "epoch " + epoch);
        }
    }

    @Test
    void dropLastYieldsOnlyFullBatchesOfDistinctSamples() {
        DataLoader loader = DataLoader.builder(numbered(N)).batchSize(8).dropLast(true).seed(5).build();
        List<Batch> batches = all(loader, 2);
        assertEquals(6, loader.numBatches());
        assertEquals(6, batches.size());
        for (Batch b : batches) assertEquals(8, b.size());
        assertEquals(48, Arrays.stream(indices(batches)).distinct().count());
    }

    @Test
    void sameSeedSameOrderAndDifferentEpochsDifferentOrders() {
        DataLoader a = DataLoader.builder(numbered(N)).batchSize(10).seed(42).build();
        DataLoader b = DataLoader.builder(numbered(N)).batchSize(10).seed(42).build();
        DataLoader other = DataLoader.builder(numbered(N)).batchSize(10).seed(43).build();
        assertArrayEquals(indices(all(a, 0)), indices(all(b, 0)));
        assertArrayEquals(indices(all(a, 4)), indices(all(b, 4)));
        assertArrayEquals(a.order(1), indices(all(b, 1)));
        assertFalse(Arrays.equals(a.order(0), a.order(1)), "epochs 0 and 1 must differ");
        assertFalse(Arrays.equals(a.order(0), other.order(0)), "seeds 42 and 43 must differ");
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetOrder() {
        DataLoader loader = DataLoader.builder(numbered(N)).batchSize(7).shuffle(false).build();
        int[] expect = new int[N];
        Arrays.setAll(expect, i -> i);
        assertArrayEquals(expect, indices(all(loader, 9)));
    }

    @Test
    void augmentationIsReproducibleAndChangesWithTheEpoch() {
        DataLoader a = DataLoader.builder(numbered(N)).batchSize(16).seed(7).transform(augment()).build();
        DataLoader b = DataLoader.builder(numbered(N)).batchSize(16).seed(7).transform(augment()).prefetch(0).build();
        List<Batch> a0 = all(a, 0);
        List<Batch> b0 = all(b, 0);
        for (int k = 0; k < a0.size(); k++) assertArrayEquals(a0.get(k).x().data(), b0.get(k).x().data());
        // The same sample is augmented differently in another epoch (shuffle off to line samples up).
        DataLoader c = DataLoader.builder(numbered(N)).batchSize(N).shuffle(false).seed(7).transform(augment()).build();
        float[] e0 = all(c, 0).getFirst().x().data();
        float[] e1 = all(c, 1).getFirst().x().data();
        assertFalse(Arrays.equals(e0, e1));
        // And it really is augmented: some sample differs from the raw data.
        assertFalse(Arrays.equals(e0, all(DataLoader.builder(numbered(N)).batchSize(N).shuffle(false).build(), 0).getFirst().x().data()));
    }

    @Test
    void augmentationOfASampleDoesNotDependOnBatchSize() {
        DataLoader small = DataLoader.builder(numbered(N)).batchSize(3).seed(9).transform(augment()).build();
        DataLoader large = DataLoader.builder(numbered(N)).batchSize(50).seed(9).transform(augment()).build();
        float[] s = concat(all(small, 1));
        float[] l = concat(all(large, 1));
        assertArrayEquals(s, l);
    }

    private static float[] concat(List<Batch> batches) {
        int total = batches.stream().mapToInt(b -> b.x().size()).sum();
        float[] out = new float[total];
        int at = 0;
        for (Batch b : batches) {
            System.arraycopy(b.x().data(), 0, out, at, b.x().size());
            at += b.x().size();
        }
        return out;
    }

    @Test
    void prefetchWithSeveralWorkersGivesTheSameBatchesAsNoPrefetch() {
        DataLoader sync = DataLoader.builder(numbered(N)).batchSize(4).seed(1).transform(augment()).prefetch(0).build();
        DataLoader async = DataLoader.builder(numbered(N)).batchSize(4).seed(1).transform(augment()).prefetch(3).workers(2).build();
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Batch> s = all(sync, epoch);
            List<Batch> a = all(async, epoch);
            assertEquals(s.size(), a.size());
            for (int k = 0; k < s.size(); k++) {
                assertArrayEquals(s.get(k).indices(), a.get(k).indices());
                assertArrayEquals(s.get(k).labels(), a.get(k).labels());
                assertArrayEquals(s.get(k).x().data(), a.get(k).x().data());
            }
        }
    }

    @Test
    void earlyCloseStopsAllPrefetchThreads() {
        DataLoader loader = DataLoader.builder(numbered(N)).batchSize(1).prefetch(4).workers(2).build();
        EpochIterator it = loader.epoch(0);
        it.next();
        it.close();
        assertEquals(0, it.liveThreads());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        it.close(); // idempotent
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().startsWith("prune4j-data-numbered-e0-"), "leaked " + t.getName());
        }
    }

    @Test
    void exhaustingAnEpochEndsItsThreads() {
        DataLoader loader = DataLoader.builder(numbered(N)).batchSize(10).prefetch(2).build();
        EpochIterator it = loader.epoch(0);
        while (it.hasNext()) it.next();
        assertEquals(0, it.liveThreads());
    }

    @Test
    void producerFailureIsRethrownUnchangedAtTheBatchThatFailed() {
        DatasetFormatException boom = new DatasetFormatException(Path.of("broken.png"), "cannot decode image");
        Dataset failing = new FailingAt(numbered(N), 25, boom);
        for (int prefetch : new int[] {0, 3}) {
            DataLoader loader = DataLoader.builder(failing).batchSize(10).shuffle(false).prefetch(prefetch).build();
            EpochIterator it = loader.epoch(0);
            assertEquals(10, it.next().size());
            assertEquals(10, it.next().size());
            DatasetFormatException e = assertThrows(DatasetFormatException.class, it::next, "prefetch " + prefetch);
            assertSame(boom, e);
            it.close();
            assertEquals(0, it.liveThreads());
        }
        assertTrue(boom.getSuppressed().length >= 1 && boom.getSuppressed()[0].getMessage().contains("batch 2 of epoch 0"),
                "the consumer-side context is attached");
    }

    @Test
    void invalidOptionsAreRejected() {
        ArrayDataset ds = numbered(3);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).prefetch(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).prefetch(1).workers(2).build());
        assertTrue(e.getMessage().contains("workers (2) > prefetch (1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).build().epoch(-1));
    }

    @Test
    void emptyEpochWhenDropLastAndTooFewSamples() {
        DataLoader loader = DataLoader.builder(numbered(3)).batchSize(4).dropLast(true).build();
        assertEquals(0, loader.numBatches());
        assertTrue(all(loader, 0).isEmpty());
        assertNotEquals(0, DataLoader.builder(numbered(3)).batchSize(4).build().numBatches());
    }

    /** Delegates to a data set but throws a given exception for one sample. */
    private record FailingAt(Dataset inner, int badIndex, RuntimeException failure) implements Dataset {
        @Override public String name() { return inner.name(); }
        @Override public int size() { return inner.size(); }
        @Override public Shape sampleShape() { return inner.sampleShape(); }
        @Override public List<String> classNames() { return inner.classNames(); }
        @Override public int label(int index) { return inner.label(index); }
        @Override public void copySample(int index, float[] dst, int offset) {
            if (index == badIndex) throw failure;
            inner.copySample(index, dst, offset);
        }
    }
}
