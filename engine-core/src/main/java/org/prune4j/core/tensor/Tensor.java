package org.prune4j.core.tensor;

import java.util.Arrays;
import org.prune4j.core.autograd.Backward;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Devices;

/**
 * A dense float32 tensor: row-major, contiguous, NCHW for images. Storage is a plain
 * {@code float[]} owned by the GC; {@link #reshape} returns a view sharing it. A tensor
 * that requires grad accumulates its gradient in {@link #grad()} when
 * {@link #backward()} runs on a result computed from it.
 *
 * <p>A tensor lives on a {@link Device}: ops run on the device of their inputs and put
 * their results there. On an accelerator the {@code float[]} stays the tensor's
 * identity while the current value lives on the device; {@link #data()} brings it home.
 * {@link #to} copies a tensor to another device; {@link #moveTo} moves a leaf in place
 * (what {@code Module.to} does with parameters).
 */
public final class Tensor {
    private final Shape shape;
    /** Null once released: the storage went back to its {@link StepArena} when the step that made it ended. */
    private float[] data;
    private Device device;
    private boolean requiresGrad;
    private boolean retainGrad;
    private float[] grad;
    private Node gradFn;
    private String name;

    private Tensor(Shape shape, float[] data, Device device) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape " + shape + " needs " + shape.size());
        }
        this.shape = shape;
        this.data = data;
        this.device = device;
        HostAccess.created(data);
        StepArena.made(this, data);
    }

    // ------------------------------------------------------------------ factories

    /** Wraps data (not copied) with the given shape. */
    public static Tensor of(float[] data, int... dims) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(Shape.of(dims), data, Device.CPU);
    }

    public static Tensor of(float[] data, Shape shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(shape, data, Device.CPU);
    }

    public static Tensor scalar(float v) { return new Tensor(Shape.scalar(), new float[] {v}, Device.CPU); }

    public static Tensor zeros(int... dims) { return zeros(Shape.of(dims)); }

    public static Tensor zeros(Shape s) { return new Tensor(s, new float[s.size()], Device.CPU); }

    /** Zeros on device (ops allocate their results this way); fails clearly when the device cannot be used. */
    public static Tensor zeros(Device device, Shape s) {
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (device.kind() != Device.Kind.CPU) Devices.require(device); // its runtime must see the storage being created
        return new Tensor(s, new float[s.size()], device);
    }

    public static Tensor zeros(Device device, int... dims) { return zeros(device, Shape.of(dims)); }

    /**
     * An op's result on device that a kernel will overwrite in full (every element written, none read first): during
     * a {@link StepArena} step on the host, over an array the arena kept from an earlier step (contents arbitrary),
     * released when the step ends; otherwise {@link #zeros(Device, Shape)}.
     */
    public static Tensor result(Device device, Shape s) {
        if (device != null && device.kind() == Device.Kind.CPU) {
            float[] a = StepArena.take(s.size());
            if (a != null) return new Tensor(s, a, device);
        }
        return zeros(device, s);
    }

    public static Tensor result(Device device, int... dims) { return result(device, Shape.of(dims)); }

    /** A one-element tensor on device holding v (set on the host; it reaches the device when a kernel needs it). */
    public static Tensor scalar(Device device, float v) {
        Tensor t = zeros(device, Shape.scalar());
        t.buffer()[0] = v; // fresh storage: the host copy is the current one
        return t;
    }

    /**
     * Wraps an array that kernels of device produced (or host data, current on the host)
     * as a tensor on device. For ops; users create host tensors and call {@link #to}.
     */
    public static Tensor wrap(Device device, float[] data, Shape shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        if (device == null) throw new IllegalArgumentException("device must not be null");
        if (device.kind() != Device.Kind.CPU) Devices.require(device);
        return new Tensor(shape, data, device);
    }

    public static Tensor ones(int... dims) { return full(1f, dims); }

    public static Tensor full(float v, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, v);
        return t;
    }

    public static Tensor rand(Rng rng, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) t.data[i] = rng.uniform();
        return t;
    }

    public static Tensor randn(Rng rng, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) rng.gaussian();
        return t;
    }

    // ------------------------------------------------------------------ basic accessors

    public Shape shape() { return shape; }

    public int[] dims() { return shape.dims(); }

    public int dim(int axis) { return shape.dim(axis); }

    public int rank() { return shape.rank(); }

    public int size() { return shape.size(); }

    public Device device() { return device; }

    /**
     * The backing array (live, not a copy) for host code to read or write. When a device
     * backend keeps this tensor on an accelerator, the host copy is made current first
     * (see {@link HostAccess}); call it again before each later host access.
     */
    public float[] data() { return HostAccess.beforeHostAccess(live()); }

    /**
     * The backing array without syncing: only to pass to a {@link org.prune4j.core.kernels.Kernels}
     * call, which knows where the current copy lives. Host code uses {@link #data()}.
     */
    public float[] buffer() { return live(); }

    /** Whether this tensor's storage went back to its {@link StepArena} (any use of it now throws). */
    public boolean isReleased() { return data == null; }

    /** Called by the {@link StepArena} step that made this tensor's storage, as the step ends. */
    void release() { data = null; }

    private float[] live() {
        float[] d = data;
        if (d == null) {
            throw new IllegalStateException("Tensor" + shape + (name == null ? "" : " '" + name + "'")
                    + " was released when the training step that computed it ended (StepArena): its storage now holds a"
                    + " later step's values. Read or copy() what you need before the step closes");
        }
        return d;
    }

    public float item() {
        if (shape.size() != 1) throw new IllegalStateException("item() needs a tensor with one element, got shape " + shape);
        return data()[0];
    }

    public float get(int... index) { return data()[flatIndex(index)]; }

    public void set(float v, int... index) { data()[flatIndex(index)] = v; }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length + ", tensor has shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + shape);
            }
            flat = flat * d + index[i];
        }
        return flat;
    }

    public String name() { return name; }

    public Tensor named(String n) {
        this.name = n;
        return this;
    }

    // ------------------------------------------------------------------ autograd

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as needing a gradient. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null && !on) {
            throw new IllegalStateException("cannot turn off requiresGrad on a non-leaf tensor; use detach()");
        }
        this.requiresGrad = on;
        return this;
    }

    public Node gradFn() { return gradFn; }

    public boolean isLeaf() { return gradFn == null; }

    /** Records this tensor as the output of node (called by ops when gradients are on). */
    public Tensor withGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
        return this;
    }

    /** Keeps this non-leaf tensor's gradient after backward. */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() { return retainGrad || gradFn == null; }

    /** The gradient as a tensor sharing its storage, or null if none has been computed. */
    public Tensor grad() { return grad == null ? null : new Tensor(shape, grad, device); }

    /** The gradient array, or null, made current on the host like {@link #data()}. */
    public float[] gradArray() { return HostAccess.beforeHostAccess(grad); }

    /** The gradient array without syncing (null if none): only to pass to kernels, like {@link #buffer()}. */
    public float[] gradBuffer() { return grad; }

    /**
     * Adds g to the gradient through this tensor's device kernels, so a gradient made on
     * the device stays there. g is a kernel buffer of this tensor's device (or current on
     * the host) and is not retained.
     */
    public void accumulateGrad(float[] g) {
        if (g.length != shape.size()) {
            throw new IllegalArgumentException("gradient of " + g.length + " elements for a tensor of shape " + shape);
        }
        var k = Devices.kernels(device);
        if (grad == null) {
            float[] fresh = HostAccess.newResult(g.length);
            k.copy(g.length, g, 0, fresh, 0);
            grad = fresh;
        } else {
            k.axpy(g.length, 1f, g, 0, grad, 0);
        }
    }

    /**
     * {@link #accumulateGrad} for an array the caller allocated for this call (with the
     * ops' {@code newArray}) and references nowhere else: the first gradient adopts it
     * instead of copying it into a new array, which saves an allocation and a pass over
     * memory per gradient — for activations, megabytes per layer and step. A later one is
     * added in and then dropped, so a backward sweep may reuse it ({@link GradientRecycler}).
     */
    public void accumulateFreshGrad(float[] g) {
        boolean added = grad != null;
        takeOverGrad(g);
        if (added) GradientRecycler.dropped(g);
    }

    /**
     * Adopts g as the gradient, or adds it in when there is one: for a node's own output gradient, which the sweep
     * drops right after the node (not retained), handed on to an input without a copy (a sum's left side). Unlike
     * {@link #accumulateFreshGrad} g is never dropped here, since the node may still read it.
     */
    public void takeOverGrad(float[] g) {
        if (g.length != shape.size()) {
            throw new IllegalArgumentException("gradient of " + g.length + " elements for a tensor of shape " + shape);
        }
        if (grad == null) grad = g;
        else Devices.kernels(device).axpy(g.length, 1f, g, 0, grad, 0);
    }

    public void zeroGrad() { grad = null; }

    public void releaseGrad() { grad = null; }

    /** Sets the gradient array directly (used by optimizers and gradient hooks). */
    public void setGrad(float[] g) {
        if (g != null && g.length != shape.size()) {
            throw new IllegalArgumentException("gradient of " + g.length + " elements for a tensor of shape " + shape);
        }
        grad = g;
    }

    /** Backward from a scalar (seed 1). */
    public void backward() {
        if (shape.size() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar, got shape " + shape + "; pass the seed gradient");
        }
        Backward.run(this, new float[] {1f});
    }

    public void backward(float[] seed) { Backward.run(this, seed); }

    /** A tensor sharing data with no history (a new leaf that does not require grad). */
    public Tensor detach() { return new Tensor(shape, live(), device); }

    // ------------------------------------------------------------------ devices

    /**
     * This tensor on target: itself when it is already there, else a copy (as PyTorch's
     * {@code Tensor.to}). The copy is differentiable: its gradient flows back to this
     * tensor's device. Throws {@link org.prune4j.core.kernels.DeviceUnavailableException}
     * when target cannot be used.
     */
    public Tensor to(Device target) {
        if (target == null) throw new IllegalArgumentException("Tensor.to: device must not be null");
        if (target.equals(device)) return this;
        if (target.kind() != Device.Kind.CPU) Devices.require(target);
        Tensor out = new Tensor(shape, Devices.transfer(live(), device, target), target);
        if (recording(this)) {
            Tensor self = this;
            Device from = device;
            out.withGradFn(new Node("to(" + target + ")", this) {
                @Override public void backward(float[] g) { self.accumulateGrad(Devices.transfer(g, target, from)); }
            });
        }
        return out;
    }

    /**
     * Moves this leaf to target in place, with its gradient: the storage keeps its
     * identity, its value now lives on target (what {@code Module.to} does with
     * parameters and buffers). Views made before the move keep the old device; make
     * them again. Results of ops cannot move: use {@link #to}.
     */
    public Tensor moveTo(Device target) {
        if (target == null) throw new IllegalArgumentException("Tensor.moveTo: device must not be null");
        if (gradFn != null) {
            throw new IllegalStateException("Tensor.moveTo moves leaf tensors in place; this one was computed by " + gradFn
                    + ", copy it with to(" + target + ") instead");
        }
        if (target.equals(device)) return this;
        Devices.move(live(), device, target);
        if (grad != null) Devices.move(grad, device, target);
        device = target;
        return this;
    }

    /** A deep copy of the data as a new leaf. */
    public Tensor copy() { return new Tensor(shape, data().clone(), device); }

    /** Whether an op producing a result from inputs should record a node. */
    public static boolean recording(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad) return true;
        return false;
    }

    // ------------------------------------------------------------------ views

    /** A view with a new shape (one dimension may be -1), sharing data; differentiable. */
    public Tensor reshape(int... dims) {
        Shape target = shape.reshape(dims);
        Tensor out = new Tensor(target, live(), device);
        if (recording(this)) {
            Tensor self = this;
            out.withGradFn(new Node("reshape", this) {
                @Override public void backward(float[] g) { self.accumulateGrad(g); }
            });
        }
        return out;
    }

    /** Collapses all axes after the first: [N, ...] -> [N, rest]. */
    public Tensor flatten() { return reshape(shape.dim(0), -1); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape);
        if (device.kind() != Device.Kind.CPU) sb.append(" on ").append(device);
        if (requiresGrad) sb.append(" requiresGrad");
        if (isReleased()) return sb.append(" (released at the end of its training step)").toString();
        float[] data = data();
        int n = Math.min(8, data.length);
        sb.append(" [");
        for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(data[i]);
        if (data.length > n) sb.append(", ...");
        return sb.append(']').toString();
    }
}
