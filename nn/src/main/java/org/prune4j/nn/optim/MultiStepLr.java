package org.prune4j.nn.optim;

import java.util.Arrays;

/**
 * PyTorch's MultiStepLR: lr = base·γ^k where k is the number of milestones ≤ t.
 * Milestones must be strictly increasing and non-negative.
 */
public final class MultiStepLr implements LrSchedule {
    private final float base;
    private final long[] milestones;
    private final float gamma;

    public MultiStepLr(float base, long[] milestones, float gamma) {
        if (!(base >= 0f) || Float.isInfinite(base)) throw new IllegalArgumentException("MultiStepLr: base lr must be finite and >= 0, got " + base);
        if (milestones == null) throw new IllegalArgumentException("MultiStepLr: milestones must not be null");
        if (!(gamma > 0f) || Float.isInfinite(gamma)) throw new IllegalArgumentException("MultiStepLr: gamma must be positive and finite, got " + gamma);
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("MultiStepLr: milestones must be non-negative and strictly increasing, got " + Arrays.toString(milestones));
            }
        }
        this.base = base;
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override public float lr(long t) {
        int k = 0;
        while (k < milestones.length && milestones[k] <= t) k++;
        return (float) (base * Math.pow(gamma, k));
    }
}
