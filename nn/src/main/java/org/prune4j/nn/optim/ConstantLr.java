package org.prune4j.nn.optim;

/** The same learning rate at every step. */
public record ConstantLr(float lr) implements LrSchedule {
    public ConstantLr {
        if (!(lr >= 0f) || Float.isInfinite(lr)) throw new IllegalArgumentException("ConstantLr: lr must be finite and >= 0, got " + lr);
    }

    @Override public float lr(long t) { return lr; }
}
