package org.prune4j.core.sparse;

import java.util.Arrays;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.tensor.Shape;

/**
 * A binary keep-mask over a weight (1 = kept, 0 = pruned), stored as floats so it
 * multiplies directly. Every change goes through this class and bumps
 * {@link #version()}, so layers know when to rebuild their CSR structure.
 *
 * <p>Kernels only read masks, so the host copy is always current; a device may keep a
 * copy of a masked parameter's mask ({@code Module.to}), which every change here
 * invalidates through {@link HostAccess#beforeHostAccess} before writing.
 */
public final class Mask {
    private final Shape shape;
    private final float[] data;
    private long version;
    private int nnz;

    private Mask(Shape shape, float[] data) {
        this.shape = shape;
        this.data = data;
        recount();
    }

    public static Mask ones(Shape shape) {
        float[] d = new float[shape.size()];
        Arrays.fill(d, 1f);
        return new Mask(shape, d);
    }

    /** A mask from 0/1 values (any nonzero counts as 1). */
    public static Mask of(Shape shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("mask: " + values.length + " values for shape " + shape + " (" + shape.size() + " expected)");
        }
        float[] d = new float[values.length];
        for (int i = 0; i < d.length; i++) {
            if (Float.isNaN(values[i])) throw new IllegalArgumentException("mask: NaN at index " + i);
            d[i] = values[i] != 0f ? 1f : 0f;
        }
        return new Mask(shape, d);
    }

    /** Keeps the entries whose |w| is at least threshold (ties kept). */
    public static Mask fromThreshold(Shape shape, float[] weight, float threshold) {
        float[] d = new float[weight.length];
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(weight[i]) >= threshold ? 1f : 0f;
        return of(shape, d);
    }

    public Shape shape() { return shape; }

    /** Live 0/1 values. Read-only for callers: change masks through {@link #set} or {@link #assign}. */
    public float[] data() { return data; }

    public long version() { return version; }

    public int nnz() { return nnz; }

    public int size() { return data.length; }

    public double density() { return data.length == 0 ? 0.0 : (double) nnz / data.length; }

    public double sparsity() { return 1.0 - density(); }

    public boolean isKept(int i) { return data[i] != 0f; }

    public void set(int i, boolean keep) {
        float v = keep ? 1f : 0f;
        if (data[i] != v) {
            HostAccess.beforeHostAccess(data);
            data[i] = v;
            nnz += keep ? 1 : -1;
            version++;
        }
    }

    /** Replaces all values (0/1) at once. */
    public void assign(float[] values) {
        if (values.length != data.length) throw new IllegalArgumentException("mask assign: " + values.length + " values for " + data.length);
        HostAccess.beforeHostAccess(data);
        for (int i = 0; i < data.length; i++) data[i] = values[i] != 0f ? 1f : 0f;
        recount();
        version++;
    }

    /** Zeroes w wherever the mask is 0. */
    public void applyTo(float[] w) {
        if (w.length != data.length) throw new IllegalArgumentException("mask of " + data.length + " entries applied to " + w.length + " weights");
        for (int i = 0; i < w.length; i++) if (data[i] == 0f) w[i] = 0f;
    }

    public Mask copy() { return new Mask(shape, data.clone()); }

    private void recount() {
        int c = 0;
        for (float v : data) if (v != 0f) c++;
        nnz = c;
    }

    @Override public String toString() { return "Mask" + shape + String.format("[density=%.4f]", density()); }
}
