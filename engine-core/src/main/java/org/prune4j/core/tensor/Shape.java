package org.prune4j.core.tensor;

import java.util.Arrays;

/** An immutable tensor shape (row-major). Dimensions are non-negative; a scalar has rank 0. */
public final class Shape {
    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        long s = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("negative dimension " + dims[i] + " at axis " + i + " in " + Arrays.toString(dims));
            }
            s *= dims[i];
        }
        if (s > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has " + s + " elements, more than a Java array can hold");
        }
        this.dims = dims;
        this.size = s;
    }

    public static Shape of(int... dims) {
        if (dims == null) throw new IllegalArgumentException("dims must not be null");
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() { return dims.length; }

    /** Dimension at axis; negative axes count from the end as in PyTorch. */
    public int dim(int axis) { return dims[normalizeAxis(axis)]; }

    public int[] dims() { return dims.clone(); }

    public int size() { return (int) size; }

    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    /** Product of dims in [from, to). */
    public int prod(int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= dims[i];
        return (int) p;
    }

    /** Resolves a reshape target that may contain one -1. */
    public Shape reshape(int... target) {
        int infer = -1;
        long known = 1;
        int[] t = target.clone();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape " + Arrays.toString(target) + ": only one -1 allowed");
                infer = i;
            } else if (t[i] < 0) {
                throw new IllegalArgumentException("reshape " + Arrays.toString(target) + ": negative dimension");
            } else {
                known *= t[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + this + " (" + size + " elements) to " + Arrays.toString(target));
            }
            t[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape " + this + " (" + size + " elements) to " + Arrays.toString(target) + " (" + known + " elements)");
        }
        return new Shape(t);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override public int hashCode() { return Arrays.hashCode(dims); }

    @Override public String toString() { return Arrays.toString(dims); }
}
