package org.prune4j.nn;

import org.prune4j.core.kernels.Devices;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * A trainable leaf tensor of a {@link Module}, optionally carrying a pruning {@link Mask}.
 * Layers compute with {@link #effective()}: the plain tensor when dense, {@code w ⊙ m}
 * when masked. The invariant every optimizer keeps is that masked-out entries of
 * {@link #data()} are exactly zero after each step; {@link #setMask} establishes it
 * at once by zeroing the pruned entries.
 *
 * <p>{@link #isPrunable()} marks the weights pruning methods act on (the {@code weight}
 * of every Conv2d and Linear); biases, BatchNorm and recurrent gate scalars are not.
 * {@link #denseGradient()} lets methods that score pruned weights (FORCE, FGGP, regrowth)
 * see the full gradient at masked positions; the optimizer still keeps them at zero.
 */
public final class Parameter {
    private final Tensor tensor;
    private final boolean prunable;
    private Mask mask;
    private boolean denseGradient;

    public Parameter(Tensor tensor, boolean prunable) {
        if (tensor == null) throw new IllegalArgumentException("parameter tensor must not be null");
        if (!tensor.isLeaf()) throw new IllegalArgumentException("a parameter must be a leaf tensor, got one computed by " + tensor.gradFn());
        this.tensor = tensor.requiresGrad(true);
        this.prunable = prunable;
    }

    /** A non-prunable parameter (bias, BatchNorm scale, ...). */
    public Parameter(Tensor tensor) { this(tensor, false); }

    /** The leaf tensor itself (its data is what optimizers update). */
    public Tensor tensor() { return tensor; }

    /** The live data array. */
    public float[] data() { return tensor.data(); }

    public Shape shape() { return tensor.shape(); }

    public int size() { return tensor.size(); }

    /** The raw gradient array, or null before the first backward (or after zeroGrad). */
    public float[] gradArray() { return tensor.gradArray(); }

    public void zeroGrad() { tensor.zeroGrad(); }

    public boolean isPrunable() { return prunable; }

    public Mask mask() { return mask; }

    public boolean hasMask() { return mask != null; }

    /**
     * Attaches a mask (null removes it) and zeroes the pruned entries, so the invariant
     * "masked-out weights are exactly zero" holds from this moment on.
     */
    public void setMask(Mask m) {
        if (m != null && !m.shape().equals(tensor.shape())) {
            throw new IllegalArgumentException("mask shape " + m.shape() + " does not match parameter shape " + tensor.shape());
        }
        this.mask = m;
        Device on = tensor.device();
        if (m != null && on.kind() != Device.Kind.CPU) Devices.move(m.data(), Device.CPU, on);
        applyMask();
    }

    public void clearMask() { this.mask = null; }

    /** Moves the weight (in place, keeping its identity) and its mask to device, so optimizers and masked ops read both where they run. */
    public void moveTo(Device device) {
        Device from = tensor.device();
        tensor.moveTo(device);
        if (mask != null) Devices.move(mask.data(), from, device);
    }

    /** Zeroes the entries the mask prunes (no-op when dense). */
    public void applyMask() {
        if (mask != null) mask.applyTo(tensor.data());
    }

    public boolean denseGradient() { return denseGradient; }

    public void setDenseGradient(boolean on) { this.denseGradient = on; }

    /** The tensor a layer computes with: {@code w ⊙ m} when masked (gradient per {@link #denseGradient()}), else w. */
    public Tensor effective() {
        return mask == null ? tensor : Ops.masked(tensor, mask, denseGradient);
    }

    /** Number of nonzero entries of the data. */
    public int countNonzero() {
        int c = 0;
        for (float v : tensor.data()) if (v != 0f) c++;
        return c;
    }

    @Override public String toString() {
        return "Parameter" + tensor.shape() + (prunable ? " prunable" : "") + (mask != null ? " " + mask : "");
    }
}
