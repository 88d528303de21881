package org.prune4j.nn.optim;

/**
 * Linear warm-up for {@code warmup} steps (lr = base·(t+1)/warmup, so the first step
 * is not zero), then cosine annealing from base to {@code minLr} at step {@code total};
 * minLr after that.
 */
public final class CosineWarmupLr implements LrSchedule {
    private final float base;
    private final float minLr;
    private final long warmup;
    private final long total;

    public CosineWarmupLr(float base, float minLr, long warmup, long total) {
        if (!(base >= 0f) || Float.isInfinite(base)) throw new IllegalArgumentException("CosineWarmupLr: base lr must be finite and >= 0, got " + base);
        if (!(minLr >= 0f && minLr <= base)) throw new IllegalArgumentException("CosineWarmupLr: min lr must be in [0, base=" + base + "], got " + minLr);
        if (warmup < 0) throw new IllegalArgumentException("CosineWarmupLr: warm-up steps must be >= 0, got " + warmup);
        if (total <= warmup) throw new IllegalArgumentException("CosineWarmupLr: total steps (" + total + ") must exceed warm-up steps (" + warmup + ")");
        this.base = base;
        this.minLr = minLr;
        this.warmup = warmup;
        this.total = total;
    }

    @Override public float lr(long t) {
        if (t < 0) throw new IllegalArgumentException("CosineWarmupLr: step must be >= 0, got " + t);
        if (t < warmup) return (float) ((double) base * (t + 1) / warmup);
        if (t >= total) return minLr;
        double progress = (double) (t - warmup) / (total - warmup);
        return (float) (minLr + (base - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
