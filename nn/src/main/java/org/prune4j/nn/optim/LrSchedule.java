package org.prune4j.nn.optim;

/**
 * A learning rate as a pure function of a step count (iterations or epochs, see
 * {@link LrScheduler.Pace}). Being a function rather than a stateful object means a
 * resumed run needs only the step count to continue on the same curve.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate for step t (t ≥ 0). */
    float lr(long t);

    static LrSchedule constant(float lr) { return new ConstantLr(lr); }
}
