package org.prune4j.data;

import org.prune4j.core.tensor.Shape;

/** The [C, H, W] dimensions of an image sample, with a clear error for anything else. */
record ChwShape(int channels, int height, int width) {
    static ChwShape of(Shape shape, String who) {
        if (shape.rank() != 3) {
            throw new IllegalArgumentException(who + " needs image samples shaped [C, H, W], got " + shape);
        }
        return new ChwShape(shape.dim(0), shape.dim(1), shape.dim(2));
    }

    int plane() { return height * width; }
}
