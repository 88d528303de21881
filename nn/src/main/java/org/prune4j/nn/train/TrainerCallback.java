package org.prune4j.nn.train;

/**
 * Hooks into the training loop; pruning schedules live here. All methods default to
 * doing nothing. During {@link #onBatchEnd} the optimizer has already stepped, and the
 * parameters still hold this batch's gradients (they are cleared at the start of the
 * next batch), so gradient-based pruning can read them. The step's activations are already
 * released ({@link org.prune4j.core.tensor.StepArena}): a callback that needs some computes them.
 */
public interface TrainerCallback {
    default void onTrainStart(Trainer trainer) {}

    /** epoch is 0-based. */
    default void onEpochStart(int epoch) {}

    /** step is the 0-based global iteration of the batch just trained; loss its mean loss. */
    default void onBatchEnd(long step, Batch batch, float loss) {}

    default void onEpochEnd(int epoch, EpochMetrics metrics) {}

    default void onTrainEnd(Trainer trainer) {}
}
