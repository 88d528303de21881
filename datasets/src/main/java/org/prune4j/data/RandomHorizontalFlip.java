package org.prune4j.data;

import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

/** Mirrors an image left-right with probability p (default 0.5), as torchvision's RandomHorizontalFlip. */
public final class RandomHorizontalFlip implements SampleTransform {
    private final float p;

    public RandomHorizontalFlip() { this(0.5f); }

    public RandomHorizontalFlip(float p) {
        if (!(p >= 0f && p <= 1f)) throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        this.p = p;
    }

    @Override public void apply(float[] data, int offset, Shape shape, Rng rng) {
        ChwShape s = ChwShape.of(shape, "RandomHorizontalFlip");
        // Always draw, so the streams of later transforms do not depend on p.
        if (rng.uniform() < p) flip(data, offset, s);
    }

    static void flip(float[] data, int offset, ChwShape s) {
        int w = s.width();
        for (int row = 0; row < s.channels() * s.height(); row++) {
            int a = offset + row * w;
            for (int i = 0, j = w - 1; i < j; i++, j--) {
                float t = data[a + i];
                data[a + i] = data[a + j];
                data[a + j] = t;
            }
        }
    }

    @Override public String toString() { return "RandomHorizontalFlip(p=" + p + ")"; }
}
