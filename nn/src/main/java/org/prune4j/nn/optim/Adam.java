package org.prune4j.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

/**
 * Adam as torch.optim.Adam, with bias correction: m ← β1·m + (1−β1)g,
 * v ← β2·v + (1−β2)g², w ← w − (lr/(1−β1^t))·m / (√v/√(1−β2^t) + ε). Weight decay is
 * coupled (g ← g + λw, Adam) or decoupled (w ← w·(1 − lr·λ) before the update, AdamW).
 */
public final class Adam extends Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final Tensor[] expAvg;
    private final Tensor[] expAvgSq;
    private final int[] steps;

    public Adam(List<Parameter> params, float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupledWeightDecay) {
        super(params, lr);
        if (!(beta1 >= 0f && beta1 < 1f)) throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0f && beta2 < 1f)) throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0f) || Float.isInfinite(eps)) throw new IllegalArgumentException("Adam: eps must be positive and finite, got " + eps);
        if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) throw new IllegalArgumentException("Adam: weight decay must be finite and >= 0, got " + weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupledWeightDecay;
        int n = this.params.size();
        this.expAvg = new Tensor[n];
        this.expAvgSq = new Tensor[n];
        this.steps = new int[n];
    }

    /** β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(List<Parameter> params, float lr) { this(params, lr, 0.9f, 0.999f, 1e-8f, 0f, false); }

    /** AdamW: decoupled weight decay with PyTorch's other defaults. */
    public static Adam adamW(List<Parameter> params, float lr, float weightDecay) {
        return new Adam(params, lr, 0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    @Override protected void update(int index, Kernels k, Tensor w, float[] g, float[] mask) {
        if (expAvg[index] == null) {
            expAvg[index] = newState(w);
            expAvgSq[index] = newState(w);
        }
        float[] m = follow(expAvg[index], w).buffer(), v = follow(expAvgSq[index], w).buffer();
        int t = ++steps[index];
        float lr = lr();
        float bc1 = (float) (1.0 - Math.pow(beta1, t));
        float sqrtBc2 = (float) Math.sqrt(1.0 - Math.pow(beta2, t));
        float stepSize = lr / bc1;
        k.adamUpdate(w.size(), w.buffer(), g, m, v, lr, stepSize, beta1, beta2, eps, weightDecay, decoupled, sqrtBc2, mask);
    }

    @Override public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < steps.length; i++) {
            if (expAvg[i] == null) continue;
            out.put(i + ".step", Tensor.scalar(steps[i]));
            out.put(i + ".exp_avg", hostCopy(expAvg[i]));
            out.put(i + ".exp_avg_sq", hostCopy(expAvgSq[i]));
        }
        return out;
    }

    @Override public void loadStateDict(Map<String, Tensor> state) {
        checkStateKeys(state, Set.of("step", "exp_avg", "exp_avg_sq"));
        int n = steps.length;
        float[][] m = new float[n][], v = new float[n][];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = readState(state, i + ".exp_avg", i);
            v[i] = readState(state, i + ".exp_avg_sq", i);
            Tensor s = state.get(i + ".step");
            if ((m[i] == null) != (v[i] == null) || (m[i] == null) != (s == null)) {
                throw new IllegalArgumentException("Adam state for parameter " + i + " is incomplete: needs step, exp_avg and exp_avg_sq together");
            }
            if (s != null) {
                float f = s.size() == 1 ? s.data()[0] : -1f;
                if (!(f >= 1f) || f != Math.rint(f)) throw new IllegalArgumentException("Adam state '" + i + ".step' must be one positive integer, got " + s);
                t[i] = (int) f;
            }
        }
        for (int i = 0; i < n; i++) { // on the host; they follow their parameter at the next step
            expAvg[i] = m[i] == null ? null : Tensor.of(m[i], params.get(i).shape());
            expAvgSq[i] = v[i] == null ? null : Tensor.of(v[i], params.get(i).shape());
        }
        System.arraycopy(t, 0, steps, 0, n);
    }

    /** Number of updates parameter index has received. */
    public int stepCount(int index) { return steps[index]; }

    /** The first moment of parameter index (live, current on the host), or null before its first step. */
    public float[] expAvg(int index) { return expAvg[index] == null ? null : expAvg[index].data(); }

    /** The second moment of parameter index (live, current on the host), or null before its first step. */
    public float[] expAvgSq(int index) { return expAvgSq[index] == null ? null : expAvgSq[index].data(); }
}
