package org.prune4j.nn.prune;

import org.prune4j.nn.Module;

/**
 * A method that sets all its masks before training and leaves them fixed:
 * {@link #prune} masks the model in place and reports the result.
 */
public abstract class OneShotPruner implements PruningMethod {

    /** Masks model in place and returns its report. */
    public final PruneReport prune(Module model, PruneData data) {
        if (model == null) throw new IllegalArgumentException(name() + ": model must not be null");
        pruneInPlace(model, data);
        return PruneReport.of(model);
    }

    protected abstract void pruneInPlace(Module model, PruneData data);

    @Override public final Module prepare(Module model, PruneData data) {
        prune(model, data);
        return model;
    }

    /** Data or a clear error for data-driven methods. */
    protected final PruneData requireData(PruneData data) {
        if (data == null) throw new IllegalArgumentException(name() + " scores weights with gradients and needs training batches (PruneData), got none");
        return data;
    }

    /** Installs one keep pattern per layer. */
    static void install(java.util.List<PrunableLayer> layers, float[][] keep) {
        for (int l = 0; l < layers.size(); l++) layers.get(l).setKeep(keep[l]);
    }
}
