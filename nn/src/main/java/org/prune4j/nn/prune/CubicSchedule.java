package org.prune4j.nn.prune;

/**
 * Zhu & Gupta's gradual schedule: s(t) = s_f + (s_i − s_f)·(1 − (t − t0)/(n·Δt))³ for t in
 * [t0, t0 + n·Δt], pruning every Δt steps and nothing after. Written for sparsity;
 * FGGP's density schedule d(t) = d_f + (d_i − d_f)(1 − t/T_end)³ is the same curve
 * with d = 1 − s.
 */
public record CubicSchedule(double initialSparsity, double finalSparsity, long startStep, long endStep, long frequency) {

    public CubicSchedule {
        if (!(initialSparsity >= 0 && initialSparsity < 1) || !(finalSparsity >= 0 && finalSparsity < 1)) {
            throw new IllegalArgumentException("cubic schedule: sparsities must be in [0, 1), got " + initialSparsity + " -> " + finalSparsity);
        }
        if (startStep < 0 || endStep <= startStep) {
            throw new IllegalArgumentException("cubic schedule: need 0 <= start < end, got start " + startStep + ", end " + endStep);
        }
        if (frequency <= 0) throw new IllegalArgumentException("cubic schedule: pruning frequency must be >= 1 step, got " + frequency);
    }

    /** Defaults of ALGORITHMS.md: from dense at step 0 to the target at 80% of training. */
    public static CubicSchedule forTraining(double finalSparsity, long totalSteps, long frequency) {
        return new CubicSchedule(0.0, finalSparsity, 0, Math.max(1, Math.round(0.8 * totalSteps)), frequency);
    }

    /** Target sparsity at step t (clamped outside [start, end]). */
    public double sparsityAt(long t) {
        if (t <= startStep) return initialSparsity;
        if (t >= endStep) return finalSparsity;
        double frac = (double) (t - startStep) / (endStep - startStep);
        double r = 1.0 - frac;
        return finalSparsity + (initialSparsity - finalSparsity) * r * r * r;
    }

    /** Whether a pruning step happens at t: every frequency steps from start, and once more at the end. */
    public boolean isPruningStep(long t) {
        if (t < startStep || t > endStep) return false;
        return (t - startStep) % frequency == 0 || t == endStep;
    }
}
