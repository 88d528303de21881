package org.prune4j.core.testkit;

import java.util.function.Function;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/**
 * Finite-difference gradient check. The scalar probed is L = Σ out ⊙ r for a fixed random
 * r (so every output element matters), summed in double; each checked input element is
 * nudged by ±eps and (L⁺ − L⁻)/2eps is compared with the gradient backward produced.
 * The forward runs in float32, so eps is 1e-2·max(1,|x|) and the default tolerance is
 * atol 2e-3 + rtol 2e-2: the central difference's truncation error is O(eps²) ≈ 1e-4 and
 * float32 rounding of L contributes ~1e-7·Σ|out·r|/eps. Large inputs are sampled
 * (at most maxPerInput elements each) to keep the check fast.
 */
public final class GradCheck {
    private GradCheck() {}

    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(name, f, 2e-3, 2e-2, 48, inputs);
    }

    public static void check(String name, Function<Tensor[], Tensor> f, double atol, double rtol, int maxPerInput, Tensor... inputs) {
        for (Tensor t : inputs) t.zeroGrad();
        Tensor out = f.apply(inputs);
        Rng rng = new Rng(1234);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.gaussian();
        out.backward(r);
        Rng pick = new Rng(99);
        for (int ti = 0; ti < inputs.length; ti++) {
            Tensor t = inputs[ti];
            if (!t.requiresGrad()) continue;
            float[] analytic = t.gradArray();
            if (analytic == null) throw new AssertionError(name + ": input " + ti + " received no gradient");
            float[] x = t.data();
            int n = x.length;
            int count = Math.min(n, maxPerInput);
            for (int c = 0; c < count; c++) {
                int i = n <= maxPerInput ? c : pick.nextInt(n);
                float orig = x[i];
                float eps = 1e-2f * Math.max(1f, Math.abs(orig));
                x[i] = orig + eps;
                double lp = probe(f, inputs, r);
                x[i] = orig - eps;
                double lm = probe(f, inputs, r);
                x[i] = orig;
                double numeric = (lp - lm) / (2.0 * eps);
                double a = analytic[i];
                if (!(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
                    throw new AssertionError(String.format("%s: gradient mismatch for input %d element %d: analytic %.6g, numeric %.6g",
                            name, ti, i, a, numeric));
                }
            }
        }
    }

    private static double probe(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] r) {
        try (var ng = GradMode.noGrad()) {
            Tensor out = f.apply(inputs);
            double s = 0;
            float[] d = out.data();
            for (int i = 0; i < d.length; i++) s += (double) d[i] * r[i];
            return s;
        }
    }
}
