package org.prune4j.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * One tensor as safetensors stores it: a dtype, a shape and its little-endian bytes.
 * Factories convert from engine types (float tensors, masks as U8 0/1, int arrays);
 * accessors convert back and refuse a dtype that does not fit.
 */
public final class StoredTensor {
    private final DType dtype;
    private final long[] shape;
    private final byte[] bytes;

    StoredTensor(DType dtype, long[] shape, byte[] bytes) {
        if (dtype == null || shape == null || bytes == null) throw new IllegalArgumentException("StoredTensor: dtype, shape and bytes must not be null");
        long n = elementCount(shape);
        if (n * dtype.bytes() != bytes.length) {
            throw new IllegalArgumentException("StoredTensor: shape " + Arrays.toString(shape) + " of " + dtype + " needs " + n * dtype.bytes() + " bytes, got " + bytes.length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.bytes = bytes;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public static StoredTensor f32(Tensor t) {
        if (t == null) throw new IllegalArgumentException("StoredTensor.f32: tensor must not be null");
        return f32(t.data(), toLong(t.dims()));
    }

    public static StoredTensor f32(float[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return new StoredTensor(DType.F32, shape, b.array());
    }

    public static StoredTensor i32(int[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(data);
        return new StoredTensor(DType.I32, shape, b.array());
    }

    public static StoredTensor u8(byte[] data, long... shape) { return new StoredTensor(DType.U8, shape, data.clone()); }

    /** A mask as U8 0/1 with the mask's shape. */
    public static StoredTensor mask(Mask m) {
        if (m == null) throw new IllegalArgumentException("StoredTensor.mask: mask must not be null");
        float[] d = m.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i] != 0f ? (byte) 1 : (byte) 0;
        return new StoredTensor(DType.U8, toLong(m.shape().dims()), out);
    }

    public DType dtype() { return dtype; }

    public long[] shape() { return shape.clone(); }

    public long elementCount() { return elementCount(shape); }

    /** Little-endian bytes (live; do not modify). */
    byte[] rawBytes() { return bytes; }

    public float[] toFloats() {
        requireDtype(DType.F32);
        float[] out = new float[(int) elementCount()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    public int[] toInts() {
        requireDtype(DType.I32);
        int[] out = new int[(int) elementCount()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    public long[] toLongs() {
        requireDtype(DType.I64);
        long[] out = new long[(int) elementCount()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    public byte[] toBytes() {
        requireDtype(DType.U8);
        return bytes.clone();
    }

    /**
     * A float tensor with this shape. F32 loads as is; I64 and I32 convert (so PyTorch's
     * int64 num_batches_tracked loads into the engine's float buffer).
     */
    public Tensor toTensor() {
        float[] f = switch (dtype) {
            case F32 -> toFloats();
            case I32 -> { int[] a = toInts(); float[] r = new float[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; yield r; }
            case I64 -> { long[] a = toLongs(); float[] r = new float[a.length]; for (int i = 0; i < a.length; i++) r[i] = a[i]; yield r; }
            case U8 -> throw new IllegalStateException("a U8 tensor is a mask or raw bytes; read it with toMask() or toBytes()");
        };
        return Tensor.of(f, Shape.of(toInt(shape)));
    }

    /** A Mask from U8 (or F32) 0/1 values; any other value is rejected. */
    public Mask toMask() {
        float[] v = new float[(int) elementCount()];
        if (dtype == DType.U8) {
            for (int i = 0; i < v.length; i++) {
                int b = bytes[i] & 0xff;
                if (b > 1) throw new IllegalArgumentException("mask byte " + b + " at index " + i + " is not 0 or 1");
                v[i] = b;
            }
        } else if (dtype == DType.F32) {
            float[] f = toFloats();
            for (int i = 0; i < v.length; i++) {
                if (f[i] != 0f && f[i] != 1f) throw new IllegalArgumentException("mask value " + f[i] + " at index " + i + " is not 0 or 1");
                v[i] = f[i];
            }
        } else {
            throw new IllegalStateException("a mask must be stored as U8 or F32, found " + dtype);
        }
        return Mask.of(Shape.of(toInt(shape)), v);
    }

    private void requireDtype(DType d) {
        if (dtype != d) throw new IllegalStateException("tensor is " + dtype + ", not " + d);
    }

    private static long[] toLong(int[] dims) {
        long[] r = new long[dims.length];
        for (int i = 0; i < dims.length; i++) r[i] = dims[i];
        return r;
    }

    private static int[] toInt(long[] dims) {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) throw new IllegalStateException("dimension " + dims[i] + " too large for an engine tensor");
            r[i] = (int) dims[i];
        }
        return r;
    }

    @Override public String toString() { return dtype + Arrays.toString(shape); }
}
