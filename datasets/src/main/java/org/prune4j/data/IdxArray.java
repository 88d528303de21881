package org.prune4j.data;

/**
 * The content of an IDX file of unsigned bytes: its dimensions and its payload in row-major
 * order. Only the unsigned-byte type (0x08) is supported, the only one MNIST-style sets use.
 */
public record IdxArray(int[] dims, byte[] data) {
    public int dim(int axis) { return dims[axis]; }

    public int rank() { return dims.length; }
}
