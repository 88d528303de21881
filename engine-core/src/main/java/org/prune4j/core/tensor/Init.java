package org.prune4j.core.tensor;

/**
 * Seeded weight initialisers with PyTorch's conventions: fan_in = shape[1]·receptive
 * field, fan_out = shape[0]·receptive field, gain √2 for ReLU.
 */
public final class Init {
    private Init() {}

    public enum FanMode { FAN_IN, FAN_OUT }

    public static int fanIn(Shape s) {
        if (s.rank() < 2) throw new IllegalArgumentException("fan-in needs a tensor of rank >= 2, got " + s);
        return s.dim(1) * s.prod(2, s.rank());
    }

    public static int fanOut(Shape s) {
        if (s.rank() < 2) throw new IllegalArgumentException("fan-out needs a tensor of rank >= 2, got " + s);
        return s.dim(0) * s.prod(2, s.rank());
    }

    public static void uniform(Tensor t, float lo, float hi, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = rng.uniform(lo, hi);
    }

    public static void normal(Tensor t, float mean, float std, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * rng.gaussian());
    }

    public static void constant(Tensor t, float v) { java.util.Arrays.fill(t.data(), v); }

    /** Kaiming (He) normal: std = gain / sqrt(fan), gain √2 (ReLU). */
    public static void kaimingNormal(Tensor t, FanMode mode, Rng rng) {
        int fan = mode == FanMode.FAN_IN ? fanIn(t.shape()) : fanOut(t.shape());
        normal(t, 0f, (float) (Math.sqrt(2.0) / Math.sqrt(fan)), rng);
    }

    /** Kaiming uniform with gain √2: bound = √(6/fan). */
    public static void kaimingUniform(Tensor t, FanMode mode, Rng rng) {
        int fan = mode == FanMode.FAN_IN ? fanIn(t.shape()) : fanOut(t.shape());
        float bound = (float) Math.sqrt(6.0 / fan);
        uniform(t, -bound, bound, rng);
    }

    /**
     * PyTorch's default for Linear and Conv weights: kaiming_uniform with a=√5, which is
     * U(−1/√fan_in, 1/√fan_in).
     */
    public static void pytorchDefault(Tensor t, Rng rng) {
        float bound = (float) (1.0 / Math.sqrt(fanIn(t.shape())));
        uniform(t, -bound, bound, rng);
    }

    /** Xavier/Glorot uniform: bound = √(6/(fan_in+fan_out)). */
    public static void xavierUniform(Tensor t, Rng rng) {
        float bound = (float) Math.sqrt(6.0 / (fanIn(t.shape()) + fanOut(t.shape())));
        uniform(t, -bound, bound, rng);
    }
}
