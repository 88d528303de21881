package org.prune4j.data;

import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;

/**
 * An in-place, shape-preserving change of one sample inside a batch buffer (augmentation or
 * normalisation). The Rng is the sample's own stream, derived by the {@link DataLoader} from
 * (seed, epoch, sample index), so a transform that draws from it only is deterministic no
 * matter which thread runs it. Implementations must be stateless (they run concurrently).
 */
@FunctionalInterface
public interface SampleTransform {
    /** Transforms the sample occupying data[offset, offset + shape.size()). */
    void apply(float[] data, int offset, Shape shape, Rng rng);

    /** This transform, then next, drawing from the same sample stream in that order. */
    default SampleTransform andThen(SampleTransform next) {
        if (next == null) throw new IllegalArgumentException("next transform must not be null");
        SampleTransform first = this;
        return (data, offset, shape, rng) -> {
            first.apply(data, offset, shape, rng);
            next.apply(data, offset, shape, rng);
        };
    }

    /** Leaves samples unchanged. */
    static SampleTransform identity() { return (data, offset, shape, rng) -> { }; }
}
