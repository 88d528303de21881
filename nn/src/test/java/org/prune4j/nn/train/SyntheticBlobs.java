package org.prune4j.nn.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/**
 * A linearly separable toy problem: one Gaussian blob per class around well separated
 * centres, shuffled per epoch from (seed, epoch) only, as a real loader must be.
 */
final class SyntheticBlobs implements BatchSource {
    private final float[][] xs;
    private final int[] ys;
    private final int batchSize;
    private final long seed;
    private final int features;

    SyntheticBlobs(int samples, int features, int classes, int batchSize, long seed) {
        Rng rng = new Rng(seed);
        float[][] centres = new float[classes][features];
        for (int c = 0; c < classes; c++) centres[c][c % features] = c < features ? 3f : -3f;
        xs = new float[samples][features];
        ys = new int[samples];
        for (int i = 0; i < samples; i++) {
            ys[i] = i % classes;
            for (int f = 0; f < features; f++) xs[i][f] = centres[ys[i]][f] + 0.5f * (float) rng.gaussian();
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.features = features;
    }

    @Override public Iterator<Batch> epoch(int epoch) {
        int[] order = new int[ys.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(seed * 31 + epoch).shuffle(order);
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            float[] x = new float[n * features];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs[order[start + i]], 0, x, i * features, features);
                y[i] = ys[order[start + i]];
            }
            out.add(new Batch(Tensor.of(x, n, features), y));
        }
        return out.iterator();
    }

    @Override public int batchesPerEpoch() { return (ys.length + batchSize - 1) / batchSize; }
}
