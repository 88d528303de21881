package org.prune4j.nn.prune.space;

import java.util.Arrays;
import java.util.List;

/**
 * The empirical distribution function of a population's errors, F(e) = fraction of
 * members with error ≤ e — how design-space papers compare populations rather than
 * single best models. A population dominates another when its F lies above (more mass
 * at low error); {@link #advantageOver} is the mean vertical gap over all observed
 * errors, positive when this population is better.
 */
public final class ErrorDistribution {
    private final double[] sorted;

    public ErrorDistribution(double[] errors) {
        if (errors == null || errors.length == 0) throw new IllegalArgumentException("error distribution: needs at least one error");
        for (double e : errors) if (!(e >= 0 && e <= 1)) throw new IllegalArgumentException("error distribution: errors must be in [0, 1], got " + e);
        this.sorted = errors.clone();
        Arrays.sort(sorted);
    }

    public static ErrorDistribution of(List<Evaluated> population) {
        return new ErrorDistribution(population.stream().mapToDouble(Evaluated::error).toArray());
    }

    /** F(e). */
    public double cdf(double e) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= e) lo = mid + 1;
            else hi = mid;
        }
        return (double) lo / sorted.length;
    }

    public int size() { return sorted.length; }

    public double min() { return sorted[0]; }

    public double mean() { return Arrays.stream(sorted).average().orElseThrow(); }

    /** Mean of F_this(e) − F_other(e) over every error observed in either population. */
    public double advantageOver(ErrorDistribution other) {
        double sum = 0;
        int n = 0;
        for (double[] s : new double[][] {sorted, other.sorted}) {
            for (double e : s) {
                sum += cdf(e) - other.cdf(e);
                n++;
            }
        }
        return sum / n;
    }

    public double[] errors() { return sorted.clone(); }
}
