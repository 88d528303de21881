package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Stochastic;

/**
 * Inverted dropout with its own seeded generator: zero with probability p in training,
 * identity in eval. The trainer reseeds it every epoch (see {@link Stochastic}).
 */
public final class Dropout extends Module implements Stochastic {
    private final float p;
    private Rng rng;

    public Dropout(float p, long seed) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = new Rng(seed);
    }

    @Override public Tensor forward(Tensor x) { return Ops.dropout(x, p, isTraining(), rng); }

    @Override public void reseed(long seed) { this.rng = new Rng(seed); }

    public float p() { return p; }
}
