package org.prune4j.data;

import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

/** Per-channel x' = (x − mean[c]) / std[c] on a [C, H, W] sample, as torchvision's Normalize. */
public final class Normalize implements SampleTransform {
    private final ChannelStats stats;
    private final float[] mean;
    private final float[] std;

    public Normalize(ChannelStats stats) {
        if (stats == null) throw new IllegalArgumentException("stats must not be null");
        this.stats = stats;
        this.mean = stats.mean();
        this.std = stats.std();
    }

    @Override public void apply(float[] data, int offset, Shape shape, Rng rng) {
        ChwShape s = ChwShape.of(shape, "Normalize");
        if (s.channels() != mean.length) {
            throw new IllegalArgumentException("Normalize has statistics for " + mean.length + " channels, the sample "
                    + shape + " has " + s.channels());
        }
        int plane = s.plane();
        for (int c = 0; c < mean.length; c++) {
            int a = offset + c * plane;
            float m = mean[c];
            float sd = std[c];
            // A true division (not a multiply by 1/std) to match torchvision bit for bit.
            for (int i = a; i < a + plane; i++) data[i] = (data[i] - m) / sd;
        }
    }

    public ChannelStats stats() { return stats; }

    @Override public String toString() { return "Normalize(" + stats + ")"; }
}
