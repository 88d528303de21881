package org.prune4j.nn.io;

import java.util.Arrays;

/**
 * The safetensors element types Prune4J reads and writes: F32 for weights and optimizer
 * state, U8 for 0/1 masks (a quarter of F32's size), I32 for CSR index arrays, and I64
 * so that PyTorch checkpoints (whose num_batches_tracked is int64) load.
 */
public enum DType {
    F32(4), I32(4), I64(8), U8(1);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    /** The dtype for a header's "dtype" string, or an error listing the supported ones. */
    public static DType parse(String name) {
        for (DType d : values()) if (d.name().equals(name)) return d;
        throw new IllegalArgumentException("unsupported dtype \"" + name + "\"; supported: " + Arrays.toString(values()));
    }
}
