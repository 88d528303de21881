package org.prune4j.nn.layers;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/** Modules applied in order; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        if (modules == null) throw new IllegalArgumentException("Sequential: modules must not be null");
        for (Module m : modules) add(m);
    }

    public Sequential(List<? extends Module> modules) {
        if (modules == null) throw new IllegalArgumentException("Sequential: modules must not be null");
        for (Module m : modules) add(m);
    }

    /** Appends a module under the next index. */
    public Sequential add(Module m) {
        registerModule(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    public Module get(int i) {
        if (i < 0 || i >= layers.size()) throw new IllegalArgumentException("Sequential: index " + i + " out of range [0, " + layers.size() + ")");
        return layers.get(i);
    }

    public int size() { return layers.size(); }

    @Override public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module m : layers) y = m.forward(y);
        return y;
    }
}
