package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.BatchSource;

/**
 * Small synthetic images whose class is which quadrant carries a bright blob, shuffled per
 * epoch from (seed, epoch) only: enough signal for gradients to mean something, tiny enough
 * to keep the pruning tests fast.
 */
final class TinyImages implements BatchSource {
    private final float[][] xs;
    private final int[] ys;
    private final int batchSize;
    private final long seed;
    private final int[] sampleShape;

    TinyImages(int samples, int channels, int size, int classes, int batchSize, long seed) {
        Rng rng = new Rng(seed);
        int per = channels * size * size;
        xs = new float[samples][per];
        ys = new int[samples];
        int half = size / 2;
        for (int i = 0; i < samples; i++) {
            int cls = i % classes;
            ys[i] = cls;
            int qy = (cls / 2) % 2, qx = cls % 2;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean in = y / Math.max(1, half) == qy && x / Math.max(1, half) == qx;
                        xs[i][(c * size + y) * size + x] = (in ? 1.5f : 0f) + 0.5f * (float) rng.gaussian();
                    }
                }
            }
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.sampleShape = new int[] {channels, size, size};
    }

    @Override public Iterator<Batch> epoch(int epoch) {
        int[] order = new int[ys.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(seed * 31 + epoch).shuffle(order);
        List<Batch> out = new ArrayList<>();
        int per = xs[0].length;
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            float[] x = new float[n * per];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs[order[start + i]], 0, x, i * per, per);
                y[i] = ys[order[start + i]];
            }
            out.add(new Batch(Tensor.of(x, n, sampleShape[0], sampleShape[1], sampleShape[2]), y));
        }
        return out.iterator();
    }

    @Override public int batchesPerEpoch() { return (ys.length + batchSize - 1) / batchSize; }

    /** One batch of n samples (the first of epoch 0 with that batch size). */
    Tensor sample(int n) {
        int per = xs[0].length;
        float[] x = new float[n * per];
        for (int i = 0; i < n; i++) System.arraycopy(xs[i % xs.length], 0, x, i * per, per);
        return Tensor.of(x, n, sampleShape[0], sampleShape[1], sampleShape[2]);
    }
}
