package org.prune4j.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

/**
 * Stochastic gradient descent exactly as torch.optim.SGD: coupled weight decay
 * (g ← g + λw), momentum buffer b ← μb + (1−dampening)g (b = g on the first step),
 * Nesterov g ← g + μb, else g ← b; then w ← w − lr·g.
 */
public final class SGD extends Optimizer {
    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;
    private final Tensor[] buffers;

    public SGD(List<Parameter> params, float lr, float momentum, float dampening, float weightDecay, boolean nesterov) {
        super(params, lr);
        if (!(momentum >= 0f) || Float.isInfinite(momentum)) throw new IllegalArgumentException("SGD: momentum must be finite and >= 0, got " + momentum);
        if (!(dampening >= 0f && dampening <= 1f)) throw new IllegalArgumentException("SGD: dampening must be in [0, 1], got " + dampening);
        if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) throw new IllegalArgumentException("SGD: weight decay must be finite and >= 0, got " + weightDecay);
        if (nesterov && (momentum <= 0f || dampening != 0f)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum " + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new Tensor[this.params.size()];
    }

    /** Momentum, dampening 0, coupled weight decay, optional Nesterov. */
    public SGD(List<Parameter> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        this(params, lr, momentum, 0f, weightDecay, nesterov);
    }

    /** Plain SGD. */
    public SGD(List<Parameter> params, float lr) { this(params, lr, 0f, 0f, 0f, false); }

    @Override protected void update(int index, Kernels k, Tensor w, float[] g, float[] mask) {
        float[] buf = null;
        boolean first = false;
        if (momentum != 0f) {
            first = buffers[index] == null;
            if (first) buffers[index] = newState(w);
            buf = follow(buffers[index], w).buffer();
        }
        k.sgdUpdate(w.size(), w.buffer(), g, buf, first, lr(), momentum, dampening, weightDecay, nesterov, mask);
    }

    @Override public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) out.put(i + ".momentum_buffer", hostCopy(buffers[i]));
        }
        return out;
    }

    @Override public void loadStateDict(Map<String, Tensor> state) {
        checkStateKeys(state, Set.of("momentum_buffer"));
        Tensor[] loaded = new Tensor[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            float[] b = readState(state, i + ".momentum_buffer", i);
            if (b != null) loaded[i] = Tensor.of(b, params.get(i).shape()); // on the host; follows its parameter at the next step
        }
        System.arraycopy(loaded, 0, buffers, 0, buffers.length);
    }

    public float momentum() { return momentum; }

    public float weightDecay() { return weightDecay; }

    public boolean nesterov() { return nesterov; }

    /** The momentum buffer of parameter index (live, current on the host), or null before its first step. */
    public float[] momentumBuffer(int index) { return buffers[index] == null ? null : buffers[index].data(); }
}
