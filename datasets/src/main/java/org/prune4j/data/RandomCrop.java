package org.prune4j.data;

import java.util.Arrays;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

/**
 * Pads an image with {@code padding} zeros on every side and crops a random window of the
 * original size, i.e. torchvision's RandomCrop(size, padding) with size equal to the input
 * (the CIFAR recipe "32 pad 4"): a shift by (dy, dx) uniform in [−padding, padding] with
 * zeros filling what comes in from outside.
 */
public final class RandomCrop implements SampleTransform {
    private final int padding;

    public RandomCrop(int padding) {
        if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        this.padding = padding;
    }

    @Override public void apply(float[] data, int offset, Shape shape, Rng rng) {
        ChwShape s = ChwShape.of(shape, "RandomCrop");
        int top = rng.nextInt(2 * padding + 1);
        int left = rng.nextInt(2 * padding + 1);
        shift(data, offset, s, top - padding, left - padding);
    }

    /** out[y][x] = in[y + dy][x + dx], zero where that falls outside. */
    static void shift(float[] data, int offset, ChwShape s, int dy, int dx) {
        if (dy == 0 && dx == 0) return;
        int h = s.height();
        int w = s.width();
        float[] src = Arrays.copyOfRange(data, offset, offset + s.channels() * s.plane());
        for (int c = 0; c < s.channels(); c++) {
            int plane = c * s.plane();
            for (int y = 0; y < h; y++) {
                int out = offset + plane + y * w;
                int sy = y + dy;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(data, out, out + w, 0f);
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    int sx = x + dx;
                    data[out + x] = sx >= 0 && sx < w ? src[plane + sy * w + sx] : 0f;
                }
            }
        }
    }

    @Override public String toString() { return "RandomCrop(padding=" + padding + ")"; }
}
