package org.prune4j.core.tensor;

import java.util.SplittableRandom;

/**
 * A seeded random source. The same seed gives the same bits on every machine
 * (SplittableRandom is specified exactly), so initialisation, shuffling, dropout and
 * pruning are reproducible.
 */
public final class Rng {
    private final SplittableRandom r;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) { this.r = new SplittableRandom(seed); }

    private Rng(SplittableRandom r) { this.r = r; }

    /** An independent stream derived from this one. */
    public Rng split() { return new Rng(r.split()); }

    public float uniform() { return (float) r.nextDouble(); }

    public float uniform(float lo, float hi) { return lo + (hi - lo) * (float) r.nextDouble(); }

    public int nextInt(int bound) { return r.nextInt(bound); }

    public long nextLong() { return r.nextLong(); }

    /** Standard normal by Box–Muller (deterministic, unlike Random.nextGaussian across JDKs). */
    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1;
        do { u1 = r.nextDouble(); } while (u1 <= 1e-300);
        double u2 = r.nextDouble();
        double mag = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = mag * Math.sin(2 * Math.PI * u2);
        return mag * Math.cos(2 * Math.PI * u2);
    }

    /** Fisher–Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
