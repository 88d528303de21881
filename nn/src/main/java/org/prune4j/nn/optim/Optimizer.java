package org.prune4j.nn.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.prune4j.core.kernels.Devices;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

/**
 * Updates a fixed list of parameters from their gradients. After every update the
 * optimizer re-applies each parameter's mask and zeroes its own state (momentum, Adam
 * moments) at the masked positions, so neither the update nor stale state can revive a
 * pruned weight. Parameters without a gradient are skipped, as in PyTorch.
 *
 * <p>Updates run as one fused kernel per parameter on the parameter's device, so on an
 * accelerator weights, gradients and state never come to the host. State lives on
 * the device of its parameter and follows it when the model moves.
 *
 * <p>State is saved per parameter index (PyTorch's convention) as tensors named
 * {@code <index>.<state name>}, e.g. {@code 3.momentum_buffer}.
 */
public abstract class Optimizer {
    protected final List<Parameter> params;
    private float lr;

    protected Optimizer(List<Parameter> params, float lr) {
        if (params == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter list must not be null");
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": got an empty parameter list");
        IdentityHashMap<Parameter, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (p == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " is null");
            Integer prev = seen.put(p, i);
            if (prev != null) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " is the same object as parameter " + prev);
        }
        this.params = List.copyOf(params);
        setLr(lr);
    }

    public float lr() { return lr; }

    public void setLr(float lr) {
        if (!(lr >= 0f) || Float.isInfinite(lr)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and >= 0, got " + lr);
        this.lr = lr;
    }

    public List<Parameter> parameters() { return params; }

    public void zeroGrad() {
        for (Parameter p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient, with the mask invariant restored in the same kernel. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Tensor w = p.tensor();
            float[] g = w.gradBuffer(); // a kernel buffer: it stays on the device
            if (g == null) continue;
            Mask m = p.mask();
            update(i, Devices.kernels(w.device()), w, g, m == null ? null : m.data());
        }
    }

    /**
     * Updates w in place from gradient g (a kernel buffer, not modified) through k, the
     * kernels of w's device; where mask (null when dense) is 0 the weight and this
     * optimizer's state end exactly 0.
     */
    protected abstract void update(int index, Kernels k, Tensor w, float[] g, float[] mask);

    /** The per-parameter state as named tensors (copies). */
    public abstract LinkedHashMap<String, Tensor> stateDict();

    /** Restores state saved by {@link #stateDict()}; rejects unknown keys and wrong shapes. */
    public abstract void loadStateDict(Map<String, Tensor> state);

    // ------------------------------------------------------------------ helpers for subclasses

    /** New zero state shaped like parameter w, on w's device. */
    protected static Tensor newState(Tensor w) { return Tensor.zeros(w.device(), w.shape()); }

    /** state moved (in place) to w's device if the model moved since the last step; returns state. */
    protected static Tensor follow(Tensor state, Tensor w) {
        if (state != null && !state.device().equals(w.device())) state.moveTo(w.device());
        return state;
    }

    /** A host copy of state for a state dict (null stays null). */
    protected static Tensor hostCopy(Tensor state) {
        return state == null ? null : Tensor.of(state.data().clone(), state.shape());
    }

    /** Copies state[index.name] into a new array after checking the key, size and index range. */
    protected float[] readState(Map<String, Tensor> state, String key, int index) {
        Tensor t = state.get(key);
        if (t == null) return null;
        int expected = params.get(index).size();
        if (t.size() != expected) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " state '" + key + "' has " + t.size()
                    + " elements but parameter " + index + " has shape " + params.get(index).shape());
        }
        return t.data().clone();
    }

    /** Rejects keys that are not "<index>.<one of names>" for a valid index. */
    protected void checkStateKeys(Map<String, Tensor> state, Set<String> names) {
        if (state == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": state dict must not be null");
        List<String> bad = new ArrayList<>();
        for (String k : state.keySet()) {
            int dot = k.indexOf('.');
            boolean ok = false;
            if (dot > 0 && names.contains(k.substring(dot + 1))) {
                try {
                    int i = Integer.parseInt(k.substring(0, dot));
                    ok = i >= 0 && i < params.size();
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) bad.add(k);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": unexpected optimizer state keys " + bad + "; expected <index>."
                    + new TreeSet<>(names) + " with index in [0, " + params.size() + ")");
        }
    }
}
