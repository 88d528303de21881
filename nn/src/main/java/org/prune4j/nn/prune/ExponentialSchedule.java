package org.prune4j.nn.prune;

/**
 * FORCE / Iterative SNIP's keep schedule: at step i of T the kept fraction is
 * κ_keep^(i/T), so the network shrinks geometrically to κ_keep at i = T.
 */
public record ExponentialSchedule(double finalKeep, int steps) {
    public ExponentialSchedule {
        if (!(finalKeep > 0 && finalKeep <= 1)) throw new IllegalArgumentException("exponential schedule: final keep fraction must be in (0, 1], got " + finalKeep);
        if (steps < 1) throw new IllegalArgumentException("exponential schedule: steps must be >= 1, got " + steps);
    }

    public double keepAt(int i) {
        if (i < 0 || i > steps) throw new IllegalArgumentException("step " + i + " outside [0, " + steps + "]");
        return Math.pow(finalKeep, (double) i / steps);
    }
}
