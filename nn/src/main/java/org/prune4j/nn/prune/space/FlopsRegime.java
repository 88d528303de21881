package org.prune4j.nn.prune.space;

/**
 * A pruning regime: a FLOPs budget as a fraction of the dense network (50%, 25%, 12.5%
 * ...) and the relative band around it that counts as "in the regime".
 */
public record FlopsRegime(double fraction, double band) {
    public FlopsRegime {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("FLOPs regime: fraction of dense FLOPs must be in (0, 1], got " + fraction);
        if (!(band > 0 && band < 1)) throw new IllegalArgumentException("FLOPs regime: band must be in (0, 1), got " + band);
    }

    /** ±10% around the budget. */
    public static FlopsRegime of(double fraction) { return new FlopsRegime(fraction, 0.1); }

    public boolean contains(double flopsFraction) {
        return flopsFraction >= fraction * (1 - band) && flopsFraction <= fraction * (1 + band);
    }
}
