package org.prune4j.nn;

/**
 * A module that draws random numbers in its forward pass (Dropout). The trainer reseeds
 * every such module at the start of each epoch from (run seed, epoch, module index), so
 * a run resumed from a checkpoint draws exactly the same numbers as an uninterrupted one
 * without having to serialise generator internals.
 */
public interface Stochastic {
    void reseed(long seed);
}
