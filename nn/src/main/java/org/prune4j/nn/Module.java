package org.prune4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.prune4j.core.kernels.Devices;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Tensor;

/**
 * The base of every layer and model, shaped like torch.nn.Module: parameters, buffers
 * and child modules registered by name in order, addressed by dotted paths such as
 * {@code layer1.0.conv1.weight}. Traversal order matches PyTorch's state_dict (own
 * parameters, own buffers, then each child), so checkpoints line up with PyTorch's.
 */
public abstract class Module {
    private final LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output. */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------ registration

    /** Registers a child module under name and returns it (for field initialisers). */
    protected <M extends Module> M registerModule(String name, M child) {
        checkName(name, "module");
        if (child == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": child module '" + name + "' must not be null");
        if (child == this) throw new IllegalArgumentException(getClass().getSimpleName() + ": a module cannot be its own child ('" + name + "')");
        children.put(name, child);
        child.train(training);
        return child;
    }

    protected Parameter registerParameter(String name, Parameter p) {
        checkName(name, "parameter");
        if (p == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name + "' must not be null");
        params.put(name, p);
        return p;
    }

    /** Registers a non-trainable state tensor (running statistics and the like), saved in the state dict. */
    protected Tensor registerBuffer(String name, Tensor t) {
        checkName(name, "buffer");
        if (t == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": buffer '" + name + "' must not be null");
        buffers.put(name, t);
        return t;
    }

    private void checkName(String name, String kind) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + kind + " name must be non-empty and contain no '.', got '" + name + "'");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    // ------------------------------------------------------------------ traversal

    /** Direct children in registration order. */
    public Map<String, Module> namedChildren() { return Collections.unmodifiableMap(children); }

    public Module child(String name) {
        Module m = children.get(name);
        if (m == null) throw new IllegalArgumentException(getClass().getSimpleName() + " has no child '" + name + "'; children: " + children.keySet());
        return m;
    }

    /** This module ("") and all descendants, pre-order, with dotted names. */
    public Map<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String prefix, Map<String, Module> out) {
        out.put(prefix, this);
        for (var e : children.entrySet()) e.getValue().collectModules(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
    }

    /** Every parameter with its dotted name; a parameter shared by two modules appears once, under its first name. */
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        IdentityHashMap<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (var m : namedModules().entrySet()) {
            for (var p : m.getValue().params.entrySet()) {
                if (seen.put(p.getValue(), Boolean.TRUE) == null) out.put(join(m.getKey(), p.getKey()), p.getValue());
            }
        }
        return out;
    }

    public List<Parameter> parameters() { return new ArrayList<>(namedParameters().values()); }

    public LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet()) {
            for (var b : m.getValue().buffers.entrySet()) out.put(join(m.getKey(), b.getKey()), b.getValue());
        }
        return out;
    }

    /** Masks of the parameters that have one, keyed by parameter name. */
    public LinkedHashMap<String, Mask> namedMasks() {
        LinkedHashMap<String, Mask> out = new LinkedHashMap<>();
        for (var e : namedParameters().entrySet()) if (e.getValue().hasMask()) out.put(e.getKey(), e.getValue().mask());
        return out;
    }

    private static String join(String prefix, String name) { return prefix.isEmpty() ? name : prefix + "." + name; }

    /** Applies fn to every module, children first, then this one (like PyTorch's Module.apply). */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children.values()) c.apply(fn);
        fn.accept(this);
        return this;
    }

    // ------------------------------------------------------------------ modes and bookkeeping

    /** Sets training mode on this module and all descendants. */
    public Module train(boolean on) {
        training = on;
        for (Module c : children.values()) c.train(on);
        return this;
    }

    public Module train() { return train(true); }

    public Module eval() { return train(false); }

    public boolean isTraining() { return training; }

    /** Total number of parameter elements (masked entries included). */
    public long numParameters() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }

    public void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /**
     * Moves every parameter (with its gradient) and buffer to device in place, as
     * PyTorch's {@code module.to(device)}: the Parameter objects stay the same, so an
     * optimizer built before the move keeps working (its state follows each parameter
     * at the next step). Forward then runs on the device; feed it inputs moved with
     * {@code Tensor.to(device)}. {@code to(Device.CPU)} brings every value home.
     * Throws {@link org.prune4j.core.kernels.DeviceUnavailableException} naming the
     * problem, before anything moves, when the device cannot be used.
     */
    public Module to(Device device) {
        if (device == null) throw new IllegalArgumentException(getClass().getSimpleName() + ".to: device must not be null");
        if (device.kind() != Device.Kind.CPU) Devices.require(device);
        for (Parameter p : parameters()) p.moveTo(device);
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor b : namedBuffers().values()) if (seen.put(b, Boolean.TRUE) == null) b.moveTo(device);
        return this;
    }

    /**
     * The device this module's parameters and buffers live on (the CPU when it has none).
     * Throws when they are spread over several devices, naming two of them.
     */
    public Device device() {
        Device found = null;
        String where = null;
        List<Map.Entry<String, Tensor>> all = new ArrayList<>(stateDict().entrySet());
        for (var e : all) {
            Device d = e.getValue().device();
            if (found == null) {
                found = d;
                where = e.getKey();
            } else if (!found.equals(d)) {
                throw new IllegalStateException(getClass().getSimpleName() + " is spread over devices: " + where + " is on " + found
                        + " but " + e.getKey() + " is on " + d + "; call to(device) to gather it");
            }
        }
        return found == null ? Device.CPU : found;
    }

    // ------------------------------------------------------------------ state dict

    /** Parameters and buffers by dotted name, in PyTorch's order. The tensors are live (not copies). */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet()) {
            Module mod = m.getValue();
            for (var p : mod.params.entrySet()) out.put(join(m.getKey(), p.getKey()), p.getValue().tensor());
            for (var b : mod.buffers.entrySet()) out.put(join(m.getKey(), b.getKey()), b.getValue());
        }
        return out;
    }

    /**
     * Copies values from state into this module's parameters and buffers. Strict loading
     * rejects missing and unexpected keys; shape mismatches are always rejected. All
     * problems are reported together, and nothing is modified unless the whole load is valid.
     * Parameters that carry a mask are re-masked after loading.
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        if (state == null) throw new IllegalArgumentException("state dict must not be null");
        LinkedHashMap<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!src.shape().equals(e.getValue().shape())) {
                mismatched.add(e.getKey() + ": checkpoint has " + src.shape() + ", model has " + e.getValue().shape());
            }
        }
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        boolean bad = !mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()));
        if (bad) throw new StateDictException(getClass().getSimpleName(), strict ? missing : List.of(), strict ? unexpected : List.of(), mismatched);
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null) System.arraycopy(src.data(), 0, e.getValue().data(), 0, src.size());
        }
        for (Parameter p : parameters()) p.applyMask();
    }

    public void loadStateDict(Map<String, Tensor> state) { loadStateDict(state, true); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        describe(sb, "", 0);
        return sb.toString();
    }

    /** One line per module in the tree, indented, with its own parameter shapes. */
    private void describe(StringBuilder sb, String name, int depth) {
        sb.append("  ".repeat(depth)).append(name.isEmpty() ? "" : name + ": ").append(getClass().getSimpleName());
        for (var p : params.entrySet()) sb.append(' ').append(p.getKey()).append(p.getValue().shape());
        sb.append('\n');
        for (var c : children.entrySet()) c.getValue().describe(sb, c.getKey(), depth + 1);
    }
}
