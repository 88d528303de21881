package org.prune4j.nn.prune;

import org.prune4j.nn.Module;
import org.prune4j.nn.train.TrainerCallback;

/**
 * What every pruning method offers a training harness, in the order a run uses it:
 * {@link #prepare} prunes before training (one-shot, at-initialisation and structured
 * methods) and returns the model to train — the same object with masks, or a new,
 * physically smaller one; {@link #trainingCallback} returns the callback that prunes
 * during training (gradual methods) or a callback that does nothing. After training,
 * {@link PruneReport#of} reports the per-layer sparsities of the result.
 */
public interface PruningMethod {
    /** The method's registry name (see {@link PruningMethods}). */
    String name();

    /** Prunes model before training; data is needed by data-driven methods only (may be null otherwise). */
    Module prepare(Module model, PruneData data);

    /** The callback that prunes model over a run of totalSteps optimizer steps. */
    default TrainerCallback trainingCallback(Module model, long totalSteps) {
        if (model == null) throw new IllegalArgumentException(name() + ": model must not be null");
        return new TrainerCallback() {};
    }
}
